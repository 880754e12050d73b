import { intervalBounds } from '../bounds/networkBounds.ts';
import { iadd, imul, point, type Interval } from '../bounds/interval.ts';
import { argmin, evaluateModel, inputScaling, type NetworkModel } from '../model/network.ts';
import type { Units } from '../model/problem.ts';
import { activationRange } from '../bounds/relaxation.ts';
import { divDiff, down, up } from '../bounds/rounding.ts';
import type { Spec } from '../model/spec.ts';

/**
 * The check every counterexample passes before the engine calls a property violated. It is
 * independent of the search: it starts from the property as written (user units, the box from
 * inside), re-evaluates the network on the candidate with interval arithmetic (so the result is
 * certain for exact arithmetic on the stored weights, not just for one rounding of it), and asks
 * that every constraint of the unsafe case holds for the whole enclosure.
 */
export interface CheckedCounterexample {
  caseIndex: number;
  /** The input in the property's units. */
  input: Float64Array;
  /** The network's output in the property's units, evaluated in floating point. */
  outputs: Float64Array;
  /** The advisory (index of the smallest output). */
  advisory: number;
  /** The smallest certified slack rhs − coeffs·y over the case's constraints (≥ 0, or > 0 for strict ones). */
  margin: number;
}

export function certifyCounterexample(model: NetworkModel, spec: Spec, units: Units, caseIndex: number, input: ArrayLike<number>): CheckedCounterexample | undefined {
  const c = spec.cases[caseIndex];
  if (!c) return undefined;
  const n = model.network.inputSize;
  for (let i = 0; i < n; i++) {
    const v = input[i]!;
    if (!(v >= c.loIn[i]! && v <= c.hiIn[i]!)) return undefined;
  }
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  const s = inputScaling(model, units);
  for (let i = 0; i < n; i++) {
    if (s) {
      const clipped = Math.min(s.inputMax[i]!, Math.max(s.inputMin[i]!, input[i]!));
      [lo[i], hi[i]] = divDiff(clipped, s.inputMean[i]!, s.inputRange[i]!);
    } else {
      lo[i] = hi[i] = input[i]!;
    }
  }
  const net = model.network;
  const bounds = intervalBounds(net, lo, hi);
  const last = net.layers.length - 1;
  const ys: Interval[] = [];
  for (let j = 0; j < net.outputSize; j++) {
    const [a, b] = activationRange(net.layers[last]!.activation, bounds.lo[last]![j]!, bounds.hi[last]![j]!);
    ys.push(s ? { lo: down(down(a * s.outputRange) + s.outputMean), hi: up(up(b * s.outputRange) + s.outputMean) } : { lo: a, hi: b });
  }
  let margin = Infinity;
  for (const k of c.constraints) {
    let sum: Interval = point(0);
    k.coeffs.forEach((a, j) => {
      if (a !== 0) sum = iadd(sum, imul(point(a), ys[j]!));
    });
    const slack = down(k.rhsLo - sum.hi);
    if (k.strict ? !(slack > 0) : !(slack >= 0)) return undefined;
    margin = Math.min(margin, slack);
  }
  const outputs = evaluateModel(model, input, units);
  return { caseIndex, input: Float64Array.from(input), outputs, advisory: argmin(outputs), margin };
}

/** Maps a point of the network's own input space back to the property's units, inside the case's box. */
export function toUserUnits(model: NetworkModel, spec: Spec, units: Units, caseIndex: number, raw: ArrayLike<number>): Float64Array {
  const c = spec.cases[caseIndex]!;
  const n = raw.length;
  const out = new Float64Array(n);
  const s = inputScaling(model, units);
  for (let i = 0; i < n; i++) {
    let v = s ? raw[i]! * s.inputRange[i]! + s.inputMean[i]! : raw[i]!;
    let lo = c.loIn[i]!;
    let hi = c.hiIn[i]!;
    if (s) {
      // Inside the clipping range when the box reaches into it; otherwise any box point clips the same way.
      lo = Math.max(lo, Math.min(hi, s.inputMin[i]!));
      hi = Math.min(hi, Math.max(lo, s.inputMax[i]!));
    }
    v = Math.min(hi, Math.max(lo, v));
    out[i] = v;
  }
  return out;
}

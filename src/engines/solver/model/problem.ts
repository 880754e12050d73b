import { InputError } from '../../contract.ts';
import { idiv, iadd, imul, point, type Interval } from '../bounds/interval.ts';
import { inputScaling, type Network, type NetworkModel } from './network.ts';
import { down, up } from '../bounds/rounding.ts';
import type { Spec } from './spec.ts';

/**
 * What the search procedures work on: the raw network and the unsafe region in its own input and
 * output coordinates. Each case is an input box (enclosing the property's box from outside) and
 * constraints `coeffs·y ≤ rhs` with rhs known to lie in [rhsLo, rhsHi].
 *   - A case is closed ("holds") when some constraint is shown to fail everywhere: min coeffs·y > rhsHi.
 *   - A counterexample is never trusted from here: it is re-checked in the user's units (search/certification.ts).
 */
export interface Constraint {
  coeffs: Float64Array;
  rhsLo: number;
  rhsHi: number;
  strict: boolean;
}

export interface Case {
  lo: Float64Array;
  hi: Float64Array;
  constraints: Constraint[];
}

export interface Problem {
  network: Network;
  cases: Case[];
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** How the property's X and Y relate to the network's own inputs and outputs. */
export type Units = 'network' | 'original';

export function buildProblem(model: NetworkModel, spec: Spec, units: Units): Problem {
  const net = model.network;
  if (spec.inputs !== net.inputSize)
    throw new InputError(`the property declares ${count(spec.inputs, 'input')} (${spec.inputs === 1 ? 'X_0' : `X_0 … X_${spec.inputs - 1}`}) but the network has ${net.inputSize}`, spec.declaredAt[0] ?? { line: 1, column: 1 });
  if (spec.outputs > net.outputSize)
    throw new InputError(`the property declares ${count(spec.outputs, 'output')} but the network has ${net.outputSize}`, { line: 1, column: 1 });
  const widen = (coeffs: Float64Array) => {
    const out = new Float64Array(net.outputSize);
    out.set(coeffs);
    return out;
  };
  const s = inputScaling(model, units);
  if (!s && units === 'network') {
    return {
      network: net,
      cases: spec.cases.map((c) => ({
        lo: c.lo.slice(),
        hi: c.hi.slice(),
        constraints: c.constraints.map((k) => ({ coeffs: widen(k.coeffs), rhsLo: k.rhsLo, rhsHi: k.rhsHi, strict: k.strict })),
      })),
    };
  }
  if (!s) throw new InputError(`${model.name} has no input and output scaling, so a property in original units cannot be applied; choose network units`, { line: 1, column: 1 });
  return {
    network: net,
    cases: spec.cases.map((c) => {
      const lo = new Float64Array(net.inputSize);
      const hi = new Float64Array(net.inputSize);
      for (let i = 0; i < net.inputSize; i++) {
        // The network clips inputs to [min, max] before normalising, so the box it sees is the clipped one.
        const clip = (v: number) => Math.min(s.inputMax[i]!, Math.max(s.inputMin[i]!, v));
        lo[i] = down(down(clip(c.lo[i]!) - s.inputMean[i]!) / s.inputRange[i]!);
        hi[i] = up(up(clip(c.hi[i]!) - s.inputMean[i]!) / s.inputRange[i]!);
      }
      // coeffs·(y·R + M) ≤ rhs  ⇔  coeffs·y ≤ (rhs − M·Σcoeffs) / R, for R > 0.
      const constraints = c.constraints.map((k) => {
        let sum: Interval = point(0);
        for (const a of k.coeffs) sum = iadd(sum, point(a));
        const shifted = iadd({ lo: k.rhsLo, hi: k.rhsHi }, imul(sum, point(-s.outputMean)));
        const rhs = idiv(shifted, point(s.outputRange));
        return { coeffs: widen(k.coeffs), rhsLo: rhs.lo, rhsHi: rhs.hi, strict: k.strict };
      });
      return { lo, hi, constraints };
    }),
  };
}

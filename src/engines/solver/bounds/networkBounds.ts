import type { Network } from '../model/network.ts';
import { activationRange } from './relaxation.ts';
import { dotError } from './rounding.ts';

/**
 * Bounds on every neuron's pre-activation value z over an input box, one pair of arrays per layer
 * (the last layer's are the output bounds, before its activation). Every bound encloses the exact
 * real value: computed values are widened by the rounding error they could carry (rounding.ts).
 */
export interface NetworkBounds {
  lo: Float64Array[];
  hi: Float64Array[];
}

/** Phase of a ReLU fixed by a split: 1 active (z ≥ 0), -1 inactive (z ≤ 0), 0 free. Indexed globally. */
export type Phases = Int8Array;

/** The global index of neuron i in layer k: layers are numbered consecutively. */
export function layerOffsets(net: Network): number[] {
  const out: number[] = [];
  let at = 0;
  for (const layer of net.layers) {
    out.push(at);
    at += layer.outSize;
  }
  out.push(at);
  return out;
}

export function emptyBounds(net: Network): NetworkBounds {
  return { lo: net.layers.map((l) => new Float64Array(l.outSize)), hi: net.layers.map((l) => new Float64Array(l.outSize)) };
}

/**
 * Narrows z's bounds by what else is known: the bounds a parent domain proved (still valid on a
 * sub-box) and the phase a split fixed (active: z ≥ 0; inactive: z ≤ 0).
 */
export function narrow(lo: Float64Array, hi: Float64Array, i: number, parent: NetworkBounds | undefined, k: number, phase: number): void {
  if (parent) {
    if (parent.lo[k]![i]! > lo[i]!) lo[i] = parent.lo[k]![i]!;
    if (parent.hi[k]![i]! < hi[i]!) hi[i] = parent.hi[k]![i]!;
  }
  if (phase > 0 && lo[i]! < 0) lo[i] = 0;
  if (phase < 0 && hi[i]! > 0) hi[i] = 0;
}

/**
 * A subdomain's bounds from its parent's alone: each neuron's parent bounds narrowed by the phase a
 * split fixed (β-CROWN reuses the parent's intermediate bounds this way). Sound on the subdomain,
 * for the cost of a copy: re-propagating intervals from the box would rarely beat bounds that
 * back-substitution computed.
 */
export function boundsUnderPhases(net: Network, parent: NetworkBounds, phases: Phases, out: NetworkBounds = emptyBounds(net)): NetworkBounds {
  let offset = 0;
  net.layers.forEach((layer, k) => {
    const lo = out.lo[k]!;
    const hi = out.hi[k]!;
    lo.set(parent.lo[k]!);
    hi.set(parent.hi[k]!);
    for (let i = 0; i < layer.outSize; i++) narrow(lo, hi, i, undefined, k, phases[offset + i]!);
    offset += layer.outSize;
  });
  return out;
}

/** Interval bound propagation (IBP): the 1-norm of each row against the box, widened for rounding. */
export function intervalBounds(
  net: Network,
  boxLo: ArrayLike<number>,
  boxHi: ArrayLike<number>,
  parent?: NetworkBounds,
  phases?: Phases,
  out: NetworkBounds = emptyBounds(net),
): NetworkBounds {
  let xLo = Float64Array.from(boxLo);
  let xHi = Float64Array.from(boxHi);
  let offset = 0;
  net.layers.forEach((layer, k) => {
    const { weights: w, bias, inSize, outSize } = layer;
    const lo = out.lo[k]!;
    const hi = out.hi[k]!;
    for (let i = 0; i < outSize; i++) {
      let l = bias[i]!;
      let h = bias[i]!;
      let abs = Math.abs(bias[i]!);
      const row = i * inSize;
      for (let j = 0; j < inSize; j++) {
        const a = w[row + j]!;
        if (a >= 0) {
          l += a * xLo[j]!;
          h += a * xHi[j]!;
        } else {
          l += a * xHi[j]!;
          h += a * xLo[j]!;
        }
        abs += Math.abs(a) * Math.max(Math.abs(xLo[j]!), Math.abs(xHi[j]!));
      }
      const e = dotError(inSize + 1, abs);
      lo[i] = l - e;
      hi[i] = h + e;
      narrow(lo, hi, i, parent, k, phases ? phases[offset + i]! : 0);
    }
    const nextLo = new Float64Array(outSize);
    const nextHi = new Float64Array(outSize);
    for (let i = 0; i < outSize; i++) {
      const [a, b] = activationRange(layer.activation, lo[i]!, hi[i]!);
      nextLo[i] = a;
      nextHi[i] = b;
    }
    xLo = nextLo;
    xHi = nextHi;
    offset += outSize;
  });
  return out;
}

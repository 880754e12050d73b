import { emptyBounds, intervalBounds, type NetworkBounds } from '../bounds/networkBounds.ts';
import { phi, type Relaxation } from '../bounds/relaxation.ts';
import { relaxAtPoint } from '../bounds/sigmoidTangents.ts';
import type { Network } from '../model/network.ts';

/**
 * Branch and bound on sigmoid and tanh neurons, which have no phases: a subdomain narrows some
 * neurons' pre-activation ranges, z ∈ [lo, hi]. Splitting a range at a point gives two subdomains
 * whose union is the parent's, and on each half that neuron's relaxation is tighter (a half that
 * does not cross the inflection point 0 is convex or concave: its lines are tangents and the
 * chord). The bound of a subdomain is back-substitution over the whole box with the narrowed
 * ranges, a lower bound over every input whose neurons lie in them. Which neuron (a heuristic:
 * nothing here needs to be sound): BaBSR's idea for S-shaped activations, the neuron whose
 * relaxation costs the bound most, |ν|·gap, ν its coefficient in the bound and gap the largest
 * distance between the line the bound used and φ at the range's ends and midpoint.
 */
export interface RangeSplit {
  layer: number;
  neuron: number;
  /** The split point: the lower child keeps [lo, at], the upper [at, hi]. */
  at: number;
}

/** One narrowed range of a subdomain (the lower or upper half of a split, and of the splits before it). */
export interface Narrowing {
  layer: number;
  neuron: number;
  lo: number;
  hi: number;
}

/** Ranges narrower than this (relative to 1 + |z|) are not split again. */
const MIN_WIDTH = 1e-6;

/** Where a range [l, u] is split: at 0 when both halves keep a tenth of it (each half is then convex or concave), else the midpoint. */
export function splitPoint(l: number, u: number): number {
  return l < 0 && u > 0 && Math.min(-l, u) >= 0.1 * (u - l) ? 0 : l / 2 + u / 2;
}

/** The sigmoid or tanh neuron with the largest |ν|·gap in the bound whose coefficients ν and tangent points are given; undefined if none is left to split. */
export function chooseRange(net: Network, bounds: NetworkBounds, weights: readonly Float64Array[], points: readonly Float64Array[]): RangeSplit | undefined {
  const r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };
  let best: RangeSplit | undefined;
  let bestScore = 0;
  net.layers.forEach((layer, k) => {
    const kind = layer.activation;
    if (kind !== 'sigmoid' && kind !== 'tanh') return;
    const lo = bounds.lo[k]!;
    const hi = bounds.hi[k]!;
    for (let j = 0; j < layer.outSize; j++) {
      const nu = weights[k]![j]!;
      const l = lo[j]!;
      const u = hi[j]!;
      if (nu === 0 || !(u - l > MIN_WIDTH * (1 + Math.abs(l) + Math.abs(u)))) continue;
      const lower = nu > 0;
      relaxAtPoint(kind, l, u, points[k]![j]!, lower, r);
      let gap = 0;
      for (const z of [l, l / 2 + u / 2, u]) gap = Math.max(gap, lower ? phi(kind, z) - (r.al * z + r.bl) : r.au * z + r.bu - phi(kind, z));
      const score = Math.abs(nu) * gap;
      if (score > bestScore) {
        bestScore = score;
        best = { layer: k, neuron: j, at: splitPoint(l, u) };
      }
    }
  });
  return best;
}

/**
 * A subdomain's bounds: the root's, each narrowed range applied, then intervals propagated once
 * more from the box through them and intersected (a narrowed neuron narrows the layers above it).
 * Sound on the subdomain: every input whose neurons lie in the narrowed ranges has all its neurons
 * within the root's bounds, the narrowings, and the intervals computed from both.
 */
export function boundsUnderRanges(net: Network, root: NetworkBounds, narrowings: readonly Narrowing[], boxLo: ArrayLike<number>, boxHi: ArrayLike<number>): NetworkBounds {
  const narrowed = emptyBounds(net);
  root.lo.forEach((l, k) => narrowed.lo[k]!.set(l));
  root.hi.forEach((h, k) => narrowed.hi[k]!.set(h));
  for (const n of narrowings) {
    if (n.lo > narrowed.lo[n.layer]![n.neuron]!) narrowed.lo[n.layer]![n.neuron] = n.lo;
    if (n.hi < narrowed.hi[n.layer]![n.neuron]!) narrowed.hi[n.layer]![n.neuron] = n.hi;
  }
  return narrowings.length === 0 ? narrowed : intervalBounds(net, boxLo, boxHi, narrowed);
}

/** The two children's narrowings of a split: the parent's and the split neuron's lower or upper half. */
export function splitNarrowings(parent: readonly Narrowing[], bounds: NetworkBounds, pick: RangeSplit): [Narrowing[], Narrowing[]] {
  const l = bounds.lo[pick.layer]![pick.neuron]!;
  const u = bounds.hi[pick.layer]![pick.neuron]!;
  return [
    [...parent, { layer: pick.layer, neuron: pick.neuron, lo: l, hi: pick.at }],
    [...parent, { layer: pick.layer, neuron: pick.neuron, lo: pick.at, hi: u }],
  ];
}

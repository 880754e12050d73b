import type { NetworkBounds } from '../bounds/networkBounds.ts';
import type { Network } from '../model/network.ts';

/**
 * Which input to bisect, scored by the relaxation error each input is responsible for (BaBSR's
 * estimate, Bunel et al., JMLR 2020, carried from ReLU splits over to input splits). An undecided
 * ReLU with bounds [l, u] and coefficient ν in a back-substituted bound costs that bound up to
 * |ν|·(−l·u)/(u − l), the height of its triangle relaxation; input i accounts for the share
 * sᵢ·wᵢ / Σₖ sₖ·wₖ of the neuron's width, with sᵢ its sensitivity to input i (from the forward
 * symbolic functions) and wᵢ the box's width. Each input scores the relaxation error it accounts
 * for; bisecting the best one narrows the costliest neurons most. A heuristic: nothing here needs
 * to be sound. Alone it quarters the tree of ACAS Xu φ2 on N(3,3) against ReluVal's smear but
 * makes some of φ1's trees several times larger (there the error of the early layers' bounds, which
 * this estimate does not follow, dominates); added to the smear (addNormalised) it does about as
 * well as the better of the two on each.
 *
 * Writes the scores into `out` and returns whether any is positive (some relaxed ReLU matters).
 */
export function relaxationScores(net: Network, bounds: NetworkBounds, weight: Float64Array[], sensitivity: Float64Array[], lo: ArrayLike<number>, hi: ArrayLike<number>, out: Float64Array): boolean {
  const n0 = net.inputSize;
  out.fill(0, 0, n0);
  let any = false;
  net.layers.forEach((layer, k) => {
    if (layer.activation !== 'relu') return;
    const l = bounds.lo[k]!;
    const u = bounds.hi[k]!;
    const s = sensitivity[k]!;
    for (let j = 0; j < layer.outSize; j++) {
      const nu = weight[k]![j]!;
      if (!(l[j]! < 0 && u[j]! > 0) || nu === 0) continue;
      const cost = (Math.abs(nu) * -l[j]! * u[j]!) / (u[j]! - l[j]!);
      let total = 0;
      for (let i = 0; i < n0; i++) total += s[j * n0 + i]! * (hi[i]! - lo[i]!);
      if (!(total > 0)) continue;
      for (let i = 0; i < n0; i++) out[i] = out[i]! + (cost * s[j * n0 + i]! * (hi[i]! - lo[i]!)) / total;
      any = true;
    }
  });
  return any;
}

/** a := a / Σa + b / Σb, for nonnegative scores (a sum of 0 leaves that term out). */
export function addNormalised(a: Float64Array, b: Float64Array): void {
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    sa += a[i]!;
    sb += b[i]!;
  }
  for (let i = 0; i < a.length; i++) a[i] = (sa > 0 ? a[i]! / sa : 0) + (sb > 0 ? b[i]! / sb : 0);
}

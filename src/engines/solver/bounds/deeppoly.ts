import type { BackSubstitution } from './backSubstitution.ts';
import type { NetworkBounds } from './networkBounds.ts';
import type { Network } from '../model/network.ts';

/**
 * DeepPoly's intermediate bounds (Singh et al. POPL'19): each undecided neuron's pre-activation is
 * bounded by back-substituting the single function ±z down to the inputs, through the
 * relaxations of all earlier layers, layer by layer so every layer uses its predecessors' refined
 * bounds. Stable neurons are skipped: their relaxation is exact already. Tighter than the forward
 * symbolic pass, and dearer, so the search calls it only where the cheap bounds did not decide.
 * Returns the number of back-substitutions done.
 */
export function refineUndecided(net: Network, back: BackSubstitution, bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, scratch: Float64Array): number {
  let runs = 0;
  // The output layer's bounds matter only through the property, which is bounded separately.
  for (let k = 0; k < net.layers.length - 1; k++) {
    const layer = net.layers[k]!;
    if (layer.activation === 'identity') continue;
    const lo = bounds.lo[k]!;
    const hi = bounds.hi[k]!;
    for (let i = 0; i < layer.outSize; i++) {
      if (!(lo[i]! < 0 && hi[i]! > 0) && layer.activation === 'relu') continue;
      scratch.fill(0, 0, layer.outSize);
      scratch[i] = 1;
      const l = back.lowerBoundAt(bounds, boxLo, boxHi, k, false, scratch);
      scratch[i] = -1;
      const u = -back.lowerBoundAt(bounds, boxLo, boxHi, k, false, scratch);
      runs += 2;
      if (l > lo[i]!) lo[i] = l;
      if (u < hi[i]!) hi[i] = u;
    }
  }
  return runs;
}

import type { Network } from '../model/network.ts';
import type { NetworkBounds } from './networkBounds.ts';
import { activationMagnitude, relax, type Relaxation } from './relaxation.ts';

/**
 * Each layer's CROWN relaxation lines and its outputs' largest magnitudes, kept between passes
 * that share the bounds. Back-substitution asks for both for every neuron of every pass, yet a
 * subdomain's bounds do not change between the dozen β-CROWN passes bounding it, nor between the
 * two passes per neuron DeepPoly runs on a layer; recomputing them per pass (a division per
 * undecided ReLU, calls across modules) took as long as the SIMD products on mnist-net_256x4.
 *
 * A layer's entry is recomputed from the bounds whenever they differ from the copy it was computed
 * from (`sync` compares every neuron), so a caller that edits bounds in place (FSB's trial splits,
 * DeepPoly's refinement) gets fresh lines; the values are exactly relax()'s, so every bound is
 * bit for bit what it was without the cache.
 */
export class RelaxationCache {
  readonly al: Float64Array[];
  readonly bl: Float64Array[];
  readonly au: Float64Array[];
  readonly bu: Float64Array[];
  /**
   * Σₗ colAbs[k + 1][l]·|largest output of neuron l of layer k|: how large layer k + 1's
   * pre-activation can be made by its inputs (the affine step's rounding bound), for k below the last.
   */
  readonly weighted: Float64Array;
  private readonly lo: Float64Array[];
  private readonly hi: Float64Array[];
  private readonly magnitude: Float64Array[];
  private readonly r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };
  /** Bounds whose layers below `heldLayers` their caller keeps as they are (see hold). */
  private held: NetworkBounds | undefined;
  private heldLayers = 0;

  constructor(
    private readonly net: Network,
    private readonly colAbs: readonly Float64Array[],
  ) {
    const perNeuron = (fill: number) => net.layers.map((l) => new Float64Array(l.outSize).fill(fill));
    this.al = perNeuron(0);
    this.bl = perNeuron(0);
    this.au = perNeuron(0);
    this.bu = perNeuron(0);
    this.magnitude = perNeuron(0);
    // NaN equals nothing: every neuron is computed at the first sync.
    this.lo = perNeuron(NaN);
    this.hi = perNeuron(NaN);
    this.weighted = new Float64Array(net.layers.length);
  }

  /**
   * Syncs layers below `layers` with `bounds`, whose caller promises not to change them until the
   * next call (DeepPoly refining layer `layers` edits only that layer): until then sync skips them.
   * In ACAS Xu's input splitting, comparing the unchanged layers took 12% of the search.
   * `hold(undefined, 0)` ends the promise.
   */
  hold(bounds: NetworkBounds | undefined, layers: number): void {
    this.held = undefined;
    if (bounds) for (let k = 0; k < layers; k++) this.sync(bounds, k);
    this.held = bounds;
    this.heldLayers = layers;
  }

  /** Brings layer k's lines and magnitudes (and `weighted[k]`) up to date with `bounds`. */
  sync(bounds: NetworkBounds, k: number): void {
    if (bounds === this.held && k < this.heldLayers) return;
    const { activation, outSize } = this.net.layers[k]!;
    const lo = bounds.lo[k]!;
    const hi = bounds.hi[k]!;
    const cLo = this.lo[k]!;
    const cHi = this.hi[k]!;
    let changed = false;
    for (let j = 0; j < outSize; j++) {
      const l = lo[j]!;
      const u = hi[j]!;
      if (l === cLo[j] && u === cHi[j]) continue;
      changed = true;
      cLo[j] = l;
      cHi[j] = u;
      const r = this.r;
      relax(activation, l, u, r);
      this.al[k]![j] = r.al;
      this.bl[k]![j] = r.bl;
      this.au[k]![j] = r.au;
      this.bu[k]![j] = r.bu;
      this.magnitude[k]![j] = activationMagnitude(activation, l, u);
    }
    const col = this.colAbs[k + 1];
    if (!changed || !col) return;
    const magnitude = this.magnitude[k]!;
    let weighted = 0;
    for (let l = 0; l < outSize; l++) weighted += col[l]! * magnitude[l]!;
    this.weighted[k] = weighted;
  }
}

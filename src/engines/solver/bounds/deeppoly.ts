import { SlopeOptimiser } from './alphaCrown.ts';
import { BackSubstitution } from './backSubstitution.ts';
import { TangentOptimiser } from './tangentOptimiser.ts';
import type { NetworkBounds } from './networkBounds.ts';
import type { Network } from '../model/network.ts';

/**
 * DeepPoly (Singh, Gehr, Püschel, Vechev, POPL'19): every neuron keeps a lower and an upper
 * linear bound in terms of the previous layer (the relaxations of relaxation.ts) plus an interval;
 * the interval of an intermediate neuron comes from back-substituting its linear bounds down to
 * the inputs (backSubstitution.ts), layer by layer, so each layer uses its predecessors' refined
 * intervals. The forward symbolic pass (symbolic.ts) gives the first intervals; `refine` then
 * tightens the undecided ones. Stable ReLUs are skipped: their relaxation is exact already. Tighter
 * than the forward pass and dearer, so the searches call it only where the cheap bounds did not
 * decide.
 */
export class DeepPoly {
  /** The objective ±z of one neuron, in its layer's coordinates. */
  private readonly objective: Float64Array;
  private slopes: SlopeOptimiser | TangentOptimiser | undefined;

  constructor(
    private readonly net: Network,
    readonly back: BackSubstitution = new BackSubstitution(net),
  ) {
    this.objective = new Float64Array(Math.max(...net.layers.map((l) => l.outSize)));
  }

  /**
   * Narrows `bounds` in place over the box; returns the number of neuron bounds computed. `stop`
   * (asked every few neurons) ends the refinement early: what was narrowed so far stays sound.
   * Layers below `fromLayer` are left as they are (a caller that knows they cannot narrow).
   */
  refine(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, stop?: () => boolean, slopeRounds = 0, fromLayer = 0): number {
    const { net, back, objective } = this;
    // With slope rounds, each neuron's bound gets its own lower ReLU slopes below it (α-CROWN's
    // optimised intermediate bounds); a bound past 0 decides the neuron, so the rounds stop there.
    // A network of sigmoid or tanh layers gets its own tangent points instead (no threshold decides those).
    const slopes = slopeRounds > 0 ? (this.slopes ??= net.layers.some((l) => l.activation === 'relu') ? new SlopeOptimiser(net, back) : new TangentOptimiser(net, back)) : undefined;
    const enough = slopes instanceof SlopeOptimiser ? 0 : Infinity;
    const bound = (k: number) => (slopes ? slopes.lowerBoundAt(bounds, boxLo, boxHi, k, objective, slopeRounds, enough) : back.lowerBoundAt(bounds, boxLo, boxHi, k, false, objective));
    let runs = 0;
    try {
      // Every layer with an activation, the output layer too when it has one (eran's mnist_relu_9_200
      // ends in a ReLU: left to intervals, the property's bound relaxed it over a width of ~10⁶).
      for (let k = fromLayer; k < net.layers.length; k++) {
        const layer = net.layers[k]!;
        if (layer.activation === 'identity') continue;
        // Refining layer k edits only layer k: the lines below it are synced once for all its neurons.
        back.relaxations.hold(bounds, k);
        const lo = bounds.lo[k]!;
        const hi = bounds.hi[k]!;
        for (let i = 0; i < layer.outSize; i++) {
          if (!(lo[i]! < 0 && hi[i]! > 0) && layer.activation === 'relu') continue;
          if (stop && runs % 16 === 0 && stop()) return runs;
          objective.fill(0, 0, layer.outSize);
          objective[i] = -1;
          const u = -bound(k);
          runs++;
          if (u < hi[i]!) hi[i] = u;
          // A ReLU shown off is 0 on the box: its lower bound is never used, so it is not computed.
          if (layer.activation === 'relu' && hi[i]! <= 0) continue;
          objective[i] = 1;
          const l = bound(k);
          runs++;
          if (l > lo[i]!) lo[i] = l;
        }
      }
    } finally {
      back.relaxations.hold(undefined, 0);
    }
    return runs;
  }
}

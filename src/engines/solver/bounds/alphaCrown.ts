import type { BackSubstitution, PassTrace } from './backSubstitution.ts';
import type { NetworkBounds } from './networkBounds.ts';
import type { Network } from '../model/network.ts';
import { affine } from '../model/dense.ts';
import { relax, type Relaxation } from './relaxation.ts';

/**
 * Optimised lower ReLU slopes (α-CROWN, Xu et al., "Fast and Complete", ICLR 2021). relu(z) ≥ αz
 * holds for every α in [0, 1], so each undecided ReLU's lower line may be chosen for the objective
 * at hand instead of by CROWN's area rule. With the lines fixed, back-substitution bounds c·y by
 * min over the box of c·F(x), F the network with every relaxed activation replaced by its line; the
 * bound's derivative in α_j is ν_j·ẑ_j, where ν_j ≥ 0 is the neuron's coefficient and ẑ_j its value
 * in F at the minimising corner x*. Each round moves every α_j to the end of [0, 1] that derivative
 * points to (the line that meets relu at ẑ_j); on ACAS Xu one or two rounds come within a few ulps of
 * the best choice of slopes. Nothing here needs to be sound: every bound returned is computed by
 * the sound back-substitution with the chosen slopes, and the best of them is kept.
 */
export class SlopeOptimiser {
  private readonly trace: Required<Omit<PassTrace, 'beta' | 'tangent'>>;
  private readonly coeffs: Float64Array;
  private readonly h: Float64Array;
  private readonly z: Float64Array;
  private readonly r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };

  constructor(
    private readonly net: Network,
    private readonly back: BackSubstitution,
  ) {
    this.trace = { alpha: net.layers.map((l) => new Float64Array(l.outSize)), weight: net.layers.map((l) => new Float64Array(l.outSize)) };
    this.coeffs = new Float64Array(net.inputSize);
    const widest = Math.max(net.inputSize, ...net.layers.map((l) => l.outSize));
    this.h = new Float64Array(widest);
    this.z = new Float64Array(widest);
  }

  /**
   * A sound lower bound of c·y over the box: the best of CROWN's slopes and up to `rounds`
   * improvements on them, stopping once the bound exceeds `enough`. `inputCoeffs`, if given,
   * receives the linear function of the inputs behind the returned bound.
   */
  lowerBound(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, c: ArrayLike<number>, rounds: number, inputCoeffs?: Float64Array, enough = Infinity): number {
    return this.optimise(bounds, boxLo, boxHi, this.net.layers.length - 1, true, c, rounds, inputCoeffs, enough);
  }

  /**
   * The same for a linear function c·z of layer `from`'s pre-activation values: α-CROWN's optimised
   * intermediate bounds (each neuron's own slopes below it), used by DeepPoly's refinement.
   */
  lowerBoundAt(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, from: number, c: ArrayLike<number>, rounds: number, enough = Infinity): number {
    return this.optimise(bounds, boxLo, boxHi, from, false, c, rounds, undefined, enough);
  }

  private optimise(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, from: number, afterActivation: boolean, c: ArrayLike<number>, rounds: number, inputCoeffs: Float64Array | undefined, enough: number): number {
    const { trace, coeffs } = this;
    // Layers whose activations the pass relaxes: all up to `from`, or those below it for a pre-activation objective.
    const relaxed = afterActivation ? from + 1 : from;
    // CROWN's start: the lower slope of the two that leaves the smaller area.
    for (let k = 0; k < relaxed; k++) {
      const alpha = trace.alpha[k]!;
      for (let j = 0; j < alpha.length; j++) alpha[j] = bounds.hi[k]![j]! > -bounds.lo[k]![j]! ? 1 : 0;
    }
    let best = -Infinity;
    for (let t = 0; ; t++) {
      const v = this.back.lowerBoundAt(bounds, boxLo, boxHi, from, afterActivation, c, coeffs, trace);
      if (v > best) {
        best = v;
        inputCoeffs?.set(coeffs);
      }
      if (t === rounds || best > enough || !this.improve(bounds, boxLo, boxHi, relaxed)) return best;
    }
  }

  /** Evaluates F (its first `layers` layers) at the corner the last pass minimised at, moving each slope towards relu there. Returns whether any slope changed. */
  private improve(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, layers: number): boolean {
    const { net, trace, coeffs, r } = this;
    let { h, z } = this;
    for (let i = 0; i < net.inputSize; i++) h[i] = coeffs[i]! >= 0 ? boxLo[i]! : boxHi[i]!;
    let changed = false;
    for (let k = 0; k < layers; k++) {
      const layer = net.layers[k]!;
      const { weights: w, bias, inSize, outSize, activation } = layer;
      const lo = bounds.lo[k]!;
      const hi = bounds.hi[k]!;
      const alpha = trace.alpha[k]!;
      const weight = trace.weight[k]!;
      affine(w, bias, inSize, outSize, h, z);
      for (let j = 0; j < outSize; j++) {
        const v = z[j]!;
        const l = lo[j]!;
        const u = hi[j]!;
        if (activation === 'identity' || (activation === 'relu' && l >= 0)) continue;
        if (activation === 'relu' && u <= 0) {
          z[j] = 0;
          continue;
        }
        relax(activation, l, u, r);
        if (weight[j]! < 0) {
          z[j] = r.au * v + r.bu;
          continue;
        }
        if (activation !== 'relu') {
          z[j] = r.al * v + r.bl;
          continue;
        }
        z[j] = alpha[j]! * v;
        const target = v > 0 ? 1 : 0;
        if (weight[j]! > 0 && alpha[j] !== target) {
          alpha[j] = target;
          changed = true;
        }
      }
      [h, z] = [z, h];
    }
    return changed;
  }
}

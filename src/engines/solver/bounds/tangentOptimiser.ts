import type { BackSubstitution, PassTrace } from './backSubstitution.ts';
import type { NetworkBounds } from './networkBounds.ts';
import { affine } from '../model/dense.ts';
import type { Network } from '../model/network.ts';
import { relax, type Relaxation } from './relaxation.ts';
import { CROWN_POINT, relaxAtPoint } from './sigmoidTangents.ts';

/**
 * Optimised tangent points for sigmoid and tanh (the α of α-CROWN, Xu et al. ICLR 2021, for
 * S-shaped activations: sigmoidTangents.ts). With the lines fixed, back-substitution bounds c·y by
 * min over the box of c·F(x), F the network with every relaxed activation replaced by its line; at
 * the minimising corner x*, neuron j of F takes the pre-activation value ẑⱼ. Of the sound tangents on
 * the side the bound uses, the one at ẑⱼ is the highest (for a lower line) or lowest (upper) there,
 * so each round moves every point to its ẑⱼ, clamped into the sound range, the way
 * SlopeOptimiser moves a ReLU's slope to the line that meets relu at ẑⱼ. The corner moves with the
 * lines, so a round can also lose: every bound comes from the sound pass and the best is kept.
 * ReLUs keep CROWN's lines here (SlopeOptimiser is theirs).
 */
export class TangentOptimiser {
  private readonly trace: Required<Pick<PassTrace, 'tangent' | 'weight'>>;
  private readonly best: Float64Array[];
  private readonly coeffs: Float64Array;
  private readonly h: Float64Array;
  private readonly z: Float64Array;
  private readonly r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };

  constructor(
    private readonly net: Network,
    private readonly back: BackSubstitution,
  ) {
    const perNeuron = () => net.layers.map((l) => new Float64Array(l.outSize));
    this.trace = { tangent: perNeuron(), weight: perNeuron() };
    this.best = perNeuron();
    this.coeffs = new Float64Array(net.inputSize);
    const widest = Math.max(net.inputSize, ...net.layers.map((l) => l.outSize));
    this.h = new Float64Array(widest);
    this.z = new Float64Array(widest);
  }

  /** Each neuron's coefficient in the last pass (where positive its lower line was used, where negative its upper one). */
  get weights(): readonly Float64Array[] {
    return this.trace.weight;
  }

  /** The tangent points behind the last bound returned, indexed [layer][neuron] (NaN: CROWN's line). */
  get points(): readonly Float64Array[] {
    return this.best;
  }

  /**
   * A sound lower bound of c·y over the box: the best of CROWN's lines and `rounds` moves of the
   * tangent points, stopping once the bound exceeds `enough`. `inputCoeffs`, if given, receives the
   * linear function of the inputs behind the returned bound.
   */
  lowerBound(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, c: ArrayLike<number>, rounds: number, inputCoeffs?: Float64Array, enough = Infinity): number {
    return this.optimise(bounds, boxLo, boxHi, this.net.layers.length - 1, true, c, rounds, inputCoeffs, enough);
  }

  /** The same for a linear function c·z of layer `from`'s pre-activation values (DeepPoly's intermediate bounds). */
  lowerBoundAt(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, from: number, c: ArrayLike<number>, rounds: number, enough = Infinity): number {
    return this.optimise(bounds, boxLo, boxHi, from, false, c, rounds, undefined, enough);
  }

  private optimise(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, from: number, afterActivation: boolean, c: ArrayLike<number>, rounds: number, inputCoeffs: Float64Array | undefined, enough: number): number {
    const { trace, coeffs, best } = this;
    const relaxed = afterActivation ? from + 1 : from;
    for (let k = 0; k < this.net.layers.length; k++) trace.tangent[k]!.fill(CROWN_POINT);
    let value = -Infinity;
    for (let t = 0; ; t++) {
      const v = this.back.lowerBoundAt(bounds, boxLo, boxHi, from, afterActivation, c, coeffs, trace);
      if (v > value) {
        value = v;
        inputCoeffs?.set(coeffs);
        for (let k = 0; k < relaxed; k++) best[k]!.set(trace.tangent[k]!);
      }
      if (t === rounds || value > enough) return value;
      this.moveToCorner(bounds, boxLo, boxHi, relaxed);
    }
  }

  /** Evaluates F (its first `layers` layers) at the corner the last pass minimised at, moving each sigmoid or tanh neuron's tangent point to its value ẑⱼ there. */
  private moveToCorner(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, layers: number): void {
    const { net, trace, coeffs, r } = this;
    let { h, z } = this;
    for (let i = 0; i < net.inputSize; i++) h[i] = coeffs[i]! >= 0 ? boxLo[i]! : boxHi[i]!;
    for (let k = 0; k < layers; k++) {
      const layer = net.layers[k]!;
      const { outSize, activation } = layer;
      const lo = bounds.lo[k]!;
      const hi = bounds.hi[k]!;
      const weight = trace.weight[k]!;
      const tangent = trace.tangent[k]!;
      affine(layer.weights, layer.bias, layer.inSize, outSize, h, z);
      if (activation !== 'identity') {
        for (let j = 0; j < outSize; j++) {
          const v = z[j]!;
          const lower = weight[j]! >= 0;
          // F's value through the line the pass used; the point then moves to where F stands.
          if (activation === 'relu') relax(activation, lo[j]!, hi[j]!, r);
          else relaxAtPoint(activation, lo[j]!, hi[j]!, tangent[j]!, lower, r);
          z[j] = lower ? r.al * v + r.bl : r.au * v + r.bu;
          if (activation !== 'relu') tangent[j] = v;
        }
      }
      [h, z] = [z, h];
    }
  }
}

import type { BackSubstitution, PassTrace } from './backSubstitution.ts';
import type { NetworkBounds, Phases } from './networkBounds.ts';
import type { Network } from '../model/network.ts';
import { transpose } from '../model/dense.ts';
import { DenseProducts } from '../model/simdProducts.ts';

/**
 * Bounds of a subdomain of ReLU branch and bound (β-CROWN, Wang et al., NeurIPS 2021). A subdomain
 * fixes the phase of some ReLUs (s = +1: z ≥ 0, s = −1: z ≤ 0); its pre-activation bounds are
 * narrowed to match, and the split constraints enter the bound through multipliers β ≥ 0 (the
 * term −β·s·z, which is ≤ 0 wherever the splits hold: backSubstitution.ts). The lower slopes α of
 * the undecided ReLUs (any α in [0, 1] is sound) and the multipliers β are both optimised by
 * projected gradient ascent (Adam, as the paper does): with the relaxation's lines fixed the bound
 * is min over the box of c·F(x), F the linear network they define, so ∂/∂αⱼ = νⱼ·ẑⱼ and
 * ∂/∂βⱼ = −sⱼ·ẑⱼ, ẑ the pre-activation values of F at the minimising corner and ν the coefficient of
 * the neuron's output. Nothing in the optimisation needs to be sound: every bound returned comes from
 * the sound back-substitution, and the best one seen is kept.
 */

/** α and β for one subdomain, indexed [layer][neuron]; the caller keeps them for the children. */
export interface SplitMultipliers {
  alpha: Float64Array[];
  beta: Float64Array[];
}

export function freshMultipliers(net: Network, bounds: NetworkBounds): SplitMultipliers {
  return {
    alpha: net.layers.map((_, k) => Float64Array.from(bounds.lo[k]!, (l, j) => (bounds.hi[k]![j]! > -l ? 1 : 0))),
    beta: net.layers.map((l) => new Float64Array(l.outSize)),
  };
}

export function copyMultipliers(m: SplitMultipliers): SplitMultipliers {
  return { alpha: m.alpha.map((a) => a.slice()), beta: m.beta.map((b) => b.slice()) };
}

const LEARNING_RATE_ALPHA = 0.1;
const LEARNING_RATE_BETA = 0.05;
const ADAM_B1 = 0.9;
const ADAM_B2 = 0.999;

export class SplitBounder {
  /** The trace the passes read α and β from and write ν into. */
  readonly trace: Required<Omit<PassTrace, 'tangent'>>;
  /** The pre-activation values ẑ of F at the minimising corner, per layer. */
  private readonly zHat: Float64Array[];
  /** F's outputs per layer at that corner, and the corner itself (buffers reused by every step). */
  private readonly hHat: Float64Array[];
  private readonly xHat: Float64Array;
  /**
   * Each layer's Wᵀ (row j: the weights out of input j), so F's forward products skip the inputs
   * that are 0 (inactive ReLUs, black pixels at the box's lower corner); the corner of the last
   * forward pass and its change since (the first layer is updated by the change alone).
   */
  private readonly columns: DenseProducts;
  private readonly lastX: Float64Array;
  private readonly change: Float64Array;
  private readonly product: Float64Array;
  readonly coeffs: Float64Array;
  private readonly best: SplitMultipliers;
  private readonly m1: Float64Array[];
  private readonly m2: Float64Array[];

  constructor(
    private readonly net: Network,
    private readonly back: BackSubstitution,
  ) {
    const perNeuron = () => net.layers.map((l) => new Float64Array(l.outSize));
    this.trace = { alpha: perNeuron(), beta: perNeuron(), weight: perNeuron() };
    this.zHat = perNeuron();
    this.hHat = perNeuron();
    this.xHat = new Float64Array(net.inputSize);
    this.columns = new DenseProducts(net.layers.map((l) => ({ w: transpose(l.weights, l.outSize, l.inSize), inSize: l.outSize, outSize: l.inSize })));
    this.lastX = new Float64Array(net.inputSize);
    this.change = new Float64Array(net.inputSize);
    const widest = Math.max(net.inputSize, ...net.layers.map((l) => l.outSize));
    this.product = new Float64Array(widest);
    this.best = { alpha: perNeuron(), beta: perNeuron() };
    this.m1 = perNeuron();
    this.m2 = perNeuron();
    this.coeffs = new Float64Array(net.inputSize);
  }

  /**
   * A sound lower bound of c·y over the subdomain (box and phases), after up to `iterations` steps of
   * ascent from `start` (updated in place to the best multipliers found); stops early once the bound
   * exceeds `enough` (or `stop` says so). `inputCoeffs` receives the linear function of the inputs behind the bound.
   */
  lowerBound(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, phases: Phases, c: ArrayLike<number>, start: SplitMultipliers, iterations: number, enough: number, inputCoeffs?: Float64Array, stop?: () => boolean): number {
    const { net, trace, best, m1, m2 } = this;
    net.layers.forEach((_, k) => {
      trace.alpha[k]!.set(start.alpha[k]!);
      trace.beta[k]!.set(start.beta[k]!);
      m1[k]!.fill(0);
      m2[k]!.fill(0);
    });
    let value = -Infinity;
    for (let t = 1; ; t++) {
      const v = this.back.lowerBound(bounds, boxLo, boxHi, c, this.coeffs, trace);
      if (v > value) {
        value = v;
        inputCoeffs?.set(this.coeffs);
        net.layers.forEach((_, k) => {
          best.alpha[k]!.set(trace.alpha[k]!);
          best.beta[k]!.set(trace.beta[k]!);
        });
      }
      if (t > iterations || value > enough || (stop && t % 4 === 0 && stop())) break;
      this.relaxedForward(bounds, boxLo, boxHi, t > 1);
      this.step(bounds, phases, t, iterations);
    }
    net.layers.forEach((_, k) => {
      start.alpha[k]!.set(best.alpha[k]!);
      start.beta[k]!.set(best.beta[k]!);
    });
    return value;
  }

  /** The minimising corner x* of the last pass, in the input space (for a counterexample check). */
  corner(boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.coeffs[i]! >= 0 ? boxLo[i]! : boxHi[i]!;
    return out;
  }

  /** One Adam step on α (undecided ReLUs where the lower line was used) and β (split neurons). */
  private step(bounds: NetworkBounds, phases: Phases, t: number, iterations: number): void {
    const { net, trace, zHat, m1, m2 } = this;
    // A step size that decays over the run, as a schedule: the last steps refine.
    const decay = 1 - (0.5 * (t - 1)) / Math.max(1, iterations);
    const c1 = 1 - ADAM_B1 ** t;
    const c2 = 1 - ADAM_B2 ** t;
    let offset = 0;
    net.layers.forEach((layer, k) => {
      if (layer.activation === 'relu') {
        const lo = bounds.lo[k]!;
        const hi = bounds.hi[k]!;
        const alpha = trace.alpha[k]!;
        const beta = trace.beta[k]!;
        const nu = trace.weight[k]!;
        const z = zHat[k]!;
        for (let j = 0; j < layer.outSize; j++) {
          const s = phases[offset + j]!;
          let g: number;
          if (s !== 0) g = -s * z[j]!;
          else if (lo[j]! < 0 && hi[j]! > 0 && nu[j]! > 0) g = nu[j]! * z[j]!;
          else continue;
          const a = (m1[k]![j] = ADAM_B1 * m1[k]![j]! + (1 - ADAM_B1) * g);
          const b = (m2[k]![j] = ADAM_B2 * m2[k]![j]! + (1 - ADAM_B2) * g * g);
          const move = (a / c1 / (Math.sqrt(b / c2) + 1e-12)) * decay;
          if (s !== 0) beta[j] = -s * Math.max(0, -s * beta[j]! + LEARNING_RATE_BETA * move);
          else alpha[j] = Math.min(1, Math.max(0, alpha[j]! + LEARNING_RATE_ALPHA * move));
        }
      }
      offset += layer.outSize;
    });
  }

  /**
   * F at the corner that minimised the last pass: every relaxed activation replaced by the line the
   * pass used. With `update`, the first layer's values are those of the previous call's corner
   * moved by the change of corner (a step flips the signs of few input coefficients). The output
   * layer is left out when it has no activation (no slope or multiplier reads it).
   */
  private relaxedForward(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, update: boolean): void {
    const { net, trace, zHat, columns, product } = this;
    const { relaxations } = this.back;
    const x = this.corner(boxLo, boxHi, this.xHat);
    let changed = 0;
    let nonzero = 0;
    for (let i = 0; i < x.length; i++) {
      const d = x[i]! - this.lastX[i]!;
      this.change[i] = d;
      if (d !== 0) changed++;
      if (x[i] !== 0) nonzero++;
    }
    this.lastX.set(x);
    let h: ArrayLike<number> = x;
    const layers = net.layers.length - (net.layers[net.layers.length - 1]!.activation === 'identity' ? 1 : 0);
    for (let k = 0; k < layers; k++) {
      const { bias, outSize, activation } = net.layers[k]!;
      const z = zHat[k]!;
      const out = this.hHat[k]!;
      const lo = bounds.lo[k]!;
      const hi = bounds.hi[k]!;
      const nu = trace.weight[k]!;
      relaxations.sync(bounds, k);
      const [al, bl, au, bu] = [relaxations.al[k]!, relaxations.bl[k]!, relaxations.au[k]!, relaxations.bu[k]!];
      if (k === 0 && update && changed <= nonzero) {
        columns.transposed(0, this.change, product);
        for (let j = 0; j < outSize; j++) z[j] = z[j]! + product[j]!;
      } else {
        columns.transposed(k, h, z);
        for (let j = 0; j < outSize; j++) z[j] = z[j]! + bias[j]!;
      }
      for (let j = 0; j < outSize; j++) {
        const v = z[j]!;
        if (activation === 'identity' || (activation === 'relu' && lo[j]! >= 0)) out[j] = v;
        else if (activation === 'relu' && hi[j]! <= 0) out[j] = 0;
        else if (nu[j]! < 0) out[j] = au[j]! * v + bu[j]!;
        else if (activation === 'relu') out[j] = trace.alpha[k]![j]! * v;
        else out[j] = al[j]! * v + bl[j]!;
      }
      h = out;
    }
  }
}

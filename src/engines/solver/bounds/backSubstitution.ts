import type { NetworkBounds } from './networkBounds.ts';
import type { Network } from '../model/network.ts';
import { DenseProducts } from '../model/simdProducts.ts';
import type { Relaxation } from './relaxation.ts';
import { RelaxationCache } from './relaxationCache.ts';
import { dotError, UNIT } from './rounding.ts';
import { relaxAtPoint } from './sigmoidTangents.ts';

/** What a pass is told, and tells, about the activations it relaxes; indexed [layer][neuron]. */
export interface PassTrace {
  /**
   * Lower slopes for ReLUs (α-CROWN's choice per objective): relu(z) ≥ αz holds for every α in
   * [0, 1], so any such slope is sound. Others (and a missing array) mean CROWN's.
   */
  alpha?: Float64Array[];
  /**
   * Tangent points for sigmoid and tanh (sigmoidTangents.ts): the line on the side a neuron's
   * coefficient picks is the tangent at its point, clamped into the sound range (CROWN_POINT, NaN:
   * CROWN's line). Any point gives a sound line.
   */
  tangent?: Float64Array[];
  /**
   * Receives each neuron's coefficient in the bound where the pass relaxes its activation: where
   * positive the lower line was used, where negative the upper one. Layers without a relaxed
   * activation, and a pre-activation objective's own layer, are left as they were.
   */
  weight: Float64Array[];
  /**
   * β-CROWN's multipliers of the split constraints, signed (−β for an active split z ≥ 0, +β for an
   * inactive one z ≤ 0, β ≥ 0), added to each neuron's pre-activation coefficient: on the subdomain
   * the added term −β·s·z is ≤ 0, so the bound stays a lower bound of the objective there.
   */
  beta?: Float64Array[];
}

/**
 * Back-substitution (DeepPoly's backsubstitution, CROWN's backward bound propagation): to bound a
 * linear function c·y of the outputs from below, replace each layer's outputs by the relaxation of
 * its activation that favours a lower bound (the lower line where the coefficient is positive, the
 * upper line where it is negative), then by the affine map that produced it, down to the inputs,
 * where the box gives the minimum. Intermediate neurons' bounds (from the forward pass) select the
 * relaxations.
 *
 * Soundness under rounding: at every step the coefficient vector is a floating-point product; its
 * error on each coefficient is bounded by γₙ·Σ|νⱼ||Wⱼₗ|, and multiplied by the largest value the
 * corresponding neuron can take it bounds the change in the function. These amounts accumulate in
 * `slack`, which is subtracted from the final minimum.
 */
export class BackSubstitution {
  private readonly colAbs: Float64Array[];
  private readonly mu: Float64Array;
  private readonly nu: Float64Array;
  private readonly products: DenseProducts;
  /** CROWN's lines and the rounding bound's magnitudes per layer, recomputed only where the bounds changed. */
  readonly relaxations: RelaxationCache;
  private readonly r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };

  constructor(private readonly net: Network) {
    this.colAbs = net.layers.map((layer) => {
      const out = new Float64Array(layer.inSize);
      for (let i = 0; i < layer.outSize; i++) for (let j = 0; j < layer.inSize; j++) out[j] = out[j]! + Math.abs(layer.weights[i * layer.inSize + j]!);
      return out;
    });
    const widest = Math.max(net.inputSize, ...net.layers.map((l) => l.outSize));
    this.mu = new Float64Array(widest);
    this.nu = new Float64Array(widest);
    this.products = new DenseProducts(net.layers.map((l) => ({ w: l.weights, inSize: l.inSize, outSize: l.outSize })));
    this.relaxations = new RelaxationCache(net, this.colAbs);
  }

  /**
   * A sound lower bound of c·y over the box, given every layer's pre-activation bounds.
   * If `inputCoeffs` is given it receives the linear function of the inputs that the bound minimised;
   * with `trace`, the pass takes its ReLU lower slopes from it and records its coefficients there.
   */
  lowerBound(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, c: ArrayLike<number>, inputCoeffs?: Float64Array, trace?: PassTrace): number {
    return this.lowerBoundAt(bounds, boxLo, boxHi, this.net.layers.length - 1, true, c, inputCoeffs, trace);
  }

  /**
   * The same for a linear function of layer `from`'s neurons: of their outputs (`afterActivation`)
   * or of their pre-activation values z. DeepPoly bounds intermediate neurons this way.
   */
  // One function (107 lines): a single backward loop over the layers, and the rounding slack is
  // accumulated next to each floating-point operation it covers; split, the soundness argument
  // above would be spread over several functions that share every buffer.
  lowerBoundAt(bounds: NetworkBounds, boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, from: number, afterActivation: boolean, c: ArrayLike<number>, inputCoeffs?: Float64Array, trace?: PassTrace): number {
    const { net, r, relaxations } = this;
    const { mu, nu } = this;
    // A bound on pre-activation values uses neither the lines of layer `from` nor its `weighted`.
    for (let k = afterActivation ? from : from - 1; k >= 0; k--) relaxations.sync(bounds, k);
    for (let j = 0; j < net.layers[from]!.outSize; j++) mu[j] = c[j]!;
    let constant = 0;
    let slack = 0;
    for (let k = from; k >= 0; k--) {
      const layer = net.layers[k]!;
      const { outSize, inSize, bias, activation } = layer;
      const lo = bounds.lo[k]!;
      const hi = bounds.hi[k]!;
      // Through the activation: h = φ(z) ≥ al·z + bl (coefficient ≥ 0) or ≤ au·z + bu (coefficient < 0).
      if (activation === 'identity' || (k === from && !afterActivation)) {
        for (let j = 0; j < outSize; j++) nu[j] = mu[j]!;
      } else {
        let abs = 0;
        let productErr = 0;
        const weight = trace?.weight[k];
        const alpha = trace?.alpha?.[k];
        const tangent = activation === 'relu' ? undefined : trace?.tangent?.[k];
        const { al, bl, au, bu } = relaxations;
        const [alK, blK, auK, buK] = [al[k]!, bl[k]!, au[k]!, bu[k]!];
        for (let j = 0; j < outSize; j++) {
          const m = mu[j]!;
          if (weight) weight[j] = m;
          if (m === 0) {
            nu[j] = 0;
            continue;
          }
          const l = lo[j]!;
          const u = hi[j]!;
          if (activation === 'relu' && u <= 0) {
            nu[j] = 0;
            continue;
          }
          if (activation === 'relu' && l >= 0) {
            nu[j] = m;
            continue;
          }
          let a: number;
          let b: number;
          if (tangent) {
            relaxAtPoint(activation, l, u, tangent[j]!, m > 0, r);
            a = m > 0 ? r.al : r.au;
            b = m > 0 ? r.bl : r.bu;
          } else {
            a = m > 0 ? alK[j]! : auK[j]!;
            b = m > 0 ? blK[j]! : buK[j]!;
          }
          // Any slope in [0, 1] is a sound lower line for relu (bl = 0): the chosen one replaces CROWN's.
          if (alpha && m > 0 && activation === 'relu' && alpha[j]! >= 0 && alpha[j]! <= 1) a = alpha[j]!;
          const v = m * a;
          nu[j] = v;
          const t = m * b;
          constant += t;
          abs += Math.abs(t);
          productErr += Math.abs(v) * Math.max(Math.abs(l), Math.abs(u));
        }
        slack += dotError(outSize, abs) + 2 * UNIT * productErr;
      }
      const beta = trace?.beta?.[k];
      if (beta) {
        // One more rounding per coefficient: |error| ≤ u·|ν|, times the largest |z| the neuron takes.
        let betaErr = 0;
        for (let j = 0; j < outSize; j++) {
          if (beta[j] === 0) continue;
          nu[j] = nu[j]! + beta[j]!;
          betaErr += Math.abs(nu[j]!) * Math.max(Math.abs(lo[j]!), Math.abs(hi[j]!));
        }
        slack += 2 * UNIT * betaErr;
      }
      // Through the affine map z = W h + b.
      let abs = 0;
      let maxNu = 0;
      for (let j = 0; j < outSize; j++) {
        const v = nu[j]!;
        constant += v * bias[j]!;
        abs += Math.abs(v * bias[j]!);
        if (Math.abs(v) > maxNu) maxNu = Math.abs(v);
      }
      slack += dotError(outSize, abs);
      this.products.transposed(k, nu, mu);
      // How large each of this layer's inputs can be: the previous layer's outputs, or the box.
      let weighted = 0;
      if (k === 0) {
        const col = this.colAbs[0]!;
        for (let l = 0; l < inSize; l++) weighted += col[l]! * Math.max(Math.abs(boxLo[l]!), Math.abs(boxHi[l]!));
      } else {
        weighted = relaxations.weighted[k - 1]!;
      }
      slack += dotError(outSize, maxNu * weighted);
    }
    // Minimise over the box.
    let value = constant;
    let abs = Math.abs(constant);
    const n0 = net.inputSize;
    for (let i = 0; i < n0; i++) {
      const m = mu[i]!;
      value += m >= 0 ? m * boxLo[i]! : m * boxHi[i]!;
      abs += Math.abs(m) * Math.max(Math.abs(boxLo[i]!), Math.abs(boxHi[i]!));
      if (inputCoeffs) inputCoeffs[i] = m;
    }
    slack += dotError(n0 + 1, abs);
    return value - slack * (1 + 8 * UNIT);
  }
}

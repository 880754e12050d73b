import { emptyBounds, narrow, type NetworkBounds, type Phases } from './networkBounds.ts';
import type { Network } from '../model/network.ts';
import { relax, reluUpper, type Relaxation } from './relaxation.ts';
import { dotError, TINY, UNIT } from './rounding.ts';

/**
 * Forward symbolic bound propagation (symbolic intervals, ReluVal and Neurify, Wang et al. 2018):
 * every neuron carries a lower and an upper linear function of the network's INPUTS,
 * L(x) ≤ z ≤ U(x), pushed layer by layer through the weights and through a linear relaxation of
 * each activation. With few inputs (ACAS Xu has 5) this is much cheaper than back-substituting to
 * the input for every neuron, and keeps the input correlations that plain intervals lose.
 *
 * Soundness under rounding: each affine step computes the new coefficients in floating point; the
 * exact functions differ from the computed ones by at most the dot products' rounding error times
 * the largest value each term can take on the box, and that amount is added to U's constant and
 * taken from L's (see rounding.ts). Concretising a function over the box is widened the same way.
 */
export class SymbolicPropagator {
  private readonly stride: number;
  /** Pre-activation functions of the current layer, and post-activation ones of the previous. */
  private zu: Float64Array;
  private zl: Float64Array;
  private pu: Float64Array;
  private pl: Float64Array;
  /** Bounds on |function| over the box: of the previous layer's outputs, and of the current layer's. */
  private pMag: Float64Array;
  private qMag: Float64Array;
  private zMagU: Float64Array;
  private zMagL: Float64Array;
  private readonly relaxation: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };
  /**
   * How much each neuron's pre-activation moves with each input on the last box run: |coefficient of
   * x_i| in its upper function plus in its lower one, at [layer][neuron · inputs + i].
   */
  readonly sensitivity: Float64Array[];

  constructor(private readonly net: Network) {
    this.stride = net.inputSize + 1;
    const widest = Math.max(net.inputSize, ...net.layers.map((l) => l.outSize));
    const size = widest * this.stride;
    this.zu = new Float64Array(size);
    this.zl = new Float64Array(size);
    this.pu = new Float64Array(size);
    this.pl = new Float64Array(size);
    this.pMag = new Float64Array(widest);
    this.qMag = new Float64Array(widest);
    this.zMagU = new Float64Array(widest);
    this.zMagL = new Float64Array(widest);
    this.sensitivity = net.layers.map((l) => new Float64Array(l.outSize * net.inputSize));
  }

  // One function (about 100 lines): one forward loop over the layers in which the bounds, their
  // rounding slack and the sensitivities are updated together; it is the hot loop of every search,
  // and splitting it would pass a dozen buffers between the pieces.
  run(boxLo: ArrayLike<number>, boxHi: ArrayLike<number>, parent?: NetworkBounds, phases?: Phases, out: NetworkBounds = emptyBounds(this.net)): NetworkBounds {
    const { net, stride } = this;
    const n0 = net.inputSize;
    const mag = new Float64Array(n0);
    for (let k = 0; k < n0; k++) mag[k] = Math.max(Math.abs(boxLo[k]!), Math.abs(boxHi[k]!));

    // The inputs themselves: x_k = 1·x_k + 0.
    let { pu, pl } = this;
    pu.fill(0, 0, n0 * stride);
    pl.fill(0, 0, n0 * stride);
    for (let j = 0; j < n0; j++) {
      pu[j * stride + j] = 1;
      pl[j * stride + j] = 1;
      this.pMag[j] = mag[j]!;
    }
    let offset = 0;
    for (let layerIndex = 0; layerIndex < net.layers.length; layerIndex++) {
      const layer = net.layers[layerIndex]!;
      const { weights: w, bias, inSize, outSize } = layer;
      const { zu, zl, pMag } = this;
      const lo = out.lo[layerIndex]!;
      const hi = out.hi[layerIndex]!;
      const sensitivity = this.sensitivity[layerIndex]!;
      for (let i = 0; i < outSize; i++) {
        const base = i * stride;
        const row = i * inSize;
        const termMag = stride === 6 ? accumulateSix(w, row, inSize, bias[i]!, pu, pl, pMag, zu, zl, base) : accumulate(w, row, inSize, bias[i]!, pu, pl, pMag, zu, zl, base, stride);
        const slack = dotError(inSize + 1, termMag);
        zu[base + n0] = zu[base + n0]! + slack * (1 + 4 * UNIT);
        zl[base + n0] = zl[base + n0]! - (slack * (1 + 4 * UNIT));

        // Concretise: max of U and min of L over the box (and the other two ends for the relaxations).
        let uHi = zu[base + n0]!;
        let uLo = uHi;
        let lHi = zl[base + n0]!;
        let lLo = lHi;
        let magU = Math.abs(uHi);
        let magL = Math.abs(lHi);
        for (let k = 0; k < n0; k++) {
          const cu = zu[base + k]!;
          const cl = zl[base + k]!;
          if (cu >= 0) {
            uHi += cu * boxHi[k]!;
            uLo += cu * boxLo[k]!;
          } else {
            uHi += cu * boxLo[k]!;
            uLo += cu * boxHi[k]!;
          }
          if (cl >= 0) {
            lHi += cl * boxHi[k]!;
            lLo += cl * boxLo[k]!;
          } else {
            lHi += cl * boxLo[k]!;
            lLo += cl * boxHi[k]!;
          }
          magU += Math.abs(cu) * mag[k]!;
          magL += Math.abs(cl) * mag[k]!;
        }
        const eu = dotError(n0 + 1, magU);
        const el = dotError(n0 + 1, magL);
        this.zMagU[i] = magU + eu;
        this.zMagL[i] = magL + el;
        lo[i] = lLo - el;
        hi[i] = uHi + eu;
        narrow(lo, hi, i, parent, layerIndex, phases ? phases[offset + i]! : 0);
        for (let k = 0; k < n0; k++) sensitivity[i * n0 + k] = Math.abs(zu[base + k]!) + Math.abs(zl[base + k]!);
        // Reuse the extra ends to relax the activation on each function's own range.
        this.relaxInto(layer.activation, i, lo[i]!, hi[i]!, uLo - eu, uHi + eu, lLo - el, lHi + el, mag);
      }
      // The relaxed functions become the next layer's inputs.
      [this.pu, this.zu] = [this.zu, this.pu];
      [this.pl, this.zl] = [this.zl, this.pl];
      [this.pMag, this.qMag] = [this.qMag, this.pMag];
      pu = this.pu;
      pl = this.pl;
      offset += outSize;
    }
    return out;
  }

  /**
   * Replaces row i of zu/zl by the relaxation of the activation applied to it:
   * φ(z) ≤ φ(U(x)) ≤ au·U(x) + bu  (relaxing on U's own range [uLo, uHi]), and likewise below.
   */
  private relaxInto(kind: Network['layers'][number]['activation'], i: number, lo: number, hi: number, uLo: number, uHi: number, lLo: number, lHi: number, mag: Float64Array): void {
    const { zu, zl, stride, relaxation: r } = this;
    const base = i * stride;
    let magU = this.zMagU[i]!;
    let magL = this.zMagL[i]!;
    if (kind === 'identity') {
      this.qMag[i] = Math.max(magU, magL);
      return;
    }
    if (kind === 'relu') {
      if (hi <= 0) {
        zu.fill(0, base, base + stride);
        zl.fill(0, base, base + stride);
        this.qMag[i] = 0;
        return;
      }
      if (lo >= 0) {
        this.qMag[i] = Math.max(magU, magL);
        return;
      }
      if (uLo < 0) {
        reluUpper(uLo, uHi, r);
        magU = this.scaleRow(zu, base, r.au, r.bu, +1, mag);
      }
      if (lHi <= 0) {
        zl.fill(0, base, base + stride);
        magL = 0;
      } else if (lLo < 0) {
        // relu(t) ≥ λt for every λ in [0, 1]; Neurify's slope keeps the lower function parallel to the upper.
        magL = this.scaleRow(zl, base, lHi / (lHi - lLo), 0, -1, mag);
      }
      this.qMag[i] = Math.max(magU, magL);
      return;
    }
    relax(kind, uLo, uHi, r);
    const au = r.au;
    const bu = r.bu;
    relax(kind, lLo, lHi, r);
    magU = this.scaleRow(zu, base, au, bu, +1, mag);
    magL = this.scaleRow(zl, base, r.al, r.bl, -1, mag);
    this.qMag[i] = Math.max(magU, magL);
  }

  /** row := a·row + b, with the rounding of the scaling moved outward (direction +1 up, -1 down). Returns the row's magnitude. */
  private scaleRow(row: Float64Array, base: number, a: number, b: number, direction: 1 | -1, mag: Float64Array): number {
    const n0 = this.stride - 1;
    let m = 0;
    for (let k = 0; k < n0; k++) {
      const v = a * row[base + k]!;
      row[base + k] = v;
      m += Math.abs(v) * mag[k]!;
    }
    const c = a * row[base + n0]! + b;
    const slack = 4 * UNIT * (m + Math.abs(a * row[base + n0]!) + Math.abs(b)) + TINY;
    row[base + n0] = c + direction * slack;
    m += Math.abs(row[base + n0]!);
    return m * (1 + 4 * UNIT);
  }
}

/**
 * Row `base` of zu/zl := the affine map's row applied to the previous layer's functions: the
 * constant (at stride − 1) starts at the bias, and input j's functions are added in order of j,
 * its upper one to zu where the weight is positive (its lower one where negative), the other to
 * zl. A neuron that is off on the whole box (pMag 0) contributes nothing: its functions are 0.
 * Returns Σ|terms| for the rounding bound: |bias| + Σⱼ|wⱼ|·pMag[j].
 */
function accumulate(w: Float64Array, row: number, inSize: number, bias: number, pu: Float64Array, pl: Float64Array, pMag: Float64Array, zu: Float64Array, zl: Float64Array, base: number, stride: number): number {
  let termMag = Math.abs(bias);
  zu.fill(0, base, base + stride);
  zl.fill(0, base, base + stride);
  zu[base + stride - 1] = bias;
  zl[base + stride - 1] = bias;
  for (let j = 0; j < inSize; j++) {
    const a = w[row + j]!;
    if (a === 0 || pMag[j] === 0) continue;
    termMag += Math.abs(a) * pMag[j]!;
    const src = j * stride;
    const su = a > 0 ? pu : pl;
    const sl = a > 0 ? pl : pu;
    for (let k = 0; k < stride; k++) {
      zu[base + k] = zu[base + k]! + a * su[src + k]!;
      zl[base + k] = zl[base + k]! + a * sl[src + k]!;
    }
  }
  return termMag;
}

/**
 * accumulate for rows of six (five inputs and the constant: ACAS Xu), the twelve sums kept in
 * locals and stored once: the same operations in the same order, so the same results, in 20% less
 * time per symbolic pass (200 boxes of φ6 N(1,1); in memory, each sum was loaded and stored at
 * every term).
 */
function accumulateSix(w: Float64Array, row: number, inSize: number, bias: number, pu: Float64Array, pl: Float64Array, pMag: Float64Array, zu: Float64Array, zl: Float64Array, base: number): number {
  let termMag = Math.abs(bias);
  let u0 = 0;
  let l0 = 0;
  let u1 = 0;
  let l1 = 0;
  let u2 = 0;
  let l2 = 0;
  let u3 = 0;
  let l3 = 0;
  let u4 = 0;
  let l4 = 0;
  let u5 = bias;
  let l5 = bias;
  for (let j = 0; j < inSize; j++) {
    const a = w[row + j]!;
    if (a === 0 || pMag[j] === 0) continue;
    termMag += Math.abs(a) * pMag[j]!;
    const src = j * 6;
    const su = a > 0 ? pu : pl;
    const sl = a > 0 ? pl : pu;
    u0 += a * su[src]!;
    l0 += a * sl[src]!;
    u1 += a * su[src + 1]!;
    l1 += a * sl[src + 1]!;
    u2 += a * su[src + 2]!;
    l2 += a * sl[src + 2]!;
    u3 += a * su[src + 3]!;
    l3 += a * sl[src + 3]!;
    u4 += a * su[src + 4]!;
    l4 += a * sl[src + 4]!;
    u5 += a * su[src + 5]!;
    l5 += a * sl[src + 5]!;
  }
  zu[base] = u0;
  zl[base] = l0;
  zu[base + 1] = u1;
  zl[base + 1] = l1;
  zu[base + 2] = u2;
  zl[base + 2] = l2;
  zu[base + 3] = u3;
  zl[base + 3] = l3;
  zu[base + 4] = u4;
  zl[base + 4] = l4;
  zu[base + 5] = u5;
  zl[base + 5] = l5;
  return termMag;
}

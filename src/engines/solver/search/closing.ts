import type { NetworkBounds } from '../bounds/networkBounds.ts';
import { activationRange } from '../bounds/relaxation.ts';
import { dotError, down } from '../bounds/rounding.ts';
import type { Network } from '../model/network.ts';
import type { Case, Constraint } from '../model/problem.ts';

/**
 * Whether a box of the input splitting closes: some constraint of the unsafe region (or a
 * nonnegative combination of them) is shown to fail everywhere in it by a sound lower bound.
 */

/** Lower bound of coeffs·y from the output intervals alone (interval strategy). */
export function outputLowerBound(net: Network, bounds: NetworkBounds, k: Constraint): number {
  const last = net.layers.length - 1;
  const activation = net.layers[last]!.activation;
  let v = 0;
  let abs = 0;
  for (let j = 0; j < net.outputSize; j++) {
    const a = k.coeffs[j]!;
    if (a === 0) continue;
    const [lo, hi] = activationRange(activation, bounds.lo[last]![j]!, bounds.hi[last]![j]!);
    const t = a > 0 ? a * lo : a * hi;
    v += t;
    abs += Math.abs(t);
  }
  return v - dotError(net.outputSize, abs);
}

/** ReLUs whose pre-activation range straddles 0. */
export function countUndecided(net: Network, bounds: NetworkBounds): number {
  let n = 0;
  net.layers.forEach((layer, k) => {
    if (layer.activation !== 'relu') return;
    for (let i = 0; i < layer.outSize; i++) if (bounds.lo[k]![i]! < 0 && bounds.hi[k]![i]! > 0) n++;
  });
  return n;
}

export interface Judgement {
  closed: boolean;
  best: number;
  bestK: number;
  /** Each constraint's lower bound of coeffs·y − rhsHi, by constraint (NaN where not bounded: the box closed first). */
  values: number[];
  /** Each constraint's sound lower bound of coeffs·y itself (NaN where not bounded). */
  lowers: number[];
}

/**
 * Bounds every constraint; the box closes when one of them is shown to fail everywhere. `first`
 * is bounded first (the parent's nearest-to-closed constraint: a box usually closes on the
 * constraint that came nearest to closing its parent, and then the others are not bounded at all).
 */
export function closes(c: Case, lower: (k: Constraint, coeffsOut: Float64Array) => number, coeffs: Float64Array[], first = 0): Judgement {
  const m = c.constraints.length;
  const j: Judgement = { closed: false, best: -Infinity, bestK: 0, values: new Array<number>(m).fill(NaN), lowers: new Array<number>(m).fill(NaN) };
  for (let t = 0; t < m && !j.closed; t++) {
    const index = t === 0 ? first : t <= first ? t - 1 : t;
    const k = c.constraints[index]!;
    const bound = lower(k, coeffs[index]!);
    const slack = bound - k.rhsHi;
    j.lowers[index] = bound;
    j.values[index] = slack;
    if (slack > j.best) {
      j.best = slack;
      j.bestK = index;
    }
    if (slack > 0 || (k.strict && slack >= 0)) j.closed = true;
  }
  return j;
}

/**
 * Whether one half of a bisected box closes on its parent's bounds alone, with no bound computed
 * for it. Each constraint's bound B came from a linear function of the inputs, a·x + b ≤ coeffs·y
 * on the parent's box, minimised at the corner x* (xᵢ* = loᵢ where aᵢ ≥ 0, hiᵢ otherwise), and
 * B ≤ a·x* + b; so B + a·(x − x*) is a lower bound of coeffs·y on the whole parent box. On the half
 * without x*'s end of the split dimension d its minimum is B + |a_d|·(half width): the half that
 * does not hold the parent's minimiser gains that much for free. Rounded down at each step.
 * Returns the closing constraint's margin there (its inherited bound − rhsHi), or undefined.
 */
export function closesFromParent(c: Case, parent: Judgement, coeffs: Float64Array[], d: number, lo: number, mid: number, hi: number, upperHalf: boolean): number | undefined {
  for (let k = 0; k < c.constraints.length; k++) {
    const bound = parent.lowers[k]!;
    if (Number.isNaN(bound)) continue;
    const a = coeffs[k]![d]!;
    // a ≥ 0: x*_d = lo, the upper half starts at mid; a < 0: x*_d = hi, the lower half ends at mid.
    const width = a >= 0 ? (upperHalf ? down(mid - lo) : 0) : upperHalf ? 0 : down(hi - mid);
    if (!(width > 0)) continue;
    const child = down(bound + down(Math.abs(a) * width));
    const constraint = c.constraints[k]!;
    if (child > constraint.rhsHi || (constraint.strict && child >= constraint.rhsHi)) return child - constraint.rhsHi;
  }
  return undefined;
}

/**
 * A nonnegative combination λ of the constraints whose sum fails everywhere proves the conjunction
 * empty even when no single constraint does (the Lagrangian dual of "all constraints hold").
 * λ is found by projected supergradient ascent on the linear bounds already computed; it is only a
 * guess, which combinedSlack then checks soundly.
 */
export function combine(c: Case, coeffs: Float64Array[], values: number[], lo: Float64Array, hi: Float64Array, lambda: Float64Array): Float64Array | undefined {
  const m = c.constraints.length;
  if (values.some((v) => Number.isNaN(v))) return undefined;
  const n = lo.length;
  // ℓ_k(x) = a_k·x + b_k − rhs_k, with b_k recovered from the minimum the bound reported.
  const offsets = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let min = 0;
    for (let i = 0; i < n; i++) min += coeffs[k]![i]! >= 0 ? coeffs[k]![i]! * lo[i]! : coeffs[k]![i]! * hi[i]!;
    offsets[k] = values[k]! - min;
  }
  lambda.fill(1 / m, 0, m);
  const a = new Float64Array(n);
  const x = new Float64Array(n);
  let bestValue = -Infinity;
  const best = new Float64Array(m);
  for (let t = 0; t < 60; t++) {
    a.fill(0);
    let b = 0;
    for (let k = 0; k < m; k++) {
      b += lambda[k]! * offsets[k]!;
      for (let i = 0; i < n; i++) a[i] = a[i]! + lambda[k]! * coeffs[k]![i]!;
    }
    let value = b;
    for (let i = 0; i < n; i++) {
      x[i] = a[i]! >= 0 ? lo[i]! : hi[i]!;
      value += a[i]! * x[i]!;
    }
    if (value > bestValue) {
      bestValue = value;
      best.set(lambda.subarray(0, m));
    }
    // Supergradient: each constraint's bound at the minimiser; step, then project onto the simplex.
    const step = 0.5 / (1 + t);
    let sum = 0;
    for (let k = 0; k < m; k++) {
      let g = offsets[k]!;
      for (let i = 0; i < n; i++) g += coeffs[k]![i]! * x[i]!;
      lambda[k] = Math.max(0, lambda[k]! + step * g / (1 + Math.abs(g)));
      sum += lambda[k]!;
    }
    if (sum === 0) lambda.fill(1 / m, 0, m);
    else for (let k = 0; k < m; k++) lambda[k] = lambda[k]! / sum;
  }
  return bestValue > 0 ? best : undefined;
}

/**
 * A sound lower bound of Σ λ_k (coeffs_k·y − rhs_k). The combined coefficients are computed in
 * floating point; their rounding error times the largest |y_j| is subtracted, as is the rounding
 * of Σ λ_k rhs_k, so a positive result proves some constraint fails everywhere in the box.
 * `lower` gives a sound lower bound of a linear function of the outputs over the box.
 */
export function combinedSlack(lower: (coeffs: Float64Array) => number, bounds: NetworkBounds, net: Network, c: Case, lambda: Float64Array): number {
  const outputs = net.outputSize;
  const coeffs = new Float64Array(outputs);
  const last = net.layers.length - 1;
  let coefficientError = 0;
  for (let j = 0; j < outputs; j++) {
    let v = 0;
    let abs = 0;
    c.constraints.forEach((k, index) => {
      v += lambda[index]! * k.coeffs[j]!;
      abs += Math.abs(lambda[index]! * k.coeffs[j]!);
    });
    coeffs[j] = v;
    const [yLo, yHi] = activationRange(net.layers[last]!.activation, bounds.lo[last]![j]!, bounds.hi[last]![j]!);
    coefficientError += dotError(c.constraints.length, abs) * Math.max(Math.abs(yLo), Math.abs(yHi));
  }
  let rhs = 0;
  let rhsAbs = 0;
  c.constraints.forEach((k, index) => {
    rhs += lambda[index]! * k.rhsHi;
    rhsAbs += Math.abs(lambda[index]! * k.rhsHi);
  });
  const rhsUp = rhs + dotError(c.constraints.length, rhsAbs);
  return lower(coeffs) - coefficientError - rhsUp - dotError(3, coefficientError + Math.abs(rhsUp));
}

/**
 * Outward rounding, the way every bound in this engine stays sound under floating point.
 *
 * IEEE 754 doubles round to nearest: one operation errs by at most u·|result| with u = 2⁻⁵³, and a
 * dot product of n terms computed left to right errs by at most γₙ·Σ|aᵢbᵢ| with γₙ = nu/(1 − nu)
 * (Higham, "Accuracy and Stability of Numerical Algorithms", §3.1). Below 2⁻¹⁰²² results are
 * subnormal and the error becomes absolute, at most 2⁻¹⁰⁷⁴ per operation.
 *
 * So after every affine step we widen: lower bounds move down and upper bounds move up by a
 * relative part (γ, doubled, because the magnitude sum Σ|aᵢbᵢ| is itself computed in floating
 * point) plus an absolute part (TINY per term, far above the subnormal error). The widening is a
 * few ulps: invisible in the answers, and it makes "holds" a statement about exact real arithmetic
 * on the network's stored weights.
 */
export const UNIT = 2 ** -53;
/** Absolute slack per operation: covers underflow to subnormals with a wide margin. */
export const TINY = 2 ** -1000;

/** A rigorous bound on the rounding error of an n-term dot product whose terms' magnitudes sum to `absSum`. */
export function dotError(n: number, absSum: number): number {
  return 2 * (n + 2) * UNIT * absSum + (n + 1) * TINY;
}

/** A number at least as large as the exact result that `x` rounded (one rounding step). */
export function up(x: number): number {
  return x + Math.abs(x) * 4 * UNIT + TINY;
}

/** A number at most as small as the exact result that `x` rounded (one rounding step). */
export function down(x: number): number {
  return x - Math.abs(x) * 4 * UNIT - TINY;
}

/** Exact-real enclosure of (a - b) / c for c > 0, given exact doubles a, b, c. */
export function divDiff(a: number, b: number, c: number): [number, number] {
  const lo = down(down(a - b) / c);
  const hi = up(up(a - b) / c);
  return [Math.min(lo, hi), Math.max(lo, hi)];
}

import type { SlackRow } from './floatSimplex.ts';
import { DQ, Q } from './rational.ts';
import type { Bound } from './simplex.ts';

/**
 * Exact confirmation of a conflict that the float simplex found (Farkas' lemma). For any
 * multipliers λ on the slack rows, L = Σ λ_s·(s − Σ c_sk·y_k) is zero at every point that
 * satisfies the rows; if the current bounds of L's variables force L's minimum above 0 (or its
 * maximum below 0), in exact delta-rationals, those bounds cannot hold together and their literals
 * are a sound conflict explanation. The multipliers come from the float row (its coefficients on
 * slacks), rounded first to nearby simple fractions (exact for small-integer problems), then taken
 * as the doubles' exact values; any λ is sound, a poor one merely fails to refute. Returns the
 * explanation's literals, or null when neither rounding refutes the bounds.
 */
export function certifyConflict(
  rows: ReadonlyMap<number, SlackRow>,
  lambdas: readonly [number, number][],
  lower: readonly (Bound | null)[],
  upper: readonly (Bound | null)[],
): number[] | null {
  for (const rational of [nearbyFraction, exactDouble]) {
    const lits = refute(combination(rows, lambdas, rational), lower, upper);
    if (lits) return lits;
  }
  return null;
}

/** The coefficients of Σ λ_s·(s − Σ c_sk·y_k), exactly. */
function combination(rows: ReadonlyMap<number, SlackRow>, lambdas: readonly [number, number][], rational: (x: number) => Q): Map<number, Q> {
  const coef = new Map<number, Q>();
  const add = (x: number, a: Q) => coef.set(x, (coef.get(x) ?? Q.ZERO).add(a));
  for (const [s, l] of lambdas) {
    if (Math.abs(l) < 1e-12) continue;
    const lambda = rational(l);
    add(s, lambda);
    for (const [y, c] of rows.get(s)!.terms) add(y, lambda.mul(c).neg());
  }
  return coef;
}

/** The bounds' literals when min L > 0 or max L < 0 under the bounds, else null. */
function refute(coef: ReadonlyMap<number, Q>, lower: readonly (Bound | null)[], upper: readonly (Bound | null)[]): number[] | null {
  for (const sign of [1, -1]) {
    let min = DQ.ZERO;
    const lits: number[] = [];
    let bounded = true;
    for (const [x, c] of coef) {
      if (c.isZero()) continue;
      const a = sign > 0 ? c : c.neg();
      const b = a.sign() > 0 ? lower[x] : upper[x];
      if (!b) {
        bounded = false;
        break;
      }
      min = min.add(b.value.scale(a));
      lits.push(b.lit);
    }
    if (bounded && lits.length > 0 && min.cmp(DQ.ZERO) > 0) return lits;
  }
  return null;
}

/** The continued-fraction convergent of x with denominator at most 2^24 within 1e-12 relative, else x exactly. */
export function nearbyFraction(x: number): Q {
  const tolerance = 1e-12 * Math.max(1, Math.abs(x));
  let [p0, q0, p1, q1] = [0, 1, 1, 0];
  let rest = x;
  for (let i = 0; i < 40; i++) {
    const a = Math.floor(rest);
    [p0, q0, p1, q1] = [p1, q1, a * p1 + p0, a * q1 + q0];
    if (q1 > 2 ** 24 || !Number.isSafeInteger(p1)) break;
    if (Math.abs(x - p1 / q1) <= tolerance) return Q.of(BigInt(p1), BigInt(q1));
    const frac = rest - a;
    if (frac === 0) break;
    rest = 1 / frac;
  }
  return exactDouble(x);
}

/** The exact rational value of a finite double (a dyadic fraction). */
export function exactDouble(x: number): Q {
  let e = 0n;
  while (!Number.isInteger(x)) {
    x *= 2;
    e++;
  }
  return Q.of(BigInt(x), 1n << e);
}

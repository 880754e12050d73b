import type { Bound } from './simplex.ts';
import type { DQ, Q } from './rational.ts';

/** A row of the original problem: slack = Σ coefficient · real variable. */
export interface SlackRow {
  slack: number;
  terms: [number, Q][];
}

/** Why a float check ended: feasible (every bound holds within tolerance), a row that cannot be repaired, or too many pivots. */
export type FloatAnswer = { kind: 'feasible' } | { kind: 'conflict'; basic: number } | { kind: 'gave-up' };

/** Violations and pivot coefficients below these are taken as zero: the float answer is only a guess that exact arithmetic checks. */
const EPS = 1e-9;
const PIVOT_EPS = 1e-11;

/**
 * The same bounded general simplex as `Simplex` (Dutertre & de Moura, CAV'06, Bland's rule), on
 * a dense tableau of doubles: a pivot is a few thousand floating-point operations instead of as
 * many BigInt rational ones. Its answers are guesses for the exact layer to confirm (lra/farkas.ts
 * checks a conflict row's certificate in rationals; a feasible answer is confirmed by the exact
 * simplex before a model is shown), never reported as they are. Values and bounds are delta pairs
 * (r, k) for r + k·δ, compared lexicographically with a tolerance on each part.
 */
export class FloatSimplex {
  readonly vars: number;
  readonly rowCount: number;
  /** tableau[r·vars + x]: the coefficient of nonbasic x in the row of basic basicOf[r]. */
  readonly tableau: Float64Array;
  readonly basicOf: Int32Array;
  readonly rowOf: Int32Array;
  readonly vr: Float64Array;
  readonly vk: Float64Array;
  pivots = 0;
  private readonly initial: Float64Array;
  private readonly initialBasis: Int32Array;

  constructor(vars: number, rows: readonly SlackRow[]) {
    this.vars = vars;
    this.rowCount = rows.length;
    this.tableau = new Float64Array(rows.length * vars);
    this.basicOf = new Int32Array(rows.length);
    this.rowOf = new Int32Array(vars).fill(-1);
    this.vr = new Float64Array(vars);
    this.vk = new Float64Array(vars);
    rows.forEach((row, r) => {
      this.basicOf[r] = row.slack;
      this.rowOf[row.slack] = r;
      for (const [x, a] of row.terms) this.tableau[r * vars + x] = toFloat(a);
    });
    this.initial = this.tableau.slice();
    this.initialBasis = this.basicOf.slice();
  }

  /** Back to the slack basis with the original rows (drops the rounding error that pivots accumulate). */
  reset(): void {
    this.tableau.set(this.initial);
    this.basicOf.set(this.initialBasis);
    this.rowOf.fill(-1);
    this.initialBasis.forEach((s, r) => (this.rowOf[s] = r));
  }

  /**
   * Pivots until every bound holds (within tolerance), a row proves them inconsistent, or
   * `maxPivots` pass. Nonbasic values are first moved inside their bounds and the basic ones
   * recomputed from the tableau, so drift in the values never carries over from call to call.
   */
  check(lower: readonly (Bound | null)[], upper: readonly (Bound | null)[], maxPivots: number, spend: (work: number) => void): FloatAnswer {
    this.placeNonbasic(lower, upper);
    this.recomputeBasic();
    for (let n = 0; n < maxPivots; n++) {
      const violated = this.firstViolated(lower, upper);
      if (violated < 0) return { kind: 'feasible' };
      const xi = violated >> 1;
      const below = (violated & 1) === 1;
      const xj = this.entering(xi, below, lower, upper);
      if (xj < 0) return { kind: 'conflict', basic: xi };
      spend(1 + ((this.rowCount * this.vars) >> 8));
      this.pivotAndUpdate(xi, xj, (below ? lower[xi] : upper[xi])!);
    }
    return { kind: 'gave-up' };
  }

  /**
   * The row of basic xi as multipliers on the slack rows (for lra/farkas.ts): the row says
   * xi − Σ a·x = 0, which weighs each slack by its coefficient there (1 for xi, −a for a nonbasic one).
   */
  multipliers(xi: number, rows: ReadonlyMap<number, SlackRow>): [number, number][] {
    const out: [number, number][] = [];
    if (rows.has(xi)) out.push([xi, 1]);
    const base = this.rowOf[xi]! * this.vars;
    for (let x = 0; x < this.vars; x++) {
      const a = this.tableau[base + x]!;
      if (a !== 0 && this.rowOf[x]! < 0 && rows.has(x)) out.push([x, -a]);
    }
    return out;
  }

  private placeNonbasic(lower: readonly (Bound | null)[], upper: readonly (Bound | null)[]): void {
    for (let x = 0; x < this.vars; x++) {
      if (this.rowOf[x]! >= 0) continue;
      const l = lower[x];
      const u = upper[x];
      if (l && less(this.vr[x]!, this.vk[x]!, l.fr, l.fk)) [this.vr[x], this.vk[x]] = [l.fr, l.fk];
      else if (u && less(u.fr, u.fk, this.vr[x]!, this.vk[x]!)) [this.vr[x], this.vk[x]] = [u.fr, u.fk];
    }
  }

  private recomputeBasic(): void {
    const { tableau, vars, vr, vk } = this;
    for (let r = 0; r < this.rowCount; r++) {
      let sr = 0;
      let sk = 0;
      const base = r * vars;
      for (let x = 0; x < vars; x++) {
        const a = tableau[base + x]!;
        if (a !== 0) {
          sr += a * vr[x]!;
          sk += a * vk[x]!;
        }
      }
      vr[this.basicOf[r]!] = sr;
      vk[this.basicOf[r]!] = sk;
    }
  }

  /** Bland's rule: the smallest basic variable out of its bounds, as 2·x + (1 when below its lower bound), or -1. */
  private firstViolated(lower: readonly (Bound | null)[], upper: readonly (Bound | null)[]): number {
    let best = -1;
    for (let r = 0; r < this.rowCount; r++) {
      const b = this.basicOf[r]!;
      if (best >= 0 && b > best >> 1) continue;
      const l = lower[b];
      const u = upper[b];
      if (l && less(this.vr[b]!, this.vk[b]!, l.fr, l.fk)) best = 2 * b + 1;
      else if (u && less(u.fr, u.fk, this.vr[b]!, this.vk[b]!)) best = 2 * b;
    }
    return best;
  }

  /** Bland's rule: the smallest nonbasic variable of xi's row that can move xi towards its bound, or -1. */
  private entering(xi: number, below: boolean, lower: readonly (Bound | null)[], upper: readonly (Bound | null)[]): number {
    const base = this.rowOf[xi]! * this.vars;
    for (let x = 0; x < this.vars; x++) {
      const a = this.tableau[base + x]!;
      if (Math.abs(a) < PIVOT_EPS || this.rowOf[x]! >= 0) continue;
      const up = below === a > 0;
      const bound = up ? upper[x] : lower[x];
      if (!bound) return x;
      if (up ? less(this.vr[x]!, this.vk[x]!, bound.fr, bound.fk) : less(bound.fr, bound.fk, this.vr[x]!, this.vk[x]!)) return x;
    }
    return -1;
  }

  private pivotAndUpdate(xi: number, xj: number, target: Bound): void {
    const { tableau, vars, vr, vk } = this;
    const r = this.rowOf[xi]!;
    const a = tableau[r * vars + xj]!;
    const tr = (target.fr - vr[xi]!) / a;
    const tk = (target.fk - vk[xi]!) / a;
    vr[xi] = target.fr;
    vk[xi] = target.fk;
    vr[xj] = vr[xj]! + tr;
    vk[xj] = vk[xj]! + tk;
    for (let r2 = 0; r2 < this.rowCount; r2++) {
      if (r2 === r) continue;
      const c = tableau[r2 * vars + xj]!;
      if (c === 0) continue;
      const b = this.basicOf[r2]!;
      vr[b] = vr[b]! + c * tr;
      vk[b] = vk[b]! + c * tk;
    }
    this.pivot(r, xi, xj);
    this.pivots++;
  }

  /** Swaps basic xi (row r) with nonbasic xj and substitutes xj's new row into every other row. */
  private pivot(r: number, xi: number, xj: number): void {
    const { tableau, vars } = this;
    const base = r * vars;
    const inv = 1 / tableau[base + xj]!;
    for (let x = 0; x < vars; x++) tableau[base + x] = -tableau[base + x]! * inv;
    tableau[base + xj] = 0;
    tableau[base + xi] = inv;
    for (let r2 = 0; r2 < this.rowCount; r2++) {
      if (r2 === r) continue;
      const b2 = r2 * vars;
      const c = tableau[b2 + xj]!;
      if (c === 0) continue;
      tableau[b2 + xj] = 0;
      for (let x = 0; x < vars; x++) {
        const f = tableau[base + x]!;
        if (f !== 0) tableau[b2 + x] = tableau[b2 + x]! + c * f;
      }
    }
    this.basicOf[r] = xj;
    this.rowOf[xj] = r;
    this.rowOf[xi] = -1;
  }
}

/** (ar + ak·δ) < (br + bk·δ), parts equal within EPS counting as equal. */
function less(ar: number, ak: number, br: number, bk: number): boolean {
  return ar < br - EPS * scale(ar, br) || (Math.abs(ar - br) <= EPS * scale(ar, br) && ak < bk - EPS * scale(ak, bk));
}

const scale = (a: number, b: number) => Math.max(1, Math.abs(a), Math.abs(b));

/** The double nearest a rational, also when numerator and denominator are beyond a double's range. */
export function toFloat(q: Q): number {
  const n = q.n < 0n ? -q.n : q.n;
  if (n < FLOAT_SAFE && q.d < FLOAT_SAFE) return Number(q.n) / Number(q.d);
  const shift = Math.max(0, Math.max(bitLength(n), bitLength(q.d)) - 1000);
  const value = Number(n >> BigInt(shift)) / Number(q.d >> BigInt(shift));
  return q.n < 0n ? -value : value;
}

const FLOAT_SAFE = 2n ** 1000n;

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(16).length * 4;
}

/** A delta-rational as the pair of doubles the float simplex compares. */
export function floatPair(v: DQ): [number, number] {
  return [toFloat(v.r), toFloat(v.k)];
}

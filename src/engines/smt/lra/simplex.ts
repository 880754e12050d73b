import { floatPair } from './floatSimplex.ts';
import { DQ, Q } from './rational.ts';

/** A bound and the literal (or branch) that asserted it, for explanations; fr + fk·δ is its value in doubles (for the float simplex). */
export interface Bound {
  value: DQ;
  lit: number;
  fr: number;
  fk: number;
}

const bound = (value: DQ, lit: number): Bound => {
  const [fr, fk] = floatPair(value);
  return { value, lit, fr, fk };
};

interface Undo {
  v: number;
  upper: boolean;
  old: Bound | null;
}

/**
 * The general simplex of Dutertre & de Moura ("A fast linear-arithmetic solver for DPLL(T)",
 * CAV'06): the tableau rows s = Σ aᵢ·xᵢ are fixed once; asserting a bound only moves a bound, and
 * `check` pivots (Bland's rule, so it terminates) until every basic variable is within its bounds
 * or a row proves the bounds inconsistent. Values are delta-rationals, exact throughout.
 * Backtracking restores bounds only: the current assignment stays valid for weaker bounds.
 */
export class Simplex {
  readonly values: DQ[] = [];
  readonly lower: (Bound | null)[] = [];
  readonly upper: (Bound | null)[] = [];
  /** rows[r]: the basic variable basicOf[r] as Σ coefficient · nonbasic variable. */
  private readonly rows: Map<number, Q>[] = [];
  private readonly basicOf: number[] = [];
  private readonly rowOf: number[] = [];
  /** For each nonbasic variable, the rows it appears in. */
  private readonly colRows: Set<number>[] = [];
  private readonly undoStack: Undo[] = [];
  pivots = 0;

  addVariable(): number {
    const v = this.values.length;
    this.values.push(DQ.ZERO);
    this.lower.push(null);
    this.upper.push(null);
    this.rowOf.push(-1);
    this.colRows.push(new Set());
    return v;
  }

  /** A new basic variable defined as Σ coefficient · variable (over variables that are nonbasic now). */
  addRow(terms: [number, Q][]): number {
    const s = this.addVariable();
    const r = this.rows.length;
    const row = new Map<number, Q>();
    let value = DQ.ZERO;
    for (const [x, a] of terms) {
      const rx = this.rowOf[x]!;
      if (rx < 0) {
        row.set(x, (row.get(x) ?? Q.ZERO).add(a));
        value = value.add(this.values[x]!.scale(a));
        continue;
      }
      // x is basic now: substitute its row.
      for (const [y, b] of this.rows[rx]!) row.set(y, (row.get(y) ?? Q.ZERO).add(a.mul(b)));
      value = value.add(this.values[x]!.scale(a));
    }
    for (const [x, a] of [...row]) if (a.isZero()) row.delete(x);
    for (const x of row.keys()) this.colRows[x]!.add(r);
    this.rows.push(row);
    this.basicOf.push(s);
    this.rowOf[s] = r;
    this.values[s] = value;
    return s;
  }

  mark(): number {
    return this.undoStack.length;
  }
  undoTo(mark: number): void {
    while (this.undoStack.length > mark) {
      const u = this.undoStack.pop()!;
      (u.upper ? this.upper : this.lower)[u.v] = u.old;
    }
  }

  /** x ≤ value; returns the literals of two contradicting bounds, or null. */
  assertUpper(x: number, value: DQ, lit: number): number[] | null {
    const u = this.upper[x];
    if (u && u.value.cmp(value) <= 0) return null;
    const l = this.lower[x];
    if (l && value.cmp(l.value) < 0) return [lit, l.lit];
    this.undoStack.push({ v: x, upper: true, old: u ?? null });
    this.upper[x] = bound(value, lit);
    if (this.rowOf[x]! < 0 && this.values[x]!.cmp(value) > 0) this.update(x, value);
    return null;
  }

  /** x ≥ value. */
  assertLower(x: number, value: DQ, lit: number): number[] | null {
    const l = this.lower[x];
    if (l && l.value.cmp(value) >= 0) return null;
    const u = this.upper[x];
    if (u && value.cmp(u.value) > 0) return [lit, u.lit];
    this.undoStack.push({ v: x, upper: false, old: l ?? null });
    this.lower[x] = bound(value, lit);
    if (this.rowOf[x]! < 0 && this.values[x]!.cmp(value) < 0) this.update(x, value);
    return null;
  }

  isBasic(x: number): boolean {
    return this.rowOf[x]! >= 0;
  }

  /**
   * Restores feasibility (the paper's Check procedure). Returns null when every bound holds, or
   * the literals of the bounds in one row that cannot all hold (a Farkas explanation).
   * `spend` is called once per pivot with the pivot's work (the rational operations it does, so
   * a budget tracks time rather than pivots, whose cost grows with the tableau) and may throw to stop.
   */
  check(spend: (work: number) => void): number[] | null {
    for (;;) {
      let xi = -1;
      let below = false;
      for (let r = 0; r < this.rows.length; r++) {
        const b = this.basicOf[r]!;
        if (xi >= 0 && b > xi) continue;
        const v = this.values[b]!;
        const l = this.lower[b];
        const u = this.upper[b];
        if (l && v.cmp(l.value) < 0) [xi, below] = [b, true];
        else if (u && v.cmp(u.value) > 0) [xi, below] = [b, false];
      }
      if (xi < 0) return null;
      const row = this.rows[this.rowOf[xi]!]!;
      let xj = -1;
      for (const [x, a] of row) {
        if (xj >= 0 && x > xj) continue;
        const up = below === a.sign() > 0;
        const bound = up ? this.upper[x] : this.lower[x];
        if (!bound || (up ? this.values[x]!.cmp(bound.value) < 0 : this.values[x]!.cmp(bound.value) > 0)) xj = x;
      }
      if (xj < 0) return this.explain(xi, below);
      // The pivot's rational operations: the scan for xi, the new row, its substitution into
      // every row with xj (about four operations an entry), and the value updates.
      spend(this.rows.length + row.size * (1 + 4 * this.colRows[xj]!.size));
      this.pivotAndUpdate(xi, xj, (below ? this.lower[xi] : this.upper[xi])!.value);
    }
  }

  private explain(xi: number, below: boolean): number[] {
    const lits = [(below ? this.lower[xi] : this.upper[xi])!.lit];
    for (const [x, a] of this.rows[this.rowOf[xi]!]!) lits.push((below === a.sign() > 0 ? this.upper[x] : this.lower[x])!.lit);
    return lits;
  }

  private update(x: number, value: DQ): void {
    const delta = value.sub(this.values[x]!);
    for (const r of this.colRows[x]!) {
      const b = this.basicOf[r]!;
      this.values[b] = this.values[b]!.add(delta.scale(this.rows[r]!.get(x)!));
    }
    this.values[x] = value;
  }

  private pivotAndUpdate(xi: number, xj: number, value: DQ): void {
    const r = this.rowOf[xi]!;
    const a = this.rows[r]!.get(xj)!;
    const theta = value.sub(this.values[xi]!).scale(Q.ONE.div(a));
    this.values[xi] = value;
    this.values[xj] = this.values[xj]!.add(theta);
    for (const r2 of this.colRows[xj]!) {
      if (r2 === r) continue;
      const b = this.basicOf[r2]!;
      this.values[b] = this.values[b]!.add(theta.scale(this.rows[r2]!.get(xj)!));
    }
    this.pivot(r, xi, xj);
    this.pivots++;
  }

  /** Swaps basic xi (row r) with nonbasic xj and substitutes xj's new row everywhere else. */
  private pivot(r: number, xi: number, xj: number): void {
    const old = this.rows[r]!;
    const inv = Q.ONE.div(old.get(xj)!);
    const fresh = new Map<number, Q>([[xi, inv]]);
    for (const [x, c] of old) {
      this.colRows[x]!.delete(r);
      if (x !== xj) fresh.set(x, c.mul(inv).neg());
    }
    for (const x of fresh.keys()) this.colRows[x]!.add(r);
    this.rows[r] = fresh;
    for (const r2 of [...this.colRows[xj]!]) {
      const row = this.rows[r2]!;
      const c = row.get(xj)!;
      row.delete(xj);
      for (const [x, f] of fresh) {
        const sum = (row.get(x) ?? Q.ZERO).add(c.mul(f));
        if (sum.isZero()) {
          row.delete(x);
          this.colRows[x]!.delete(r2);
        } else {
          row.set(x, sum);
          this.colRows[x]!.add(r2);
        }
      }
    }
    this.colRows[xj]!.clear();
    this.basicOf[r] = xj;
    this.rowOf[xj] = r;
    this.rowOf[xi] = -1;
  }

  /**
   * Rational values: δ is chosen small enough that r + k·δ respects every bound (Dutertre & de
   * Moura §3.2), then each value is the exact rational r + k·δ.
   */
  concrete(count: number): Q[] {
    let delta = Q.ONE;
    // lo ≤ hi must hold for the chosen δ; binding only when lo.r < hi.r and lo.k > hi.k.
    const limit = (lo: DQ, hi: DQ) => {
      if (lo.r.cmp(hi.r) < 0 && lo.k.cmp(hi.k) > 0) {
        const d = hi.r.sub(lo.r).div(lo.k.sub(hi.k));
        if (d.cmp(delta) < 0) delta = d;
      }
    };
    for (let x = 0; x < this.values.length; x++) {
      const v = this.values[x]!;
      const l = this.lower[x];
      const u = this.upper[x];
      if (l) limit(l.value, v);
      if (u) limit(v, u.value);
    }
    return this.values.slice(0, count).map((v) => v.r.add(v.k.mul(delta)));
  }
}

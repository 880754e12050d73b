import type { Encoding } from './encoding.ts';
import type { SimplexTableau } from './simplexTableau.ts';

/**
 * The simplex tableau stored densely (simplexTableau.ts): one row of `n` numbers per basic
 * variable, rewritten by every pivot: what Reluplex used before the revised simplex (revised.ts),
 * kept as the reference that revised.test.ts checks it against.
 */
export class DenseTableau implements SimplexTableau {
  readonly refactorEvery = 2000;
  readonly n: number;
  readonly m: number;
  /** Row-major m × n. */
  readonly t: Float64Array;
  readonly t0: Float64Array;
  readonly basicOf: Int32Array;
  /** The row of a basic variable, or −1. */
  readonly rowOf: Int32Array;
  readonly value: Float64Array;
  private readonly nonzeros: Int32Array;
  private readonly col: Float64Array;

  constructor(readonly enc: Encoding) {
    this.n = enc.count;
    this.m = enc.rows.length;
    this.t = new Float64Array(this.m * this.n);
    this.t0 = new Float64Array(this.m);
    this.basicOf = new Int32Array(this.m);
    this.rowOf = new Int32Array(this.n).fill(-1);
    this.value = new Float64Array(this.n);
    this.nonzeros = new Int32Array(this.n);
    this.col = new Float64Array(this.m);
    this.build();
  }

  /** Writes each equation as "row variable = rhs − Σ others", substituting basic variables in order. */
  private build(): void {
    const { n, t, t0 } = this;
    this.enc.rows.forEach((row, r) => {
      const base = r * n;
      t.fill(0, base, base + n);
      t0[r] = row.rhs;
      for (let e = 0; e < row.vars.length; e++) {
        const v = row.vars[e]!;
        if (v === row.rowVar) continue;
        const a = -row.coeffs[e]!;
        const s = this.rowOf[v]!;
        if (s < 0) t[base + v] = t[base + v]! + a;
        else {
          const sb = s * n;
          for (let u = 0; u < n; u++) t[base + u] = t[base + u]! + a * t[sb + u]!;
          t0[r] = t0[r]! + a * t0[s]!;
        }
      }
      this.basicOf[r] = row.rowVar;
      this.rowOf[row.rowVar] = r;
    });
  }

  isBasic(v: number): boolean {
    return this.rowOf[v]! >= 0;
  }

  /** Recomputes every basic variable from the non-basic ones. */
  recompute(): void {
    const { n, m, t, t0, value, basicOf } = this;
    for (let r = 0; r < m; r++) {
      let s = t0[r]!;
      const base = r * n;
      for (let v = 0; v < n; v++) {
        const a = t[base + v]!;
        if (a !== 0) s += a * value[v]!;
      }
      value[basicOf[r]!] = s;
    }
  }

  /** Sets non-basic `v` to `x` and moves the basic variables with it. */
  update(v: number, x: number): void {
    const { n, m, t, value, basicOf } = this;
    const delta = x - value[v]!;
    if (delta === 0) return;
    value[v] = x;
    for (let r = 0; r < m; r++) {
      const a = t[r * n + v]!;
      if (a !== 0) value[basicOf[r]!] = value[basicOf[r]!]! + a * delta;
    }
  }

  column(v: number): Float64Array {
    const { n, m, t, col } = this;
    for (let r = 0; r < m; r++) col[r] = t[r * n + v]!;
    return col;
  }

  combine(w: Float64Array, out: Float64Array): void {
    const { n, m, t } = this;
    out.fill(0);
    for (let r = 0; r < m; r++) {
      const c = w[r]!;
      if (c === 0) continue;
      const base = r * n;
      for (let v = 0; v < n; v++) {
        const a = t[base + v]!;
        if (a !== 0) out[v] = out[v]! + c * a;
      }
    }
  }

  /**
   * The combined row, over all variables, is yᵀ·A; y is read off the designated variables'
   * columns, solving the rows last to first: a designated variable appears, besides its own
   * row, only in rows encoded after it (encoding.ts).
   */
  multipliers(w: Float64Array, y: Float64Array): void {
    const { enc, n } = this;
    const combined = new Float64Array(n);
    this.combine(w, combined);
    for (let v = 0; v < n; v++) combined[v] = -combined[v]!;
    for (let r = 0; r < this.m; r++) combined[this.basicOf[r]!] = combined[this.basicOf[r]!]! + w[r]!;
    const occurrences = this.occurrences();
    for (let i = enc.rows.length - 1; i >= 0; i--) {
      const rho = enc.rows[i]!.rowVar;
      let v = combined[rho]!;
      for (const o of occurrences[rho]!) if (o.row !== i) v -= y[o.row]! * o.coeff;
      y[i] = v;
    }
  }

  private occurrenceList: { row: number; coeff: number }[][] | undefined;

  /** For each variable, the rows it appears in and its coefficient there. */
  private occurrences(): { row: number; coeff: number }[][] {
    if (!this.occurrenceList) {
      const list: { row: number; coeff: number }[][] = Array.from({ length: this.n }, () => []);
      this.enc.rows.forEach((row, r) => {
        for (let e = 0; e < row.vars.length; e++) list[row.vars[e]!]!.push({ row: r, coeff: row.coeffs[e]! });
      });
      this.occurrenceList = list;
    }
    return this.occurrenceList;
  }

  /** Basic `leaving` (row r) becomes non-basic; non-basic `entering` becomes basic in row r. */
  pivot(r: number, entering: number): void {
    const { n, m, t, t0, basicOf, rowOf } = this;
    const leaving = basicOf[r]!;
    const base = r * n;
    const a = t[base + entering]!;
    // x_e = (x_l − Σ_{u≠e} T[r][u] x_u − t0) / a
    const inv = 1 / a;
    for (let u = 0; u < n; u++) t[base + u] = -t[base + u]! * inv;
    t[base + entering] = 0;
    t[base + leaving] = inv;
    t0[r] = -t0[r]! * inv;
    // The pivot row is sparse for a network (each neuron reads one layer): update only its nonzeros.
    const nz = this.nonzeros;
    let count = 0;
    for (let u = 0; u < n; u++) if (t[base + u] !== 0) nz[count++] = u;
    for (let i = 0; i < m; i++) {
      if (i === r) continue;
      const bi = i * n;
      const c = t[bi + entering]!;
      if (c === 0) continue;
      t[bi + entering] = 0;
      for (let k = 0; k < count; k++) {
        const u = nz[k]!;
        t[bi + u] = t[bi + u]! + c * t[base + u]!;
      }
      t0[i] = t0[i]! + c * t0[r]!;
    }
    basicOf[r] = entering;
    rowOf[entering] = r;
    rowOf[leaving] = -1;
  }

  /**
   * Rebuilds T and t0 from the original equations for the current basis: solves B·T' = A by
   * Gaussian elimination with partial pivoting on the dense system of the original rows.
   * Returns false (leaving the tableau as it was) when the basis matrix is numerically singular.
   */
  refactor(): boolean {
    const { n, m, enc } = this;
    // Original system as dense rows [A | rhs].
    const w = n + 1;
    const a = new Float64Array(m * w);
    enc.rows.forEach((row, r) => {
      for (let e = 0; e < row.vars.length; e++) a[r * w + row.vars[e]!] = a[r * w + row.vars[e]!]! + row.coeffs[e]!;
      a[r * w + n] = row.rhs;
    });
    const basics = Array.from(this.basicOf);
    // Eliminate each basic variable's column, choosing the largest pivot among the rows left.
    const done = new Uint8Array(m);
    const order = new Int32Array(m);
    for (let k = 0; k < m; k++) {
      const col = basics[k]!;
      let best = -1;
      let bestAbs = 0;
      for (let r = 0; r < m; r++) {
        if (done[r]) continue;
        const v = Math.abs(a[r * w + col]!);
        if (v > bestAbs) {
          bestAbs = v;
          best = r;
        }
      }
      if (best < 0 || bestAbs < 1e-12) return false;
      done[best] = 1;
      order[k] = best;
      const pb = best * w;
      const inv = 1 / a[pb + col]!;
      for (let u = 0; u < w; u++) a[pb + u] = a[pb + u]! * inv;
      for (let r = 0; r < m; r++) {
        if (r === best) continue;
        const f = a[r * w + col]!;
        if (f === 0) continue;
        const rb = r * w;
        for (let u = 0; u < w; u++) {
          const x = a[pb + u]!;
          if (x !== 0) a[rb + u] = a[rb + u]! - f * x;
        }
      }
    }
    // Row order[k] now reads x_{basics[k]} + Σ_{non-basic} a·x = rhs.
    const { t, t0 } = this;
    for (let k = 0; k < m; k++) {
      const src = order[k]! * w;
      const dst = k * n;
      for (let u = 0; u < n; u++) t[dst + u] = this.rowOf[u]! >= 0 ? 0 : -a[src + u]!;
      t0[k] = a[src + n]!;
      this.basicOf[k] = basics[k]!;
      this.rowOf[basics[k]!] = k;
    }
    this.recompute();
    return true;
  }
}

import type { Encoding } from './encoding.ts';
import { EtaFile } from './eta.ts';
import type { SimplexTableau } from './simplexTableau.ts';

/** Etas appended by pivots before the basis is refactorised (the file's FTRAN/BTRAN cost grows with them). */
const REFACTOR_EVERY = 64;
/** In refactorisation, a pivot may be chosen for sparsity if it is at least this fraction of the column's largest candidate. */
const THRESHOLD = 0.1;
/** A refactorisation pivot smaller than this, relative to the column's largest entry, means the basis is singular. */
const SINGULAR = 1e-11;

/**
 * The revised simplex method (Dantzig & Orchard-Hays): the equations A·x = rhs stay as they are,
 * sparse, by column, and only the basis B (the columns of the basic variables) is kept, as B⁻¹ in
 * product form (eta.ts). The tableau's entries are computed when asked for:
 *     T[·][v] = −B⁻¹·a_v                 (FTRAN: the column of an entering variable),
 *     Σ_r w_r·T[r][·] = −(wᵀ·B⁻¹)·A_N    (BTRAN, then one pass over A's columns: pricing, a row),
 *     x_B = B⁻¹·(rhs − A_N·x_N)           (recompute).
 * A pivot costs one eta instead of rewriting a dense m × n tableau. Every REFACTOR_EVERY pivots the
 * basis is refactorised (`refactor`): its columns are eliminated one by one into a fresh eta file,
 * each choosing its pivot row among those still free by threshold pivoting, preferring the row
 * the variable is the designated variable of (where the slack basis of encoding.ts is triangular)
 * and else the sparsest original row (Markowitz's aim, with his count taken once).
 */
export class RevisedTableau implements SimplexTableau {
  readonly n: number;
  readonly m: number;
  readonly basicOf: Int32Array;
  readonly rowOf: Int32Array;
  readonly value: Float64Array;
  readonly refactorEvery = REFACTOR_EVERY;
  /** A by column: column v's entries are rowIndex/entry[start[v] .. start[v + 1]). */
  private readonly start: Int32Array;
  private readonly rowIndex: Int32Array;
  private readonly entry: Float64Array;
  private readonly rhs: Float64Array;
  /** For each row, the variable it was written for (coefficient 1), and its number of entries. */
  private readonly home: Int32Array;
  private readonly rowLength: Int32Array;
  private etas = new EtaFile();
  private spare = new EtaFile();
  private readonly work: Float64Array;
  /** The last column computed, and its variable (−1 once the basis changed). */
  private readonly col: Float64Array;
  private colOf = -1;

  constructor(enc: Encoding) {
    const n = enc.count;
    const m = enc.rows.length;
    this.n = n;
    this.m = m;
    this.basicOf = new Int32Array(m);
    this.rowOf = new Int32Array(n).fill(-1);
    this.value = new Float64Array(n);
    this.rhs = Float64Array.from(enc.rows, (row) => row.rhs);
    this.home = Int32Array.from(enc.rows, (row) => row.rowVar);
    this.rowLength = Int32Array.from(enc.rows, (row) => row.vars.length);
    const sparse = byColumn(enc);
    this.start = sparse.start;
    this.rowIndex = sparse.rowIndex;
    this.entry = sparse.entry;
    this.work = new Float64Array(m);
    this.col = new Float64Array(m);
    // The slack basis: each row's designated variable. It is triangular, so it always factorises.
    enc.rows.forEach((row, r) => {
      this.basicOf[r] = row.rowVar;
      this.rowOf[row.rowVar] = r;
    });
    if (!this.refactor()) throw new Error('the slack basis of the encoding is singular');
  }

  isBasic(v: number): boolean {
    return this.rowOf[v]! >= 0;
  }

  recompute(): void {
    const { work, value, start, rowIndex, entry } = this;
    work.set(this.rhs);
    for (let v = 0; v < this.n; v++) {
      const x = value[v]!;
      if (x === 0 || this.rowOf[v]! >= 0) continue;
      for (let j = start[v]!; j < start[v + 1]!; j++) work[rowIndex[j]!] = work[rowIndex[j]!]! - entry[j]! * x;
    }
    this.etas.ftran(work);
    for (let r = 0; r < this.m; r++) value[this.basicOf[r]!] = work[r]!;
  }

  update(v: number, x: number): void {
    const { value, basicOf } = this;
    const delta = x - value[v]!;
    if (delta === 0) return;
    value[v] = x;
    const col = this.column(v);
    for (let r = 0; r < this.m; r++) {
      const a = col[r]!;
      if (a !== 0) value[basicOf[r]!] = value[basicOf[r]!]! + a * delta;
    }
  }

  column(v: number): Float64Array {
    const { col } = this;
    if (this.colOf === v) return col;
    col.fill(0);
    for (let j = this.start[v]!; j < this.start[v + 1]!; j++) col[this.rowIndex[j]!] = this.entry[j]!;
    this.etas.ftran(col);
    for (let r = 0; r < this.m; r++) col[r] = -col[r]!;
    this.colOf = v;
    return col;
  }

  combine(w: Float64Array, out: Float64Array): void {
    const { work, start, rowIndex, entry } = this;
    work.set(w);
    this.etas.btran(work);
    for (let v = 0; v < this.n; v++) {
      if (this.rowOf[v]! >= 0) {
        out[v] = 0;
        continue;
      }
      let s = 0;
      for (let j = start[v]!; j < start[v + 1]!; j++) s += work[rowIndex[j]!]! * entry[j]!;
      out[v] = -s;
    }
  }

  pivot(r: number, entering: number): void {
    const col = this.column(entering);
    // α = B⁻¹·a_e = −T[·][e]
    this.etas.push(r, col, -1, this.m);
    const leaving = this.basicOf[r]!;
    this.basicOf[r] = entering;
    this.rowOf[entering] = r;
    this.rowOf[leaving] = -1;
    this.colOf = -1;
  }

  multipliers(w: Float64Array, y: Float64Array): void {
    y.set(w);
    this.etas.btran(y);
  }

  /**
   * Eliminates the basic columns in order (designated variables in their rows' order first, then
   * the others), each into the free row chosen as the class comment says.
   */
  refactor(): boolean {
    const { m, n, work, home, rowLength, start, rowIndex, entry } = this;
    const fresh = this.spare;
    fresh.clear();
    const taken = new Uint8Array(m);
    const placed = new Int32Array(m);
    const isBasic = (v: number) => this.rowOf[v]! >= 0;
    const order: number[] = [];
    for (let r = 0; r < m; r++) if (isBasic(home[r]!)) order.push(home[r]!);
    const designated = new Uint8Array(n);
    for (let r = 0; r < m; r++) designated[home[r]!] = 1;
    for (let r = 0; r < m; r++) if (!designated[this.basicOf[r]!]) order.push(this.basicOf[r]!);
    const homeRow = new Int32Array(n).fill(-1);
    for (let r = 0; r < m; r++) homeRow[home[r]!] = r;
    for (const v of order) {
      const untouched = this.untouchedRow(v, taken, homeRow[v]!);
      if (untouched >= 0) {
        fresh.pushSparse(untouched, rowIndex, entry, start[v]!, start[v + 1]!);
        taken[untouched] = 1;
        placed[untouched] = v;
        continue;
      }
      work.fill(0);
      for (let j = start[v]!; j < start[v + 1]!; j++) work[rowIndex[j]!] = entry[j]!;
      fresh.ftran(work);
      let largest = 0;
      for (let r = 0; r < m; r++) if (!taken[r]) largest = Math.max(largest, Math.abs(work[r]!));
      let norm = 0;
      for (let r = 0; r < m; r++) norm = Math.max(norm, Math.abs(work[r]!));
      if (largest <= SINGULAR * norm || largest === 0) return false;
      const acceptable = THRESHOLD * largest;
      let p = homeRow[v]!;
      if (p < 0 || taken[p] || Math.abs(work[p]!) < acceptable) {
        p = -1;
        for (let r = 0; r < m; r++) {
          if (taken[r] || Math.abs(work[r]!) < acceptable) continue;
          if (p < 0 || rowLength[r]! < rowLength[p]!) p = r;
        }
      }
      fresh.push(p, work, 1, m);
      taken[p] = 1;
      placed[p] = v;
    }
    this.spare = this.etas;
    this.etas = fresh;
    for (let r = 0; r < m; r++) {
      this.basicOf[r] = placed[r]!;
      this.rowOf[placed[r]!] = r;
    }
    this.colOf = -1;
    this.recompute();
    return true;
  }

  /**
   * Refactorisation's shortcut for a column with no entry in a row already pivoted (most of the
   * designated ones: the slack basis is triangular): FTRAN would leave it as it is, since an eta
   * acts only through its pivot row's entry, so its eta comes straight from A's sparse column. The
   * row is chosen as for any column; −1 when the column meets a taken row (or is empty).
   */
  private untouchedRow(v: number, taken: Uint8Array, home: number): number {
    const { start, rowIndex, entry, rowLength } = this;
    const from = start[v]!;
    const to = start[v + 1]!;
    let largest = 0;
    for (let j = from; j < to; j++) {
      if (taken[rowIndex[j]!]) return -1;
      largest = Math.max(largest, Math.abs(entry[j]!));
    }
    const acceptable = THRESHOLD * largest;
    let p = -1;
    for (let j = from; j < to; j++) {
      if (Math.abs(entry[j]!) < acceptable || entry[j] === 0) continue;
      const r = rowIndex[j]!;
      if (r === home) return r;
      if (p < 0 || rowLength[r]! < rowLength[p]!) p = r;
    }
    return p;
  }
}

/** The equations' coefficients by column (compressed sparse columns), duplicates summed. */
function byColumn(enc: Encoding): { start: Int32Array; rowIndex: Int32Array; entry: Float64Array } {
  const columns: Map<number, number>[] = Array.from({ length: enc.count }, () => new Map());
  enc.rows.forEach((row, r) => {
    for (let e = 0; e < row.vars.length; e++) {
      const column = columns[row.vars[e]!]!;
      column.set(r, (column.get(r) ?? 0) + row.coeffs[e]!);
    }
  });
  const start = new Int32Array(enc.count + 1);
  columns.forEach((c, v) => (start[v + 1] = start[v]! + c.size));
  const rowIndex = new Int32Array(start[enc.count]!);
  const entry = new Float64Array(start[enc.count]!);
  columns.forEach((c, v) => {
    let at = start[v]!;
    for (const [r, a] of [...c].sort((x, y) => x[0] - y[0])) {
      rowIndex[at] = r;
      entry[at] = a;
      at++;
    }
  });
  return { start, rowIndex, entry };
}

import { BlockBasis } from './blockBasis.ts';
import type { Encoding } from './encoding.ts';
import { EtaFile } from './eta.ts';
import type { SimplexTableau } from './simplexTableau.ts';

/** Etas appended by pivots before the basis is refactorised (the file's FTRAN/BTRAN cost grows with them). */
const REFACTOR_EVERY = 32;

/**
 * The revised simplex method (Dantzig & Orchard-Hays): the equations A·x = rhs stay as they are,
 * sparse, by column, and only the basis B (the columns of the basic variables) is kept, as
 * B⁻¹ = E_k ⋯ E_1 · B₀⁻¹: B₀ factorised by blocks around its bump (blockBasis.ts) and the pivots
 * since, in product form (eta.ts). The tableau's entries are computed when asked for:
 *     T[·][v] = −B⁻¹·a_v                 (FTRAN: the column of an entering variable),
 *     Σ_r w_r·T[r][·] = −(wᵀ·B⁻¹)·A_N    (BTRAN, then one pass over A's columns: pricing, a row),
 *     x_B = B⁻¹·(rhs − A_N·x_N)           (recompute).
 * A pivot costs one eta instead of rewriting a dense m × n tableau. Every REFACTOR_EVERY pivots the
 * basis is refactorised (`refactor`) and the eta file starts afresh.
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
  /** For each row, the variable it was written for (coefficient 1). */
  private readonly home: Int32Array;
  /** B₀, the basis at the last refactorisation, by blocks (blockBasis.ts). */
  private readonly base: BlockBasis;
  /** The pivots since then, in product form: B⁻¹ = E_k ⋯ E_1 · B₀⁻¹. */
  private readonly etas = new EtaFile();
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
    const sparse = byColumn(enc);
    this.start = sparse.start;
    this.rowIndex = sparse.rowIndex;
    this.entry = sparse.entry;
    this.work = new Float64Array(m);
    this.col = new Float64Array(m);
    this.base = new BlockBasis(sparse, this.home);
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
    this.ftran(work);
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
    this.ftran(col);
    for (let r = 0; r < this.m; r++) col[r] = -col[r]!;
    this.colOf = v;
    return col;
  }

  combine(w: Float64Array, out: Float64Array): void {
    const { work, start, rowIndex, entry } = this;
    work.set(w);
    this.btran(work);
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
    this.btran(y);
  }

  /** work ← B⁻¹·work. */
  private ftran(work: Float64Array): void {
    this.base.ftran(work);
    this.etas.ftran(work);
  }

  /** work ← (workᵀ·B⁻¹)ᵀ. */
  private btran(work: Float64Array): void {
    this.etas.btran(work);
    this.base.btran(work);
  }

  /**
   * Factorises the current basis afresh (blockBasis.ts): each basic designated variable in its own
   * row, the bump (the other basic variables, in the order of the rows they held) in the rows
   * left. False (nothing changed) when the basis is numerically singular.
   */
  refactor(): boolean {
    const { m, home } = this;
    const bump: number[] = [];
    const designated = new Uint8Array(this.n);
    for (let r = 0; r < m; r++) designated[home[r]!] = 1;
    for (let r = 0; r < m; r++) if (!designated[this.basicOf[r]!]) bump.push(this.basicOf[r]!);
    const rowsF = this.base.factorise((v) => this.rowOf[v]! >= 0, Int32Array.from(bump));
    if (!rowsF) return false;
    this.etas.clear();
    for (let r = 0; r < m; r++) if (this.rowOf[home[r]!]! >= 0) this.basicOf[r] = home[r]!;
    rowsF.forEach((r, i) => (this.basicOf[r] = bump[i]!));
    for (let r = 0; r < m; r++) this.rowOf[this.basicOf[r]!] = r;
    this.colOf = -1;
    this.recompute();
    return true;
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

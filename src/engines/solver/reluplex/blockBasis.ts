/** A pivot of the bump's dense factorisation smaller than this, relative to its largest entry, means the basis is singular. */
const SINGULAR = 1e-11;

/** The equations' coefficients by column (compressed sparse columns). */
export interface Columns {
  start: Int32Array;
  rowIndex: Int32Array;
  entry: Float64Array;
}

/**
 * A simplex basis B factorised by blocks around its "bump" (Hellerman & Rarick's name for the part
 * of a basis that is not triangular). Each row of the encoding has a designated variable, and the
 * designated columns are lower triangular in row order (encoding.ts). The basic designated
 * variables D sit in their home rows H; the other basic variables K (the bump) fill the rows F
 * whose designated variable is non-basic:
 *     B = [ B_HD  B_HK ]      S = B_FK − B_FD·B_HD⁻¹·B_HK   (the Schur complement, |K| × |K|)
 *         [ B_FD  B_FK ]
 * B_HD is solved by substitution on A's own sparse columns and S, small, is factorised densely
 * (LU with partial pivoting), so the bump's fill stays in S instead of spreading over m rows as
 * it does in the product form. Row F[j] holds bump variable K[j].
 */
export class BlockBasis {
  /** Per row: 1 if its designated variable is basic (a row of H). */
  private readonly inH: Uint8Array;
  /** F[j]: the row of bump variable K[j]. */
  private rowsF = new Int32Array(0);
  private bump = new Int32Array(0);
  /** S = L·U in place, rows permuted by `perm`. */
  private lu = new Float64Array(0);
  private perm = new Int32Array(0);
  private readonly diagonal: Float64Array;
  private readonly t: Float64Array;
  private xK = new Float64Array(0);
  private scratch = new Float64Array(0);

  constructor(
    private readonly a: Columns,
    private readonly home: Int32Array,
  ) {
    const m = home.length;
    this.inH = new Uint8Array(m);
    this.diagonal = new Float64Array(m);
    this.t = new Float64Array(m);
    home.forEach((v, r) => {
      for (let j = a.start[v]!; j < a.start[v + 1]!; j++) {
        if (a.rowIndex[j]! < r) throw new Error('the designated columns of the encoding are not lower triangular');
        if (a.rowIndex[j] === r) this.diagonal[r] = a.entry[j]!;
      }
      if (this.diagonal[r] === 0) throw new Error('a designated variable is missing from its row');
    });
  }

  /**
   * Factorises the basis made of the basic designated variables (`isBasic`) and the bump (in the
   * order that assigns it the rows F, ascending). Returns F, or undefined (nothing changed) when
   * the basis is singular.
   */
  factorise(isBasic: (v: number) => boolean, bump: Int32Array): Int32Array | undefined {
    const { home } = this;
    const m = home.length;
    const inH = Uint8Array.from(home, (v) => (isBasic(v) ? 1 : 0));
    const rowsF: number[] = [];
    for (let r = 0; r < m; r++) if (!inH[r]) rowsF.push(r);
    const k = bump.length;
    if (rowsF.length !== k) return undefined;
    const s = new Float64Array(k * k);
    const work = this.t;
    for (let c = 0; c < k; c++) {
      this.scatter(bump[c]!, work);
      this.substitute(work, inH);
      for (let i = 0; i < k; i++) s[i * k + c] = work[rowsF[i]!]!;
    }
    const perm = Int32Array.from({ length: k }, (_, i) => i);
    if (!luInPlace(s, perm, k)) return undefined;
    this.inH.set(inH);
    this.rowsF = Int32Array.from(rowsF);
    this.bump = bump.slice();
    this.lu = s;
    this.perm = perm;
    this.xK = new Float64Array(k);
    this.scratch = new Float64Array(k);
    return this.rowsF;
  }

  /** work ← B⁻¹·work. */
  ftran(work: Float64Array): void {
    const { rowsF, bump, t, xK, a } = this;
    const k = rowsF.length;
    this.substitute(work);
    if (k === 0) return;
    // x_K = S⁻¹·(a_F − B_FD·B_HD⁻¹·a_H), which `substitute` left in the rows of F.
    for (let i = 0; i < k; i++) xK[i] = work[rowsF[i]!]!;
    luSolve(this.lu, this.perm, k, xK, this.scratch);
    // x_D = B_HD⁻¹·a_H − B_HD⁻¹·B_HK·x_K.
    t.fill(0);
    for (let c = 0; c < k; c++) {
      const x = xK[c]!;
      if (x === 0) continue;
      const v = bump[c]!;
      for (let j = a.start[v]!; j < a.start[v + 1]!; j++) t[a.rowIndex[j]!] = t[a.rowIndex[j]!]! + a.entry[j]! * x;
    }
    this.substitute(t);
    for (let r = 0; r < work.length; r++) if (this.inH[r]) work[r] = work[r]! - t[r]!;
    for (let i = 0; i < k; i++) work[rowsF[i]!] = xK[i]!;
  }

  /** work ← (workᵀ·B⁻¹)ᵀ: in, one weight per basis position (row); out, one multiplier per equation. */
  btran(work: Float64Array): void {
    const { rowsF, bump, t, xK, a, inH } = this;
    const k = rowsF.length;
    if (k === 0) {
      this.substituteTransposed(work);
      return;
    }
    // z = B_HD⁻ᵀ·w_D, then Sᵀ·y_F = w_K − B_HKᵀ·z.
    t.set(work);
    for (let i = 0; i < k; i++) t[rowsF[i]!] = 0;
    this.substituteTransposed(t);
    for (let c = 0; c < k; c++) {
      const v = bump[c]!;
      let g = work[rowsF[c]!]!;
      for (let j = a.start[v]!; j < a.start[v + 1]!; j++) if (inH[a.rowIndex[j]!]) g -= a.entry[j]! * t[a.rowIndex[j]!]!;
      xK[c] = g;
    }
    luSolveTransposed(this.lu, this.perm, k, xK, this.scratch);
    // y_H = B_HD⁻ᵀ·(w_D − B_FDᵀ·y_F): the same substitution, with y_F in place.
    for (let i = 0; i < k; i++) work[rowsF[i]!] = xK[i]!;
    this.substituteTransposed(work);
  }

  /** Writes column v of A into `work` (zero elsewhere). */
  private scatter(v: number, work: Float64Array): void {
    const { a } = this;
    work.fill(0);
    for (let j = a.start[v]!; j < a.start[v + 1]!; j++) work[a.rowIndex[j]!] = a.entry[j]!;
  }

  /** Forward substitution through B_HD in row order: rows of H get B_HD⁻¹·a_H, rows of F get a_F − B_FD·B_HD⁻¹·a_H. */
  private substitute(work: Float64Array, inH = this.inH): void {
    const { home, diagonal, a } = this;
    for (let r = 0; r < home.length; r++) {
      if (!inH[r]) continue;
      const x = work[r]! / diagonal[r]!;
      work[r] = x;
      if (x === 0) continue;
      const v = home[r]!;
      for (let j = a.start[v]!; j < a.start[v + 1]!; j++) {
        const row = a.rowIndex[j]!;
        if (row !== r) work[row] = work[row]! - a.entry[j]! * x;
      }
    }
  }

  /** Back substitution through B_HDᵀ (rows of H, last to first), reading the rows of F as given. */
  private substituteTransposed(work: Float64Array): void {
    const { home, inH, diagonal, a } = this;
    for (let r = home.length - 1; r >= 0; r--) {
      if (!inH[r]) continue;
      const v = home[r]!;
      let s = work[r]!;
      for (let j = a.start[v]!; j < a.start[v + 1]!; j++) {
        const row = a.rowIndex[j]!;
        if (row !== r) s -= a.entry[j]! * work[row]!;
      }
      work[r] = s / diagonal[r]!;
    }
  }
}

/** Dense LU with partial pivoting, in place: P·S = L·U, perm[i] the original row in position i. False when singular. */
function luInPlace(s: Float64Array, perm: Int32Array, k: number): boolean {
  let norm = 0;
  for (let i = 0; i < k * k; i++) norm = Math.max(norm, Math.abs(s[i]!));
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let i = c + 1; i < k; i++) if (Math.abs(s[i * k + c]!) > Math.abs(s[p * k + c]!)) p = i;
    const pivot = s[p * k + c]!;
    if (!(Math.abs(pivot) > SINGULAR * norm)) return false;
    if (p !== c) {
      for (let j = 0; j < k; j++) {
        const x = s[c * k + j]!;
        s[c * k + j] = s[p * k + j]!;
        s[p * k + j] = x;
      }
      const q = perm[c]!;
      perm[c] = perm[p]!;
      perm[p] = q;
    }
    for (let i = c + 1; i < k; i++) {
      const f = s[i * k + c]! / pivot;
      s[i * k + c] = f;
      if (f === 0) continue;
      for (let j = c + 1; j < k; j++) s[i * k + j] = s[i * k + j]! - f * s[c * k + j]!;
    }
  }
  return true;
}

/** x ← S⁻¹·x from the factors (y: scratch of length k). */
function luSolve(lu: Float64Array, perm: Int32Array, k: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < k; i++) y[i] = x[perm[i]!]!;
  for (let i = 0; i < k; i++) {
    let s = y[i]!;
    for (let j = 0; j < i; j++) s -= lu[i * k + j]! * y[j]!;
    y[i] = s;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let j = i + 1; j < k; j++) s -= lu[i * k + j]! * y[j]!;
    y[i] = s / lu[i * k + i]!;
  }
  x.set(y.subarray(0, k));
}

/** x ← S⁻ᵀ·x from the factors (z: scratch of length k). */
function luSolveTransposed(lu: Float64Array, perm: Int32Array, k: number, x: Float64Array, z: Float64Array): void {
  // Sᵀ = Uᵀ·Lᵀ·P: solve Uᵀ·z = x, then Lᵀ·w = z, then x = Pᵀ·w.
  z.set(x.subarray(0, k));
  for (let i = 0; i < k; i++) {
    let s = z[i]!;
    for (let j = 0; j < i; j++) s -= lu[j * k + i]! * z[j]!;
    z[i] = s / lu[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let j = i + 1; j < k; j++) s -= lu[j * k + i]! * z[j]!;
    z[i] = s;
  }
  for (let i = 0; i < k; i++) x[perm[i]!] = z[i]!;
}

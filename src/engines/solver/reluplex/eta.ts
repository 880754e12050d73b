/**
 * The inverse of a simplex basis in product form (Dantzig & Orchard-Hays, 1954):
 *     B⁻¹ = E_k ⋯ E_2 · E_1,
 * each E_i the identity but for one column, the eta column η at its pivot row p. Pivoting the
 * column α = B⁻¹·a into row p appends the eta with η_p = 1/α_p and η_i = −α_i/α_p. FTRAN (B⁻¹·a)
 * applies the etas first to last and skips every eta whose pivot entry is zero, so a sparse column
 * stays cheap; BTRAN (wᵀ·B⁻¹) applies them last to first. The file only grows between
 * refactorisations (revised.ts), which start a fresh one.
 */
export class EtaFile {
  /** Etas in the file. */
  count = 0;
  private pivotRow = new Int32Array(256);
  /** η_p of each eta. */
  private diagonal = new Float64Array(256);
  /** Eta i's off-diagonal entries are index/value[start[i] .. start[i + 1]). */
  private start = new Int32Array(257);
  private index = new Int32Array(4096);
  private value = new Float64Array(4096);

  /** Off-diagonal entries stored (the file's size, which refactorisation keeps small). */
  get entries(): number {
    return this.start[this.count]!;
  }

  clear(): void {
    this.count = 0;
  }

  /** Appends the eta that pivots α = scale·column (dense, length m) into row p. */
  push(p: number, column: Float64Array, scale: number, m: number): void {
    const k = this.count;
    if (k + 1 >= this.pivotRow.length) this.growEtas();
    let at = this.start[k]!;
    if (at + m > this.index.length) this.growEntries(at + m);
    const inverse = 1 / (scale * column[p]!);
    this.pivotRow[k] = p;
    this.diagonal[k] = inverse;
    const { index, value } = this;
    const factor = -scale * inverse;
    for (let i = 0; i < m; i++) {
      const a = column[i]!;
      if (a === 0 || i === p) continue;
      index[at] = i;
      value[at] = a * factor;
      at++;
    }
    this.start[k + 1] = at;
    this.count = k + 1;
  }

  /** work ← B⁻¹·work. */
  ftran(work: Float64Array): void {
    const { pivotRow, diagonal, start, index, value } = this;
    for (let k = 0; k < this.count; k++) {
      const p = pivotRow[k]!;
      const a = work[p]!;
      if (a === 0) continue;
      work[p] = a * diagonal[k]!;
      const end = start[k + 1]!;
      for (let j = start[k]!; j < end; j++) work[index[j]!] = work[index[j]!]! + value[j]! * a;
    }
  }

  /** work ← (workᵀ·B⁻¹)ᵀ. */
  btran(work: Float64Array): void {
    const { pivotRow, diagonal, start, index, value } = this;
    for (let k = this.count - 1; k >= 0; k--) {
      const p = pivotRow[k]!;
      let s = work[p]! * diagonal[k]!;
      const end = start[k + 1]!;
      for (let j = start[k]!; j < end; j++) s += work[index[j]!]! * value[j]!;
      work[p] = s;
    }
  }

  private growEtas(): void {
    const size = this.pivotRow.length * 2;
    this.pivotRow = copyInto(new Int32Array(size), this.pivotRow);
    this.diagonal = copyInto(new Float64Array(size), this.diagonal);
    this.start = copyInto(new Int32Array(size + 1), this.start);
  }

  private growEntries(least: number): void {
    const size = Math.max(least, this.index.length * 2);
    this.index = copyInto(new Int32Array(size), this.index);
    this.value = copyInto(new Float64Array(size), this.value);
  }
}

function copyInto<T extends Int32Array | Float64Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

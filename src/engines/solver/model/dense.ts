/**
 * The two products of a dense layer (W row-major, outSize × inSize) that the bounds, the attack and
 * the slope optimisers run in their inner loops, written for the cache: four rows at a time, so each
 * pass over a row of the result or of x carries four products (a 784 × 256 layer: about half the
 * time of one row at a time, measured in Node 20). Floating point only; a caller that needs a sound
 * result bounds the rounding itself: both are sums of n products in some order, so the classical
 * γₙ·Σ|wᵢxᵢ| bound on a dot product of length n holds for every entry (Higham, Accuracy and
 * Stability of Numerical Algorithms, §3.1: it holds for any order of summation).
 */

/** z = W x + b. */
export function affine(w: Float64Array, bias: Float64Array, inSize: number, outSize: number, x: ArrayLike<number>, z: Float64Array): void {
  const n4 = inSize - (inSize % 4);
  for (let i = 0; i < outSize; i++) {
    const row = i * inSize;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < n4; j += 4) {
      s0 += w[row + j]! * x[j]!;
      s1 += w[row + j + 1]! * x[j + 1]!;
      s2 += w[row + j + 2]! * x[j + 2]!;
      s3 += w[row + j + 3]! * x[j + 3]!;
    }
    for (let j = n4; j < inSize; j++) s0 += w[row + j]! * x[j]!;
    z[i] = bias[i]! + (s0 + s1 + (s2 + s3));
  }
}

/**
 * out = Wᵀ ν (out has inSize entries): the rows of W whose ν is nonzero, accumulated four at a
 * time. `rows` is scratch for the indices of those rows (at least outSize long).
 */
export function transposedProduct(w: Float64Array, inSize: number, outSize: number, nu: ArrayLike<number>, out: Float64Array, rows: Int32Array): void {
  let count = 0;
  for (let j = 0; j < outSize; j++) if (nu[j] !== 0) rows[count++] = j;
  out.fill(0, 0, inSize);
  let r = 0;
  for (; r + 3 < count; r += 4) {
    const ja = rows[r]!;
    const jb = rows[r + 1]!;
    const jc = rows[r + 2]!;
    const jd = rows[r + 3]!;
    const a = nu[ja]!;
    const b = nu[jb]!;
    const c = nu[jc]!;
    const d = nu[jd]!;
    const ra = ja * inSize;
    const rb = jb * inSize;
    const rc = jc * inSize;
    const rd = jd * inSize;
    for (let l = 0; l < inSize; l++) out[l] = out[l]! + (a * w[ra + l]! + b * w[rb + l]! + (c * w[rc + l]! + d * w[rd + l]!));
  }
  for (; r < count; r++) {
    const j = rows[r]!;
    const v = nu[j]!;
    const row = j * inSize;
    for (let l = 0; l < inSize; l++) out[l] = out[l]! + v * w[row + l]!;
  }
}

/** The transpose of a row-major rows × cols matrix (cols × rows, row-major). */
export function transpose(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]!;
  return out;
}

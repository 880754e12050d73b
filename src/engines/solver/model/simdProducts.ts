import { encodeModule, F64, FunctionBody, I32, V128, u32 } from '../../kernels/codegen/wasm/encoder.ts';
import { wasmModule } from '../../kernels/codegen/wasm/instantiate.ts';
import { affine, transposedProduct } from './dense.ts';

/**
 * Wᵀν and W x + b for a fixed set of dense matrices, in WebAssembly SIMD (two f64 lanes) where the host has it.
 * Back-substitution spends most of ReLU branch and bound in this product (mnist-net_256x6: a
 * 784 × 256 and five 256 × 256 layers per pass); it is bound by arithmetic, not memory (batching
 * 16 objectives through the same rows, CROWN's matrix form, measured no faster in JavaScript: the
 * 784 × 256 product ran at ~0.5 ns per multiply-add either way), so the gain is in doing two lanes
 * per instruction.
 *
 * Bit for bit the same as dense.ts's products, so a search's results and trees do not change:
 * Wᵀν takes the same nonzero rows, four at a time, each lane computing out + ((a·wa + b·wb) +
 * (c·wc + d·wd)), then the leftover rows one at a time; W x keeps affine's four running sums
 * s₀..s₃ as the lanes of two f64x2 accumulators, adds the leftover columns to s₀ and returns
 * b + ((s₀ + s₁) + (s₂ + s₃)). IEEE 754 lanes round exactly as scalars do (WebAssembly has no
 * fused multiply-add). Without WebAssembly (or if the module fails to compile) the JavaScript
 * products run instead, with the same results.
 */
export class DenseProducts {
  private readonly kernels: Kernels | undefined;
  private readonly f64: Float64Array | undefined;
  private readonly i32: Int32Array | undefined;
  /** Per matrix: its byte offset in the memory and its row stride in doubles (even, padded with zeros). */
  private readonly at: { offset: number; stride: number }[] = [];
  private readonly rowsAt: number;
  private readonly coefAt: number;
  private readonly outAt: number;
  private readonly xAt: number;
  private readonly rows: Int32Array;
  /** Per matrix: its product Wᵀν in the memory (a view made once: making one per product took 5% of an ACAS Xu search). */
  private readonly outViews: Float64Array[] = [];

  constructor(private readonly matrices: readonly { w: Float64Array; inSize: number; outSize: number }[]) {
    const widestOut = Math.max(1, ...matrices.map((m) => m.outSize));
    const widestIn = Math.max(2, ...matrices.map((m) => m.inSize + (m.inSize % 2)));
    this.rows = new Int32Array(widestOut);
    let bytes = 0;
    for (const m of matrices) {
      const stride = m.inSize + (m.inSize % 2);
      this.at.push({ offset: bytes, stride });
      bytes += stride * m.outSize * 8;
    }
    this.coefAt = bytes;
    bytes += widestOut * 8;
    this.outAt = bytes;
    bytes += widestIn * 8;
    this.xAt = bytes;
    bytes += widestIn * 8;
    this.rowsAt = bytes;
    bytes += widestOut * 4;
    // Narrow rows (ACAS Xu's five inputs) run faster in JavaScript than through the call.
    const instance = matrices.some((m) => m.inSize >= SIMD_MIN_ROW) ? instantiate(bytes) : undefined;
    if (!instance) return;
    this.kernels = instance.kernels;
    this.f64 = new Float64Array(instance.memory.buffer);
    this.i32 = new Int32Array(instance.memory.buffer);
    matrices.forEach((m, k) => {
      const { offset, stride } = this.at[k]!;
      this.outViews.push(this.f64!.subarray(this.outAt / 8, this.outAt / 8 + m.inSize));
      for (let j = 0; j < m.outSize; j++) this.f64!.set(m.w.subarray(j * m.inSize, (j + 1) * m.inSize), offset / 8 + j * stride);
    });
  }

  /** Whether the WebAssembly kernels run (else the JavaScript products). */
  get simd(): boolean {
    return this.kernels !== undefined;
  }

  /** out = Wᵀν for matrix `index` (out has its inSize entries). */
  transposed(index: number, nu: ArrayLike<number>, out: Float64Array): void {
    const { kernels, f64, i32 } = this;
    const m = this.matrices[index]!;
    if (!kernels || !f64 || !i32 || m.inSize < SIMD_MIN_ROW) {
      transposedProduct(m.w, m.inSize, m.outSize, nu, out, this.rows);
      return;
    }
    const { offset, stride } = this.at[index]!;
    const rows = this.rowsAt / 4;
    const coef = this.coefAt / 8;
    let count = 0;
    for (let j = 0; j < m.outSize; j++) {
      const v = nu[j]!;
      if (v !== 0) {
        i32[rows + count] = j;
        f64[coef + count++] = v;
      }
    }
    kernels.tp(offset, stride * 8, stride / 2, this.rowsAt, this.coefAt, count, this.outAt);
    out.set(this.outViews[index]!);
  }

  /** z = W x + b for matrix `index` (z has its outSize entries). */
  affine(index: number, bias: Float64Array, x: ArrayLike<number>, z: Float64Array): void {
    const { kernels, f64 } = this;
    const m = this.matrices[index]!;
    if (!kernels || !f64 || m.inSize < SIMD_MIN_ROW) {
      affine(m.w, bias, m.inSize, m.outSize, x, z);
      return;
    }
    const { offset, stride } = this.at[index]!;
    const xs = this.xAt / 8;
    for (let j = 0; j < m.inSize; j++) f64[xs + j] = x[j]!;
    const quads = Math.floor(m.inSize / 4);
    kernels.wx(offset, stride * 8, quads, m.inSize - 4 * quads, this.xAt, m.outSize, this.outAt);
    const o = this.outAt / 8;
    for (let i = 0; i < m.outSize; i++) z[i] = bias[i]! + f64[o + i]!;
  }
}

interface Kernels {
  tp: (w: number, stride: number, pairs: number, rows: number, coef: number, count: number, out: number) => void;
  wx: (w: number, stride: number, quads: number, tail: number, x: number, outSize: number, out: number) => void;
}

/** The narrowest rows the SIMD kernel takes (a 5 × 50 product: 0.19 µs in JavaScript, 0.29 µs through it; 50 × 50: 0.78 and 0.31). */
const SIMD_MIN_ROW = 16;

/** The compiled kernel in its own memory of `bytes`, or undefined where WebAssembly SIMD is missing. */
function instantiate(bytes: number): { kernels: Kernels; memory: WebAssembly.Memory } | undefined {
  if (typeof WebAssembly === 'undefined') return undefined;
  try {
    const pages = Math.ceil(bytes / 65536) + 1;
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
    const instance = new WebAssembly.Instance(wasmModule(kernelModule()), { env: { memory } });
    return { kernels: instance.exports as unknown as Kernels, memory };
  } catch {
    return undefined;
  }
}

const simd = (op: number) => [0xfd, ...u32(op)];
const V128_LOAD = simd(0x00);
const V128_STORE = simd(0x0b);
const SPLAT = simd(0x14);
const ADD = simd(0xf0);
const MUL = simd(0xf2);
const MEM_V = [4, 0];
const MEM_F64 = [3, 0];
const MEM_I32 = [2, 0];

let encoded: Uint8Array<ArrayBuffer> | undefined;

/**
 * tp(w, strideBytes, pairs, rows, coef, count, out): out (pairs f64x2) = Σ coef[r]·W[rows[r]], the
 * rows in groups of four as transposedProduct sums them, then the rest one by one.
 */
function kernelModule(): Uint8Array<ArrayBuffer> {
  if (encoded) return encoded;
  const [W, STRIDE, PAIRS, ROWS, COEF, COUNT, OUT] = [0, 1, 2, 3, 4, 5, 6];
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32], []);
  const r = f.local(I32);
  const o = f.local(I32);
  const end = f.local(I32);
  const p = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)];
  const c = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const get = (l: number) => [0x20, ...u32(l)];
  const set = (l: number) => [0x21, ...u32(l)];
  const i32c = (n: number) => [0x41, ...u32(n)];
  // end = out + pairs·16; zero the output.
  f.emit(...get(OUT), ...get(PAIRS), ...i32c(4), 0x74, 0x6a, ...set(end));
  f.emit(...get(OUT), ...set(o));
  f.emit(0x02, 0x40, 0x03, 0x40, ...get(o), ...get(end), 0x4f, 0x0d, 1);
  f.emit(...get(o), ...simd(0x0c), ...new Array<number>(16).fill(0), ...V128_STORE, ...MEM_V);
  f.emit(...get(o), ...i32c(16), 0x6a, ...set(o), 0x0c, 0, 0x0b, 0x0b);
  // Row r's weights start at w + rows[r]·stride; its coefficient splat into both lanes.
  const loadRow = (k: number, offset: number) => {
    f.emit(...get(W), ...get(ROWS), ...get(r), ...i32c(2), 0x74, 0x6a, 0x28, ...MEM_I32.slice(0, 1), ...u32(offset * 4), ...get(STRIDE), 0x6c, 0x6a, ...set(p[k]!));
    f.emit(...get(COEF), ...get(r), ...i32c(3), 0x74, 0x6a, 0x2b, ...MEM_F64.slice(0, 1), ...u32(offset * 8), ...SPLAT, ...set(c[k]!));
  };
  const term = (k: number) => [...get(c[k]!), ...get(p[k]!), ...V128_LOAD, ...MEM_V, ...MUL];
  const advance = (k: number) => [...get(p[k]!), ...i32c(16), 0x6a, ...set(p[k]!)];
  f.emit(...i32c(0), ...set(r));
  // Groups of four: while r + 4 <= count.
  f.emit(0x02, 0x40, 0x03, 0x40, ...get(r), ...i32c(4), 0x6a, ...get(COUNT), 0x4a, 0x0d, 1);
  for (let k = 0; k < 4; k++) loadRow(k, k);
  f.emit(...get(OUT), ...set(o));
  f.emit(0x03, 0x40);
  f.emit(...get(o), ...get(o), ...V128_LOAD, ...MEM_V, ...term(0), ...term(1), ...ADD, ...term(2), ...term(3), ...ADD, ...ADD, ...ADD, ...V128_STORE, ...MEM_V);
  for (let k = 0; k < 4; k++) f.emit(...advance(k));
  f.emit(...get(o), ...i32c(16), 0x6a, ...set(o), ...get(o), ...get(end), 0x49, 0x0d, 0, 0x0b);
  f.emit(...get(r), ...i32c(4), 0x6a, ...set(r), 0x0c, 0, 0x0b, 0x0b);
  // The rest, one row at a time: while r < count.
  f.emit(0x02, 0x40, 0x03, 0x40, ...get(r), ...get(COUNT), 0x4e, 0x0d, 1);
  loadRow(0, 0);
  f.emit(...get(OUT), ...set(o));
  f.emit(0x03, 0x40);
  f.emit(...get(o), ...get(o), ...V128_LOAD, ...MEM_V, ...term(0), ...ADD, ...V128_STORE, ...MEM_V);
  f.emit(...advance(0));
  f.emit(...get(o), ...i32c(16), 0x6a, ...set(o), ...get(o), ...get(end), 0x49, 0x0d, 0, 0x0b);
  f.emit(...get(r), ...i32c(1), 0x6a, ...set(r), 0x0c, 0, 0x0b, 0x0b);
  encoded = encodeModule({ imports: [], functions: [f, affineKernel()], exports: [{ name: 'tp', index: 0 }, { name: 'wx', index: 1 }] });
  return encoded;
}

/**
 * wx(w, strideBytes, quads, tail, x, outSize, out): out[i] = (s₀ + s₁) + (s₂ + s₃) for row i of W,
 * sⱼ affine's running sums over columns j, j + 4, …, the `tail` leftover columns added to s₀.
 */
function affineKernel(): FunctionBody {
  const [W, STRIDE, QUADS, TAIL, X, ROWS, OUT] = [0, 1, 2, 3, 4, 5, 6];
  const f = new FunctionBody([I32, I32, I32, I32, I32, I32, I32], []);
  const i = f.local(I32);
  const p = f.local(I32);
  const q = f.local(I32);
  const qEnd = f.local(I32);
  const acc = [f.local(V128), f.local(V128)];
  const s = [f.local(F64), f.local(F64), f.local(F64), f.local(F64)];
  const get = (l: number) => [0x20, ...u32(l)];
  const set = (l: number) => [0x21, ...u32(l)];
  const i32c = (n: number) => [0x41, ...u32(n)];
  const zero = [...simd(0x0c), ...new Array<number>(16).fill(0)];
  const lane = (k: number) => [...get(acc[k >> 1]!), ...simd(0x21), k & 1, ...set(s[k]!)];
  f.emit(...i32c(0), ...set(i));
  // For each row i < outSize.
  f.emit(0x02, 0x40, 0x03, 0x40, ...get(i), ...get(ROWS), 0x4e, 0x0d, 1);
  f.emit(...get(W), ...get(i), ...get(STRIDE), 0x6c, 0x6a, ...set(p));
  f.emit(...get(X), ...set(q), ...zero, ...set(acc[0]!), ...zero, ...set(acc[1]!));
  f.emit(...get(X), ...get(QUADS), ...i32c(5), 0x74, 0x6a, ...set(qEnd));
  // Four columns a step: lanes (s₀, s₁) and (s₂, s₃).
  f.emit(0x02, 0x40, 0x03, 0x40, ...get(q), ...get(qEnd), 0x4f, 0x0d, 1);
  for (let k = 0; k < 2; k++) f.emit(...get(acc[k]!), ...get(p), ...V128_LOAD, 4, 16 * k, ...get(q), ...V128_LOAD, 4, 16 * k, ...MUL, ...ADD, ...set(acc[k]!));
  f.emit(...get(p), ...i32c(32), 0x6a, ...set(p), ...get(q), ...i32c(32), 0x6a, ...set(q), 0x0c, 0, 0x0b, 0x0b);
  for (let k = 0; k < 4; k++) f.emit(...lane(k));
  // The leftover columns into s₀.
  f.emit(...get(q), ...get(TAIL), ...i32c(3), 0x74, 0x6a, ...set(qEnd));
  f.emit(0x02, 0x40, 0x03, 0x40, ...get(q), ...get(qEnd), 0x4f, 0x0d, 1);
  f.emit(...get(s[0]!), ...get(p), 0x2b, ...MEM_F64, ...get(q), 0x2b, ...MEM_F64, 0xa2, 0xa0, ...set(s[0]!));
  f.emit(...get(p), ...i32c(8), 0x6a, ...set(p), ...get(q), ...i32c(8), 0x6a, ...set(q), 0x0c, 0, 0x0b, 0x0b);
  f.emit(...get(OUT), ...get(i), ...i32c(3), 0x74, 0x6a);
  f.emit(...get(s[0]!), ...get(s[1]!), 0xa0, ...get(s[2]!), ...get(s[3]!), 0xa0, 0xa0, 0x39, ...MEM_F64);
  f.emit(...get(i), ...i32c(1), 0x6a, ...set(i), 0x0c, 0, 0x0b, 0x0b);
  return f;
}

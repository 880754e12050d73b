import { erf } from '../../src/engines/kernels/codegen/instantiate.ts';

/**
 * The kernels bench's honest baselines: each kernel written by hand as one fused loop, the way a
 * careful JavaScript programmer would (erf called as a function, the stencil's interior without
 * border checks), computing the same operations in the same order as the program, so its results
 * are comparable bit for bit.
 */

export const HEAT = `@acc function heat(u, iterations)
    tmp = Array(Float32, size(u)...)
    runStencil(tmp, u, iterations, :oob_wraparound) do b, a
        b[0,0] = a[0,0] + 0.2 * (a[-1,0] + a[1,0] + a[0,-1] + a[0,1] - 4 * a[0,0])
        return a, b
    end
    return u
end`;

/** Black-Scholes: one loop, the slide's operations in the slide's order. */
export function handBlackScholes(s: Float64Array, k: Float64Array, r: Float64Array, v: Float64Array, t: Float64Array, put: Float64Array): void {
  for (let i = 0; i < put.length; i++) {
    const logterm = Math.log10(s[i]! / k[i]!);
    const powterm = 0.5 * v[i]! * v[i]!;
    const den = v[i]! * Math.sqrt(t[i]!);
    const d1 = ((r[i]! + powterm) * t[i]! + logterm) / den;
    const d2 = d1 - den;
    const n1 = 0.5 + 0.5 * erf(0.707106781 * d1);
    const n2 = 0.5 + 0.5 * erf(0.707106781 * d2);
    const fv = k[i]! * Math.exp(-r[i]! * t[i]!);
    const call = s[i]! * n1 - fv * n2;
    put[i] = call - fv + s[i]!;
  }
}

/** The 5x5 blur (:oob_skip: the border is left alone), one sweep, the 25 taps written out. */
export function handBlurSweep(a: Float32Array, b: Float32Array, w: number, h: number): void {
  for (let y = 2; y < h - 2; y++)
    for (let x = 2; x < w - 2; x++) {
      const o = y * w + x;
      const m2 = o - 2 * w;
      const m1 = o - w;
      const p1 = o + w;
      const p2 = o + 2 * w;
      b[o] =
        a[m2 - 2]! * 0.003 + a[m2 - 1]! * 0.0133 + a[m2]! * 0.0219 + a[m2 + 1]! * 0.0133 + a[m2 + 2]! * 0.003 +
        a[m1 - 2]! * 0.0133 + a[m1 - 1]! * 0.0596 + a[m1]! * 0.0983 + a[m1 + 1]! * 0.0596 + a[m1 + 2]! * 0.0133 +
        a[o - 2]! * 0.0219 + a[o - 1]! * 0.0983 + a[o]! * 0.1621 + a[o + 1]! * 0.0983 + a[o + 2]! * 0.0219 +
        a[p1 - 2]! * 0.0133 + a[p1 - 1]! * 0.0596 + a[p1]! * 0.0983 + a[p1 + 1]! * 0.0596 + a[p1 + 2]! * 0.0133 +
        a[p2 - 2]! * 0.003 + a[p2 - 1]! * 0.0133 + a[p2]! * 0.0219 + a[p2 + 1]! * 0.0133 + a[p2 + 2]! * 0.003;
    }
}

/** One heat step with periodic borders: rows above and below wrap once per row, columns only at the two ends. */
export function handHeatSweep(a: Float32Array, b: Float32Array, w: number, h: number): void {
  const cell = (row: number, up: number, down: number, x: number, left: number, right: number) => {
    const c = a[row + x]!;
    b[row + x] = c + 0.2 * (a[row + left]! + a[row + right]! + a[up + x]! + a[down + x]! - 4 * c);
  };
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const up = (y === 0 ? h - 1 : y - 1) * w;
    const down = (y === h - 1 ? 0 : y + 1) * w;
    cell(row, up, down, 0, w - 1, Math.min(1, w - 1));
    for (let x = 1; x < w - 1; x++) {
      const c = a[row + x]!;
      b[row + x] = c + 0.2 * (a[row + x - 1]! + a[row + x + 1]! + a[up + x]! + a[down + x]! - 4 * c);
    }
    if (w > 1) cell(row, up, down, w - 1, w - 2, 0);
  }
}

/** STREAM's triad, a = b + 0.5 c: 12 bytes moved per element. */
export function triad(a: Float32Array, b: Float32Array, c: Float32Array): void {
  for (let i = 0; i < a.length; i++) a[i] = b[i]! + 0.5 * c[i]!;
}

/** The same triad as a pool kernel (our own constant text, run by the engine's instantiateKernel). */
export const TRIAD_KERNEL = 'const a = new Float32Array(buffers[0]), b = new Float32Array(buffers[1]), c = new Float32Array(buffers[2]);\nfor (let i = lo; i < hi; i++) a[i] = b[i] + 0.5 * c[i];';

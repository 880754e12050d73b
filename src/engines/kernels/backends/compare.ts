import type { Arr } from './types.ts';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const i64 = new BigInt64Array(f64.buffer);
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/**
 * The outputs' checksum: FNV-1a over the float64 bits of every value, in order ("fnv1a:" and 8 hex
 * digits). Equal outputs give equal checksums whatever the storage type; every NaN counts as the
 * same NaN (engines may differ in the payload bits they produce).
 */
export function checksum(outputs: (Arr | number)[]): string {
  let h = 0x811c9dc5;
  const mix = (word: number) => {
    for (let s = 0; s < 32; s += 8) h = Math.imul(h ^ ((word >>> s) & 0xff), 0x01000193);
  };
  for (const o of outputs) {
    const values = typeof o === 'number' ? [o] : o;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      f64[0] = Number.isNaN(v) ? NaN : v;
      mix(u32[0]!);
      mix(u32[1]!);
    }
  }
  return `fnv1a:${(h >>> 0).toString(16).padStart(8, '0')}`;
}

/** The float64 value as an integer that counts ulps (adjacent doubles differ by 1). */
function ordered64(x: number): bigint {
  f64[0] = x;
  const bits = i64[0]!;
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

function ordered32(x: number): number {
  f32[0] = x;
  const bits = i32[0]!;
  return bits < 0 ? -(bits & 0x7fffffff) : bits;
}

/**
 * The largest distance between corresponding values, in ulps of float64 (or of float32 when
 * `single`: the reference is rounded to float32 first). NaN against NaN is 0; NaN against a number,
 * or different lengths, is Infinity.
 */
export function maxUlps(reference: (Arr | number)[], got: (Arr | number)[], single = false): number {
  let worst = 0;
  reference.forEach((r, k) => {
    const g = got[k];
    const rs = typeof r === 'number' ? [r] : r;
    const gs = g === undefined ? [] : typeof g === 'number' ? [g] : g;
    if (rs.length !== gs.length) worst = Infinity;
    for (let i = 0; i < rs.length && worst !== Infinity; i++) {
      const a = single ? Math.fround(rs[i]!) : rs[i]!;
      const b = gs[i]!;
      if (a === b || (Number.isNaN(a) && Number.isNaN(b))) continue;
      if (Number.isNaN(a) || Number.isNaN(b)) worst = Infinity;
      else {
        const d = single ? Math.abs(ordered32(a) - ordered32(b)) : Number(ordered64(a) - ordered64(b));
        worst = Math.max(worst, Math.abs(d));
      }
    }
  });
  return worst;
}

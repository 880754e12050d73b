import { f64Bytes, i64Bytes, s32, u32, V128, type FunctionBody } from './encoder.ts';

/**
 * Instructions as small combinators, so the generated code reads like the formulas it computes:
 * a `V` pushes one value (a v128 of two f64 lanes, or of two i64 lanes) on the stack. Opcodes are
 * the SIMD proposal's (prefix 0xFD) and the core spec's.
 */
export type V = (f: FunctionBody) => void;

const simd = (op: number) => [0xfd, ...u32(op)];

export const get = (local: number): V => (f) => f.emit(0x20, ...u32(local));

export function set(f: FunctionBody, local: number, v: V): void {
  v(f);
  f.emit(0x21, ...u32(local));
}

/** A new v128 local holding `v`; a reader of it. */
export function keep(f: FunctionBody, v: V): V {
  const local = f.local(V128);
  set(f, local, v);
  return get(local);
}

/** Both f64 lanes `x` (the double's own bytes). */
export const splat = (x: number): V => (f) => f.emit(...simd(0x0c), ...f64Bytes(x), ...f64Bytes(x));
/** Both i64 lanes `x`. */
export const splat64 = (x: bigint): V => (f) => f.emit(...simd(0x0c), ...i64Bytes(x), ...i64Bytes(x));
/** The double whose bit pattern is `bits` (fdlibm's high-word thresholds as comparisons of |x|). */
export function fromBits(bits: bigint): number {
  return new Float64Array(new BigInt64Array([bits]).buffer)[0]!;
}

const unary = (op: number) => (a: V): V => (f) => {
  a(f);
  f.emit(...simd(op));
};
const binary = (op: number) => (a: V, b: V): V => (f) => {
  a(f);
  b(f);
  f.emit(...simd(op));
};

export const add = binary(0xf0);
export const sub = binary(0xf1);
export const mul = binary(0xf2);
export const div = binary(0xf3);
export const min = binary(0xf4);
export const max = binary(0xf5);
export const abs = unary(0xec);
export const neg = unary(0xed);
export const sqrt = unary(0xef);
export const eq = binary(0x47);
export const ne = binary(0x48);
export const lt = binary(0x49);
export const gt = binary(0x4a);
export const le = binary(0x4b);
export const ge = binary(0x4c);
export const and = binary(0x4e);
export const andNot = binary(0x4f);
export const or = binary(0x50);
export const xor = binary(0x51);
export const anyTrue = unary(0x53);
export const not = unary(0x4d);
export const iadd = binary(0xce);
export const isub = binary(0xd1);
export const igt = binary(0xd9);
export const ilt = binary(0xd8);
/** Lanes 0 and 1 of an i32x4 as f64 (exact). */
export const fromI32 = unary(0xfe);
/** f64 lanes truncated toward zero into i32 lanes 0 and 1 (saturating), as C's (int) cast. */
export const truncI32 = unary(0xfc);
/** f32 lanes 0 and 1 as f64 (exact). */
export const promote = unary(0x5f);

/** `mask ? a : b` lane by lane (mask lanes all ones or all zeros). */
export const select = (a: V, b: V, mask: V): V => (f) => {
  a(f);
  b(f);
  mask(f);
  f.emit(...simd(0x52));
};

const shift = (op: number) => (a: V, bits: number): V => (f) => {
  a(f);
  f.emit(0x41, ...s32(bits), ...simd(op));
};
export const shl = shift(0xcb);
export const shrU = shift(0xcd);

/** c0 + z*(c1 + z*(c2 + ... + z*cn)): Horner's rule in the order fdlibm writes it. */
export function horner(z: V, coefficients: number[]): V {
  const [first, ...rest] = coefficients;
  if (rest.length === 0) return splat(first!);
  if (rest.length === 1) return add(splat(first!), mul(z, splat(rest[0]!)));
  return add(splat(first!), mul(z, horner(z, rest)));
}

/** The body runs only when some lane of `mask` is set (a piecewise function computes the pieces its lanes need). */
export function when(f: FunctionBody, mask: V, body: () => void): void {
  anyTrue(mask)(f);
  f.emit(0x04, 0x40);
  body();
  f.emit(0x0b);
}

/** Calls function `index` on the given values. */
export const call = (index: number, ...args: V[]): V => (f) => {
  for (const a of args) a(f);
  f.emit(0x10, ...u32(index));
};

/** Integer and float views of the same lanes are the same bits: an i64 value used as f64, and back, costs nothing. */
const MAGIC = 6755399441055744; // 1.5 * 2^52: an integer k below 2^51 in magnitude sits in the low bits of k + MAGIC
/** f64 lanes holding whole numbers as i64 lanes (exact for |k| < 2^51). */
export const toI64 = (k: V): V => isub(add(k, splat(MAGIC)), splat(MAGIC));
/** i64 lanes as f64 (exact for |k| < 2^51). */
export const fromI64 = (k: V): V => sub(iadd(k, splat(MAGIC)), splat(MAGIC));

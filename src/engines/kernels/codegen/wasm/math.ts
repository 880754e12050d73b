import { ERF_CONSTANTS } from '../erf.ts';
import { FunctionBody, V128 } from './encoder.ts';
import {
  abs, add, and, call, div, eq, fromBits, fromI32, fromI64, ge, get, gt, horner, iadd, le, neg, not, igt, ilt, isub, keep, lt, mul, ne, or,
  select, set, shl, shrU, splat, splat64, sub, toI64, truncI32, when, xor, type V,
} from './vec.ts';

/**
 * exp, log, log10 and erf on two f64 lanes, as WebAssembly functions (v128) -> v128, by fdlibm's
 * methods (range reduction, then a polynomial or rational approximation; Sun's published
 * coefficients). fdlibm is what V8 computes Math.exp, Math.log and Math.log10 with, and
 * codegen/erf.ts is the erf every CPU backend uses, so where this code follows those methods
 * operation for operation the lanes get the naive backend's bits (0 ulps; codegen/wasm/math.test.ts
 * checks it). A branch of fdlibm becomes a lane mask: a piece is computed when some lane needs it
 * (`when`) and selected per lane; fdlibm's tests of the high word become comparisons of |x| with
 * the double whose high word is the threshold.
 */
export type MathFn = 'exp' | 'log' | 'log10' | 'erf';

const NAN = NaN;
const INF = Infinity;

/** The functions a loop needs, with the ones they call, in a fixed order. */
export function mathClosure(used: Set<MathFn>): MathFn[] {
  const need = new Set(used);
  if (need.has('erf')) need.add('exp');
  if (need.has('log10')) need.add('log');
  return (['exp', 'log', 'log10', 'erf'] as const).filter((f) => need.has(f));
}

/** The body of one math function; `index` gives the function index of another (erf calls exp). */
export function mathBody(fn: MathFn, index: (f: MathFn) => number): FunctionBody {
  const f = new FunctionBody([V128], [V128]);
  const x = get(0);
  const result = f.local(V128);
  if (fn === 'exp') expBody(f, x, result);
  else if (fn === 'log') logBody(f, x, result);
  else if (fn === 'log10') log10Body(f, x, result, index('log'));
  else erfBody(f, x, result, index('exp'));
  get(result)(f);
  return f;
}

// fdlibm e_exp.c: exp(x) = 2^k exp(r), x = k ln2 + r, |r| <= 0.5 ln2; exp(r) from a degree-5 polynomial in r^2.
const EXP = {
  overflow: 7.09782712893383973096e2,
  underflow: -7.45133219101941108420e2,
  ln2Hi: 6.93147180369123816490e-1,
  ln2Lo: 1.90821492927058770002e-10,
  invLn2: 1.44269504088896338700,
  P: [1.66666666666666019037e-1, -2.77777777770155933842e-3, 6.61375632143793436117e-5, -1.65339022054652515390e-6, 4.13813679705723846039e-8],
  /** |x| > 0.5 ln2 (high word above 0x3FD62E42): reduce. */
  reduceFrom: fromBits(0x3fd62e4300000000n),
  /** |x| < 2^-28: exp(x) is 1 + x. */
  tiny: fromBits(0x3e30000000000000n),
};

function expBody(f: FunctionBody, x: V, result: number): void {
  const ax = keep(f, abs(x));
  const reduce = keep(f, ge(ax, splat(EXP.reduceFrom)));
  // k = (int)(x/ln2 + (x < 0 ? -0.5 : 0.5)) where |x| > 0.5 ln2, else 0.
  const k = keep(f, and(fromI32(truncI32(add(mul(splat(EXP.invLn2), x), select(splat(-0.5), splat(0.5), lt(x, splat(0)))))), reduce));
  const hi = keep(f, sub(x, mul(k, splat(EXP.ln2Hi))));
  const lo = keep(f, mul(k, splat(EXP.ln2Lo)));
  const r = keep(f, sub(hi, lo));
  const t = keep(f, mul(r, r));
  const c = keep(f, sub(r, mul(t, horner(t, EXP.P))));
  // With k = 0, lo = 0 and hi = x, this is fdlibm's k == 0 formula 1 - ((x c)/(c - 2) - x), bit for bit.
  const y = keep(f, sub(splat(1), sub(sub(lo, div(mul(r, c), sub(splat(2), c))), hi)));
  const kBits = keep(f, toI64(k));
  // 2^k y by adding k to the exponent field (exact while the result is normal).
  set(f, result, iadd(y, shl(kBits, 52)));
  // V8 answers exp(1) with e rounded (the method gives one ulp above); so do we.
  set(f, result, select(splat(Math.E), get(result), eq(x, splat(1))));
  // The rare lanes, when there are any: NaN, |x| < 2^-28, and |x| > 707 (overflow, underflow, and
  // k < -1021, where fdlibm scales by 2^(k+1000) and then 2^-1000, rounding once into the subnormals).
  const usual = and(ge(ax, splat(EXP.tiny)), le(ax, splat(707)));
  when(f, not(usual), () => {
    const deep = lt(k, splat(-1021));
    set(f, result, select(mul(iadd(y, shl(iadd(kBits, splat64(1000n)), 52)), splat(2 ** -1000)), get(result), deep));
    set(f, result, select(add(splat(1), x), get(result), lt(ax, splat(EXP.tiny))));
    set(f, result, select(splat(INF), get(result), gt(x, splat(EXP.overflow))));
    set(f, result, select(splat(0), get(result), lt(x, splat(EXP.underflow))));
    set(f, result, select(x, get(result), ne(x, x)));
  });
}

// fdlibm e_log.c: x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2); log(1 + f) = f - s (f - R), s = f/(2 + f), R a polynomial in s^2.
const LOG = {
  ln2Hi: 6.93147180369123816490e-1,
  ln2Lo: 1.90821492927058770002e-10,
  two54: 1.80143985094819840000e16,
  Lg: [6.666666666666735130e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1, 1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1],
  smallestNormal: fromBits(0x0010000000000000n),
};

/**
 * fdlibm's first step of log and log10: a subnormal x scaled by 2^54 (the exponent corrected by
 * -54), done only when some lane is not a normal positive number; `usual` says which lanes are.
 */
function normalize(f: FunctionBody, x: V): { bits: V; high: V; kFix: V; usual: V } {
  const usual = keep(f, and(ge(x, splat(LOG.smallestNormal)), lt(x, splat(INF))));
  const bits = f.local(V128);
  const kFix = f.local(V128);
  set(f, bits, x);
  when(f, not(usual), () => {
    const subnormal = and(lt(x, splat(LOG.smallestNormal)), gt(x, splat(0)));
    set(f, bits, select(mul(x, splat(LOG.two54)), x, subnormal));
    set(f, kFix, and(subnormal, splat64(-54n)));
  });
  return { bits: get(bits), high: keep(f, shrU(get(bits), 32)), kFix: get(kFix), usual };
}

/** log's and log10's answers where x is 0, negative, infinite or NaN (fdlibm's early returns). */
function specials(f: FunctionBody, x: V, result: number, usual: V): void {
  when(f, not(usual), () => {
    set(f, result, select(splat(-INF), get(result), eq(x, splat(0))));
    set(f, result, select(splat(NAN), get(result), lt(x, splat(0))));
    set(f, result, select(x, get(result), eq(x, splat(INF))));
    set(f, result, select(x, get(result), ne(x, x)));
  });
}

function logBody(f: FunctionBody, x: V, result: number): void {
  const { bits, high, kFix, usual } = normalize(f, x);
  const m = keep(f, and(high, splat64(0xfffffn)));
  const i = keep(f, and(iadd(m, splat64(0x95f64n)), splat64(0x100000n)));
  // 1 + f: the mantissa with the exponent of 1 (or of 1/2 when the mantissa is above sqrt(2)).
  const xn = or(shl(or(m, xor(i, splat64(0x3ff00000n))), 32), and(bits, splat64(0xffffffffn)));
  const fr = keep(f, sub(xn, splat(1)));
  const k = keep(f, fromI64(iadd(iadd(isub(shrU(high, 20), splat64(1023n)), kFix), shrU(i, 20))));
  const s = keep(f, div(fr, add(splat(2), fr)));
  const z = keep(f, mul(s, s));
  const w = keep(f, mul(z, z));
  const t1 = mul(w, horner(w, [LOG.Lg[1]!, LOG.Lg[3]!, LOG.Lg[5]!]));
  const t2 = mul(z, horner(w, [LOG.Lg[0]!, LOG.Lg[2]!, LOG.Lg[4]!, LOG.Lg[6]!]));
  const R = keep(f, add(t2, t1));
  const hfsq = keep(f, mul(mul(splat(0.5), fr), fr));
  const kHi = keep(f, mul(k, splat(LOG.ln2Hi)));
  const kLo = keep(f, mul(k, splat(LOG.ln2Lo)));
  // fdlibm's k == 0 forms (f - ...) are these with k = 0, bit for bit.
  const wide = sub(kHi, sub(sub(hfsq, add(mul(s, add(hfsq, R)), kLo)), fr));
  const narrow = sub(kHi, sub(sub(mul(s, sub(fr, R)), kLo), fr));
  const mantissaFar = igt(or(isub(m, splat64(0x6147an)), isub(splat64(0x6b851n), m)), splat64(0n));
  set(f, result, select(wide, narrow, mantissaFar));
  // |f| < 2^-20: log(1 + f) = f - f^2 (1/2 - f/3).
  const nearOne = keep(f, ilt(and(iadd(m, splat64(2n)), splat64(0xfffffn)), splat64(3n)));
  when(f, nearOne, () => {
    const R2 = mul(mul(fr, fr), sub(splat(0.5), mul(splat(0.3333333333333333), fr)));
    set(f, result, select(sub(kHi, sub(sub(R2, kLo), fr)), get(result), nearOne));
  });
  specials(f, x, result, usual);
}

// fdlibm e_log10.c: x = 2^n y with y in [1/2, 2) split so that n + log10(y) adds up exactly; log10(y) = log(y)/ln 10.
const LOG10 = { ivln10: 4.34294481903251816668e-1, log2Hi: 3.01029995663611771306e-1, log2Lo: 3.69423907715893078616e-13 };

function log10Body(f: FunctionBody, x: V, result: number, log: number): void {
  const { bits, high, kFix, usual } = normalize(f, x);
  const n = keep(f, iadd(isub(shrU(high, 20), splat64(1023n)), kFix));
  const negative = keep(f, shrU(n, 63));
  const yHigh = or(and(high, splat64(0xfffffn)), shl(isub(splat64(0x3ffn), negative), 20));
  const y = keep(f, or(shl(yHigh, 32), and(bits, splat64(0xffffffffn))));
  const e = keep(f, fromI64(iadd(n, negative)));
  const z = add(mul(e, splat(LOG10.log2Lo)), mul(splat(LOG10.ivln10), call(log, y)));
  set(f, result, add(z, mul(e, splat(LOG10.log2Hi))));
  specials(f, x, result, usual);
}

/** erf by codegen/erf.ts's pieces (fdlibm s_erf.c), each computed when a lane falls in it. */
function erfBody(f: FunctionBody, x: V, result: number, exp: number): void {
  const C = ERF_CONSTANTS;
  const ax = keep(f, abs(x));
  set(f, result, x);
  const small = keep(f, lt(ax, splat(0.84375)));
  when(f, small, () => {
    const z = keep(f, mul(x, x));
    const v = add(x, mul(x, div(horner(z, C.smallP), horner(z, C.smallQ))));
    const tiny = lt(ax, splat(3.725290298461914e-9));
    set(f, result, select(select(add(x, mul(splat(C.efx), x)), v, tiny), get(result), small));
  });
  const middle = keep(f, and(ge(ax, splat(0.84375)), lt(ax, splat(1.25))));
  when(f, middle, () => {
    const s = keep(f, sub(ax, splat(1)));
    const pq = keep(f, div(horner(s, C.middleP), horner(s, C.middleQ)));
    const v = select(add(splat(C.erx), pq), sub(splat(-C.erx), pq), ge(x, splat(0)));
    set(f, result, select(v, get(result), middle));
  });
  const tail = keep(f, and(ge(ax, splat(1.25)), lt(ax, splat(6))));
  when(f, tail, () => {
    const s = keep(f, div(splat(1), mul(ax, ax)));
    const near = keep(f, lt(ax, splat(2.857142857142857)));
    const rs = f.local(V128);
    when(f, and(tail, near), () => set(f, rs, div(horner(s, C.nearR), horner(s, C.nearS))));
    when(f, and(tail, not(near)), () => set(f, rs, select(get(rs), div(horner(s, C.farR), horner(s, C.farS)), near)));
    // Veltkamp's split of |x| (26 high bits), so that z*z is exact, as in codegen/erf.ts.
    const t = keep(f, mul(ax, splat(134217729)));
    const z = keep(f, sub(t, sub(t, ax)));
    const r = keep(f, mul(call(exp, sub(mul(neg(z), z), splat(0.5625))), call(exp, add(mul(sub(z, ax), add(z, ax)), get(rs)))));
    const v = select(sub(splat(1), div(r, ax)), sub(div(r, ax), splat(1)), gt(x, splat(0)));
    set(f, result, select(v, get(result), tail));
  });
  set(f, result, select(select(splat(1), splat(-1), gt(x, splat(0))), get(result), ge(ax, splat(6))));
}

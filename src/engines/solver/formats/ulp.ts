/** The neighbouring doubles, exactly (by stepping the bit pattern). */
const buffer = new DataView(new ArrayBuffer(8));

export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  buffer.setFloat64(0, x);
  const bits = buffer.getBigInt64(0);
  buffer.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return buffer.getFloat64(0);
}

export function nextDown(x: number): number {
  return -nextUp(-x);
}

/**
 * Where the double `value` lies relative to the real number the decimal text denotes:
 * 0 when they are equal (no rounding happened in reading it), 1 when the double is above, −1 below.
 */
export function compareDecimal(text: string, value: number): number {
  const match = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new Error(`not a decimal: ${text}`);
  const negative = match[1] === '-';
  const digits = `${match[2] ?? ''}${match[3] ?? ''}`.replace(/^0+/, '') || '0';
  const exponent10 = Number(match[4] ?? '0') - (match[3] ?? '').length;
  if (Math.abs(exponent10) > 400) throw new Error(`exponent out of range: ${text}`);
  // value = mantissa · 2^exponent2, exactly.
  buffer.setFloat64(0, Math.abs(value));
  const bits = buffer.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent2 = (biased === 0 ? 1 : biased) - 1075;
  // Compare digits · 10^e10 with mantissa · 2^e2 by cross-multiplying into integers.
  let left = BigInt(digits);
  let right = mantissa;
  if (exponent10 >= 0) left *= 10n ** BigInt(exponent10);
  else right *= 10n ** BigInt(-exponent10);
  if (exponent2 >= 0) right *= 2n ** BigInt(exponent2);
  else left *= 2n ** BigInt(-exponent2);
  // |decimal| = left, |double| = right after scaling; compare with the signs.
  const magnitude = right > left ? 1 : right < left ? -1 : 0;
  if (value === 0 && digits === '0') return 0;
  const doubleNegative = value < 0 || Object.is(value, -0);
  if (negative !== doubleNegative) return negative ? 1 : -1;
  return negative ? -magnitude : magnitude;
}

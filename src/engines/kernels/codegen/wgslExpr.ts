import type { MathOp } from '../ir/domain.ts';

/** WGSL helpers the shaders may need (our own text): erf, log10 and Julia's pow for negative bases. */
export const WGSL_HELPERS: Partial<Record<MathOp, string>> = {
  // Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7, a few float32 ulps near +-1).
  erf: `fn erf_(x: f32) -> f32 {
  let a = abs(x);
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * exp(-a * a);
  return select(-y, y, x >= 0.0);
}`,
  // WGSL's pow is undefined for a negative base; Julia's is defined when the exponent is whole.
  '^': `fn pow_(x: f32, y: f32) -> f32 {
  let r = pow(abs(x), y);
  if (x >= 0.0) { return r; }
  if (y != round(y)) { return bitcast<f32>(0x7fc00000u); }
  return select(r, -r, (abs(y) % 2.0) == 1.0);
}`,
};

/** A float32 literal from a parsed number (digits, '.', 'e', sign only; infinities as bit patterns). */
export function wgslNumber(n: number): string {
  const v = Math.fround(n);
  if (Number.isNaN(v)) return 'bitcast<f32>(0x7fc00000u)';
  if (!Number.isFinite(v)) return v > 0 ? 'bitcast<f32>(0x7f800000u)' : 'bitcast<f32>(0xff800000u)';
  const text = String(Math.abs(v));
  const literal = /[.e]/.test(text) ? text : `${text}.0`;
  return v < 0 || Object.is(v, -0) ? `(-${literal})` : literal;
}

export function wgslOp(op: MathOp, a: string[]): string {
  const [x = '', y = '', z = ''] = a;
  switch (op) {
    case '+': case '-': case '*': case '/':
      return `${x} ${op} ${y}`;
    case '^':
      return `pow_(${x}, ${y})`;
    case 'neg':
      return `-${x}`;
    case '<': case '>': case '<=': case '>=': case '==': case '!=':
      return `select(0.0, 1.0, ${x} ${op} ${y})`;
    case 'ifelse':
      return `select(${z}, ${y}, ${x} != 0.0)`;
    case 'erf':
      return `erf_(${x})`;
    case 'log10':
      return `(log(${x}) * 0.4342944819)`;
    case 'log': case 'sqrt': case 'exp': case 'abs':
      return `${op}(${x})`;
    case 'min': case 'max':
      return `${op}(${x}, ${y})`;
  }
}

/**
 * Floating-point operations that report whether they were exact (Knuth's TwoSum, Dekker's
 * TwoProduct): a property's coefficients must be exactly the numbers written, or a proof would be
 * about a slightly different property.
 */
export function exactSum(a: number, b: number): { value: number; exact: boolean } {
  const s = a + b;
  const bv = s - a;
  const err = a - (s - bv) + (b - bv);
  return { value: s, exact: err === 0 && Number.isFinite(s) };
}

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for binary64

function split(a: number): [number, number] {
  const t = SPLIT * a;
  const hi = t - (t - a);
  return [hi, a - hi];
}

export function exactProduct(a: number, b: number): { value: number; exact: boolean } {
  const p = a * b;
  if (!Number.isFinite(p)) return { value: p, exact: false };
  if (Math.abs(a) > 1e300 || Math.abs(b) > 1e300) return { value: p, exact: false };
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const err = al * bl - (p - ah * bh - al * bh - ah * bl);
  // Products in the subnormal range lose bits that the error term cannot see.
  return { value: p, exact: err === 0 && (p === 0 ? a === 0 || b === 0 : Math.abs(p) >= 2 ** -1000) };
}

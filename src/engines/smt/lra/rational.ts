/**
 * Exact rationals on BigInt, always in lowest terms with a positive denominator: the theory
 * solver's arithmetic, so a `sat` model and an `unsat` explanation are exact, never rounded.
 */
export class Q {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static readonly ZERO = new Q(0n, 1n);
  static readonly ONE = new Q(1n, 1n);

  static of(n: bigint, d: bigint = 1n): Q {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return n === 0n ? Q.ZERO : new Q(n, 1n);
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Q(n, d) : new Q(n / g, d / g);
  }

  /** A decimal or integer literal ("12", "-0.375") exactly. */
  static parse(text: string): Q {
    const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
    if (!m) throw new RangeError(`not a number: ${text}`);
    const frac = m[3] ?? '';
    const n = BigInt(m[2]! + frac) * (m[1] ? -1n : 1n);
    return Q.of(n, 10n ** BigInt(frac.length));
  }

  // Addition and multiplication as in Knuth (TAOCP 2, §4.5.1): the gcds are taken of the smaller
  // operands (the denominators, the cross terms), never of the full product, which is what makes
  // exact simplex pivots affordable.
  add(o: Q): Q {
    if (this.n === 0n) return o;
    if (o.n === 0n) return this;
    if (this.d === 1n && o.d === 1n) return Q.of(this.n + o.n);
    const g = gcd(this.d, o.d);
    if (g === 1n) return new Q(this.n * o.d + o.n * this.d, this.d * o.d);
    const t = this.n * (o.d / g) + o.n * (this.d / g);
    if (t === 0n) return Q.ZERO;
    const g2 = gcd(t < 0n ? -t : t, g);
    return new Q(t / g2, (this.d / g) * (o.d / g2));
  }
  sub(o: Q): Q {
    return this.add(o.neg());
  }
  mul(o: Q): Q {
    if (this.n === 0n || o.n === 0n) return Q.ZERO;
    const g1 = gcd(this.n < 0n ? -this.n : this.n, o.d);
    const g2 = gcd(o.n < 0n ? -o.n : o.n, this.d);
    return new Q((this.n / g1) * (o.n / g2), (this.d / g2) * (o.d / g1));
  }
  div(o: Q): Q {
    return Q.of(this.n * o.d, this.d * o.n);
  }
  neg(): Q {
    return this.n === 0n ? this : new Q(-this.n, this.d);
  }
  sign(): number {
    return this.n > 0n ? 1 : this.n < 0n ? -1 : 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  cmp(o: Q): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  toString(): string {
    return this.d === 1n ? this.n.toString() : `${this.n}/${this.d}`;
  }
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }
  /** A short decimal rendering for people (the exact value is `toString`). */
  toDecimal(digits = 6): string {
    const x = this.toNumber();
    return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(digits)));
  }
}

const SAFE = 2n ** 53n;

/**
 * gcd of non-negative BigInts by Lehmer's algorithm (Knuth, TAOCP 2, §4.5.2, Algorithm L): the
 * Euclidean quotients are computed from the leading 48 bits in doubles for as long as they are
 * certain (Collins' test), and applied to the full numbers as one 2×2 step, so a gcd of two
 * 1000-bit numbers costs a few dozen BigInt operations instead of hundreds. Common factors of 2
 * (the exported networks' weights are dyadic) come off first by shifts, and once both numbers
 * fit in a double's 53 bits the rest is Euclid on doubles, exactly.
 */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < b) [a, b] = [b, a];
  if (b === 0n) return a;
  if (a < SAFE) return BigInt(smallGcd(Number(a), Number(b)));
  const twos = Math.min(trailingZeros(a), trailingZeros(b));
  if (twos > 0) {
    const t = BigInt(twos);
    return gcd(a >> t, b >> t) << t;
  }
  // The shift that leaves a's leading 48 bits: found once from a's length, then lowered 16 bits
  // at a time as a shrinks (so a >> shift stays below 2^48 and the doubles stay exact).
  let shift = Math.max(0, a.toString(16).length * 4 - 48);
  while (b >= SAFE) {
    while (shift > 0 && a >> BigInt(shift) < 0x100000000000n) shift = Math.max(0, shift - 4);
    const sh = BigInt(shift);
    let x = Number(a >> sh);
    let y = Number(b >> sh);
    let [A, B, C, D] = [1, 0, 0, 1];
    while (y + C !== 0 && y + D !== 0) {
      const q = Math.floor((x + A) / (y + C));
      if (q !== Math.floor((x + B) / (y + D))) break;
      [A, C] = [C, A - q * C];
      [B, D] = [D, B - q * D];
      [x, y] = [y, x - q * y];
    }
    if (B === 0) [a, b] = [b, a % b];
    else [a, b] = [BigInt(A) * a + BigInt(B) * b, BigInt(C) * a + BigInt(D) * b];
  }
  if (b === 0n) return a;
  return BigInt(smallGcd(Number(a % b), Number(b)));
}

/** Euclid on doubles holding integers below 2^53 (every remainder is exact). */
function smallGcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The number of trailing zero bits of a positive BigInt. */
function trailingZeros(a: bigint): number {
  const low = Number(a & 0xffffffffn);
  if (low !== 0) return 31 - Math.clz32(low & -low);
  let n = 0;
  while ((a & 0xffffffffn) === 0n) {
    a >>= 32n;
    n += 32;
  }
  return n + 31 - Math.clz32(Number(a & 0xffffffffn) & -Number(a & 0xffffffffn));
}

/**
 * A delta-rational r + k·δ for an infinitesimal δ > 0 (Dutertre & de Moura, CAV'06, §3): a strict
 * bound x < c becomes the non-strict x <= c - δ, so the simplex never needs strict inequalities.
 */
export class DQ {
  constructor(
    readonly r: Q,
    readonly k: Q = Q.ZERO,
  ) {}
  static readonly ZERO = new DQ(Q.ZERO);
  add(o: DQ): DQ {
    return new DQ(this.r.add(o.r), this.k.add(o.k));
  }
  sub(o: DQ): DQ {
    return new DQ(this.r.sub(o.r), this.k.sub(o.k));
  }
  scale(c: Q): DQ {
    return new DQ(this.r.mul(c), this.k.mul(c));
  }
  cmp(o: DQ): number {
    return this.r.cmp(o.r) || this.k.cmp(o.k);
  }
  toString(): string {
    const k = this.k.sign();
    if (k === 0) return this.r.toString();
    const mag = this.k.sign() < 0 ? this.k.neg() : this.k;
    return `${this.r}${k < 0 ? '-' : '+'}${mag.n === 1n && mag.d === 1n ? '' : mag.toString()}δ`;
  }
}

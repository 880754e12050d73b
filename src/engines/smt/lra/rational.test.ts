import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DQ, gcd, Q } from './rational.ts';

const euclid = (a: bigint, b: bigint): bigint => (b === 0n ? a : euclid(b, a % b));
const big = fc.bigInt({ min: 0n, max: 1n << 700n });
const rational = fc.tuple(fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }), fc.bigInt({ min: 1n, max: 1n << 200n })).map(([n, d]) => Q.of(n, d));

describe('exact rationals', () => {
  it("Lehmer's gcd equals Euclid's", () => {
    fc.assert(
      fc.property(big, big, big, (a, b, c) => {
        expect(gcd(a * c, b * c)).toBe(euclid(a * c, b * c));
      }),
      { numRuns: 300 },
    );
  });

  it('add and mul stay in lowest terms and obey the field laws', () => {
    fc.assert(
      fc.property(rational, rational, rational, (a, b, c) => {
        for (const q of [a.add(b), a.mul(b)]) expect(euclid(q.n < 0n ? -q.n : q.n, q.d)).toBe(q.n === 0n ? q.d : 1n);
        expect(a.add(b).cmp(b.add(a))).toBe(0);
        expect(a.mul(b.add(c)).cmp(a.mul(b).add(a.mul(c)))).toBe(0);
        expect(a.sub(a).isZero()).toBe(true);
        if (!b.isZero()) expect(a.div(b).mul(b).cmp(a)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('parses decimals exactly and orders delta-rationals', () => {
    expect(Q.parse('-0.375').toString()).toBe('-3/8');
    expect(new DQ(Q.ONE, Q.ONE.neg()).cmp(new DQ(Q.ONE))).toBe(-1);
    expect(new DQ(Q.ONE, Q.ONE.neg()).toString()).toBe('1-δ');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, counterOf, descends, EMPTY_CLOCK, formatClock, increment, merge, ORDER, size, truncate, type VectorClock } from './vectorClock.ts';

/** Clocks over a few nodes with small counters, so that relations of every kind come up. */
const clockArb: fc.Arbitrary<VectorClock> = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 50 })), { maxLength: 5 })
  .map((entries) => {
    const byNode = new Map<number, [number, number]>();
    for (const [n, c, t] of entries) byNode.set(n, [c, t]);
    return [...byNode.entries()].sort((a, b) => a[0] - b[0]).flatMap(([n, [c, t]]) => [n, c, t]);
  });

// A describe block only lists its cases (each `it` is short); splitting it would only scatter them.
describe('vector clocks (SOSP’07 §4.4)', () => {
  it('descends is a partial order: reflexive, antisymmetric, transitive', () => {
    fc.assert(
      fc.property(clockArb, clockArb, clockArb, (a, b, c) => {
        expect(descends(a, a)).toBe(true);
        if (descends(a, b) && descends(b, a)) expect(compare(a, b)).toBe(ORDER.equal);
        if (descends(a, b) && descends(b, c)) expect(descends(a, c)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('compare is consistent with descends in both directions', () => {
    fc.assert(
      fc.property(clockArb, clockArb, (a, b) => {
        const o = compare(a, b);
        expect(o === ORDER.after || o === ORDER.equal).toBe(descends(a, b));
        expect(o === ORDER.before || o === ORDER.equal).toBe(descends(b, a));
        expect(compare(b, a)).toBe(o === ORDER.after ? ORDER.before : o === ORDER.before ? ORDER.after : o);
      }),
      { numRuns: 2000 },
    );
  });

  it('merge is a join: commutative, associative, idempotent, and the least upper bound', () => {
    fc.assert(
      fc.property(clockArb, clockArb, clockArb, (a, b, c) => {
        const ab = merge(a, b);
        expect(compare(ab, merge(b, a))).toBe(ORDER.equal);
        expect(compare(merge(ab, c), merge(a, merge(b, c)))).toBe(ORDER.equal);
        expect(compare(merge(a, a), a)).toBe(ORDER.equal);
        expect(descends(ab, a) && descends(ab, b)).toBe(true);
        // Least: any upper bound of a and b is above their merge.
        if (descends(c, a) && descends(c, b)) expect(descends(c, ab)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a merge is sorted by node with one pair per node', () => {
    fc.assert(
      fc.property(clockArb, clockArb, (a, b) => {
        const m = merge(a, b);
        for (let i = 3; i < m.length; i += 3) expect(m[i]!).toBeGreaterThan(m[i - 3]!);
      }),
    );
  });

  it('incrementing a node strictly advances the clock', () => {
    fc.assert(
      fc.property(clockArb, fc.integer({ min: 0, max: 6 }), (a, node) => {
        const b = increment(a, node, 99);
        expect(compare(b, a)).toBe(ORDER.after);
        expect(counterOf(b, node)).toBe(counterOf(a, node) + 1);
      }),
    );
  });

  it('truncation drops the oldest pairs and keeps the threshold', () => {
    const c: VectorClock = [0, 1, 30, 1, 2, 10, 2, 1, 20, 3, 4, 40];
    const t = truncate(c, 2);
    expect(size(t)).toBe(2);
    expect(t).toEqual([0, 1, 30, 3, 4, 40]);
    fc.assert(
      fc.property(clockArb, fc.integer({ min: 1, max: 4 }), (a, k) => {
        const t2 = truncate(a, k);
        expect(size(t2)).toBe(Math.min(k, size(a)));
        // What survives is unchanged, so the truncated clock is an ancestor of the original.
        expect(descends(a, t2)).toBe(true);
      }),
    );
  });

  it('shows clocks in the paper’s notation', () => {
    const name = (n: number) => `S${'xyz'[n]}`;
    expect(formatClock(increment(increment(EMPTY_CLOCK, 0, 1), 1, 2), name)).toBe('[(Sx, 1), (Sy, 1)]');
  });

  it('the paper’s Figure 3: D3 and D4 are concurrent, D5 reconciles them', () => {
    const d1 = increment(EMPTY_CLOCK, 0, 1);
    const d2 = increment(d1, 0, 2);
    const d3 = increment(d2, 1, 3);
    const d4 = increment(d2, 2, 4);
    expect(compare(d3, d4)).toBe(ORDER.concurrent);
    const d5 = increment(merge(d3, d4), 0, 5);
    expect(formatClock(d5, (n) => `S${'xyz'[n]}`)).toBe('[(Sx, 3), (Sy, 1), (Sz, 1)]');
    expect(descends(d5, d3) && descends(d5, d4)).toBe(true);
  });
});

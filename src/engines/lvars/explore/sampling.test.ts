import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../../../testing/depth.ts';
import { explore } from '../test/run.ts';

/** Random mode says how much of the schedule space it sampled, checked against the exhaustive count. */
describe('random sampling coverage', () => {
  it('Knuth\'s estimate of the schedule space is close to the exact count, and every schedule is drawn when there are few', async () => {
    const p = 'let s = newEmptySet(); fork { insert(1, s); insert(2, s); } fork { insert(3, s); } freeze(s)';
    const exact = await explore(p, { reduction: false });
    const sampled = await explore(p, { mode: 'random', schedules: 300 });
    expect(sampled.sampling!.distinct).toBe(exact.schedules);
    expect(10 ** sampled.sampling!.log10Space).toBeCloseTo(exact.schedules, -1);
  });

  it('on random programs: distinct schedules never exceed the exact count, the estimate is within a factor of two', async () => {
    const op = fc.oneof(fc.nat(3).map((n) => `insert(${n}, s);`), fc.nat(3).map((n) => `put(m, ${n});`), fc.constant('waitElem(1, s);'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }), async (threads) => {
        const p = `let s = newEmptySet(); let m = new(MaxNat); ${threads.map((t) => `fork { ${t.join(' ')} }`).join(' ')} insert(1, s); (s, m)`;
        const exact = await explore(p, { reduction: true });
        const sampled = await explore(p, { mode: 'random', schedules: 400 });
        expect(sampled.sampling!.distinct).toBeLessThanOrEqual(exact.schedules);
        expect(Math.abs(sampled.sampling!.log10Space - Math.log10(exact.schedules)), p).toBeLessThan(Math.log10(2));
      }),
      { numRuns: runs(8, 40), seed: 1975 },
    );
  });

  it('a space too large to write out is estimated in powers of ten', async () => {
    const big = `let s = newEmptySet(); ${Array.from({ length: 6 }, (_, i) => `fork { for x in range(${i * 10}, ${i * 10 + 10}) { insert(x, s); } }`).join(' ')} 0`;
    const e = await explore(big, { mode: 'random', schedules: 20 });
    // 60 inserts by 6 threads of 10: 60! / (10!)^6 ≈ 10^42.5 interleavings.
    expect(e.sampling!.log10Space).toBeGreaterThan(40);
    expect(e.sampling!.distinct).toBe(20);
  });
});

import { describe, expect, it } from 'vitest';
import { simRandom } from '../sim/random.ts';
import { QuantileSketch, RELATIVE_ERROR } from './quantileSketch.ts';

/** Latency-like samples: lognormal around a few ms with a long tail, and some exact zeros. */
function samples(count: number, seed: number): number[] {
  const rng = simRandom(seed, 0);
  return Array.from({ length: count }, () => {
    if (rng.next() < 0.01) return 0;
    const z = Math.sqrt(-2 * Math.log(rng.nextOpen())) * Math.cos(2 * Math.PI * rng.next());
    return Math.exp(1 + 1.5 * z);
  });
}

const nearestRank = (sorted: Float64Array, p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;

describe('the latency quantile sketch', () => {
  it('answers exactly, as a sorted array would, until it is compressed', () => {
    const xs = samples(5000, 1);
    const s = new QuantileSketch();
    xs.forEach((x) => s.add(x));
    const sorted = Float64Array.from(xs).sort();
    const st = s.stats();
    expect(s.exact).toBe(true);
    expect([st.p50Ms, st.p99Ms, st.p999Ms, st.maxMs]).toEqual([0.5, 0.99, 0.999, 1].map((p) => nearestRank(sorted, p)));
    expect(st.meanMs).toBe(sorted.reduce((a, x) => a + x, 0) / sorted.length);
  });

  it('keeps every quantile within its relative error once compressed', () => {
    for (const seed of [2, 3, 4]) {
      const xs = samples(20_000, seed);
      const s = new QuantileSketch();
      xs.forEach((x) => s.add(x));
      s.compress();
      const sorted = Float64Array.from(xs).sort();
      const st = s.stats();
      expect(s.exact).toBe(false);
      for (const [p, got] of [[0.5, st.p50Ms], [0.99, st.p99Ms], [0.999, st.p999Ms]] as const) {
        const want = nearestRank(sorted, p);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(RELATIVE_ERROR * want * (1 + 1e-12));
      }
      expect(st.maxMs).toBe(sorted[sorted.length - 1]);
      expect(st.meanMs).toBeCloseTo(sorted.reduce((a, x) => a + x, 0) / sorted.length, 9);
    }
  });

  it('merges into what one sketch of all the samples holds', () => {
    const xs = samples(9000, 5);
    const whole = new QuantileSketch();
    xs.forEach((x) => whole.add(x));
    whole.compress();
    const parts = [new QuantileSketch(), new QuantileSketch(), new QuantileSketch()];
    xs.forEach((x, i) => parts[i % 3]!.add(x));
    parts[1]!.compress();
    const merged = new QuantileSketch();
    for (const p of parts) merged.merge(p, 4000);
    expect(merged.exact).toBe(false);
    const a = merged.stats();
    const b = whole.stats();
    expect([a.count, a.p50Ms, a.p99Ms, a.p999Ms, a.maxMs]).toEqual([b.count, b.p50Ms, b.p99Ms, b.p999Ms, b.maxMs]);
    // Exact parts within the limit stay exact.
    // The exact-sample limit (a count of samples, not a time): above the two parts' 6,000 together.
    const exactLimit = 10_000;
    const small = new QuantileSketch();
    small.merge(parts[0]!, exactLimit);
    small.merge(parts[2]!, exactLimit);
    expect(small.exact).toBe(true);
    expect(small.count).toBe(6000);
  });
});

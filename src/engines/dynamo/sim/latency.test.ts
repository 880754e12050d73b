import { describe, expect, it } from 'vitest';
import { cdf, mean, quantile, sample, type Distribution } from './latency.ts';
import { WARS_PRESETS } from './latencyPresets.ts';
import { simRandom } from './random.ts';

const shapes: Distribution[] = [
  { kind: 'constant', ms: 3 },
  { kind: 'uniform', minMs: 1, maxMs: 5 },
  { kind: 'exponential', meanMs: 2 },
  { kind: 'pareto', scaleMs: 1, shape: 3 },
  WARS_PRESETS['lnkd-disk'].latency.write,
  WARS_PRESETS.ymmr.latency.ack,
];

describe('latency distributions', () => {
  for (const d of shapes) {
    it(`${d.kind}: samples follow the CDF (Kolmogorov–Smirnov) and the quantile inverts it`, () => {
      const rng = simRandom(42, 0);
      const n = 20000;
      const xs = Float64Array.from({ length: n }, () => sample(d, rng)).sort();
      let ks = 0;
      for (let i = 0; i < n; i++) ks = Math.max(ks, Math.abs(cdf(d, xs[i]!) - (i + 1) / n), Math.abs(cdf(d, xs[i]!) - i / n));
      // The 99.9% critical value of the KS statistic is 1.95/sqrt(n); a point mass makes the CDF jump.
      if (d.kind !== 'constant') expect(ks).toBeLessThan(1.95 / Math.sqrt(n));
      for (const q of [0.1, 0.5, 0.9, 0.99]) if (d.kind !== 'constant') expect(cdf(d, quantile(d, q))).toBeCloseTo(q, 6);
    });
  }

  it('means: closed forms, and infinite for a Pareto with shape ≤ 1', () => {
    expect(mean({ kind: 'pareto', scaleMs: 2, shape: 3 })).toBeCloseTo(3, 12);
    expect(mean({ kind: 'pareto', scaleMs: 2, shape: 1 })).toBe(Infinity);
    expect(mean(WARS_PRESETS['lnkd-ssd'].latency.write)).toBeCloseTo(0.9122 * (10 * 0.235) / 9 + 0.0878 / 1.66, 4);
  });
});

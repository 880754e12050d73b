import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { engine } from '../engine.ts';
import { binomial, missProbability, withinKProbability } from './staleness.ts';

/**
 * PBS's setting (Bailis et al., VLDB 2012, §3): a write reaches only its W replicas, a read asks
 * R replicas chosen at random (the first R of N to answer, with independent latencies), no read
 * repair, hand-off or anti-entropy. The client library coordinates reads and (with timestamps)
 * writes, as in client-driven coordination (SOSP'07 §6.4), so no replica is favoured.
 */
function pbs(n: number, r: number, w: number): DynamoConfig {
  const cfg = defaultConfig();
  cfg.cluster.nodes = 10;
  cfg.quorum = { n, r, w, sloppy: false, propagation: 'quorum-only' };
  cfg.coordination.mode = 'client';
  cfg.repair = { ...cfg.repair, readRepair: false, hintedHandoff: false, antiEntropy: false };
  cfg.workload = { ...cfg.workload, clients: 8, keys: 500, popularity: { kind: 'uniform' }, requests: 30000, ratePerSecond: 2000, readFraction: 0.6 };
  cfg.trace.maxEvents = 0;
  return cfg;
}

const run = async (cfg: DynamoConfig, seed: number) => (await engine.run(cfg, seed, createRunContext())).summary;

describe('staleness against the closed forms of PBS', () => {
  it('binomials and the miss probability', () => {
    expect([binomial(5, 2), binomial(3, 0), binomial(3, 4)]).toEqual([10, 1, 0]);
    expect(missProbability(3, 1, 1)).toBeCloseTo(2 / 3, 12);
    expect(missProbability(3, 2, 2)).toBe(0);
    expect(withinKProbability(3, 1, 1, 2)).toBeCloseTo(1 - 4 / 9, 12);
  });

  for (const [n, r, w] of [
    [3, 1, 1],
    [3, 1, 2],
    [3, 2, 1],
    [5, 2, 2],
    [5, 1, 3],
  ] as const) {
    it(`N=${n}, R=${r}, W=${w}: a read misses the latest write with probability C(N−W,R)/C(N,R), k versions back with p^k`, async () => {
      const s = await run(pbs(n, r, w), 11 + n * 7 + r * 3 + w);
      const p = missProbability(n, r, w);
      expect(s.availability.overall).toBe(1);
      for (const { k, reads, withinK } of s.staleness.kStaleness.slice(0, 3)) {
        const q = 1 - Math.pow(p, k);
        // Within four standard errors of the binomial proportion.
        const se = Math.sqrt((q * (1 - q)) / reads);
        expect(reads).toBeGreaterThan(10000);
        expect(Math.abs(withinK - q)).toBeLessThanOrEqual(4 * se + 1e-12);
      }
      expect(Math.abs(s.staleness.staleShare - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / s.staleness.measuredReads));
    });
  }

  it('R + W > N with no failures never returns a stale value, even when writes reach only W replicas', async () => {
    for (const [n, r, w] of [
      [3, 2, 2],
      [3, 1, 3],
      [5, 3, 3],
    ] as const) {
      const s = await run(pbs(n, r, w), 5);
      expect(s.staleness.measuredReads).toBeGreaterThan(10000);
      expect(s.staleness.staleReads).toBe(0);
      expect(s.staleness.theory.strictQuorum).toBe(true);
    }
  });

  it('R + W > N under Dynamo’s own coordination and full propagation is never stale either', async () => {
    const cfg = pbs(3, 2, 2);
    cfg.quorum.propagation = 'all';
    cfg.coordination.mode = 'server';
    cfg.versioning.reconciliation = 'shopping-cart';
    cfg.workload.writeMode = 'read-modify-write';
    const s = await run(cfg, 6);
    expect(s.staleness.measuredReads).toBeGreaterThan(10000);
    expect(s.staleness.staleReads).toBe(0);
  });
});

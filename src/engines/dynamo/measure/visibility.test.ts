import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { engine } from '../engine.ts';
import { sample, type Distribution } from '../sim/latency.ts';
import { simRandom, type Random } from '../sim/random.ts';

const W: Distribution = { kind: 'exponential', meanMs: 3 };
const ARS: Distribution = { kind: 'exponential', meanMs: 1 };

/**
 * The WARS model of PBS (Bailis et al., VLDB 2012, §5), written independently of the simulator:
 * a write is sent to N replicas (delay W each) and acknowledged (delay A); it commits at the W-th
 * acknowledgement. A read starts t later, reaches each replica after R and returns after S; it is
 * consistent if one of the first R replicas to respond had the write when the read arrived.
 */
function warsConsistent(n: number, r: number, w: number, t: number, trials: number, rng: Random): number {
  let consistent = 0;
  const ws = new Float64Array(n);
  const acks = new Float64Array(n);
  const rs = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let trial = 0; trial < trials; trial++) {
    for (let i = 0; i < n; i++) {
      ws[i] = sample(W, rng);
      acks[i] = ws[i]! + sample(ARS, rng);
      rs[i] = sample(ARS, rng);
    }
    const commit = Float64Array.from(acks).sort()[w - 1]!;
    const back = Float64Array.from(rs, (x) => x + sample(ARS, rng));
    order.sort((a, b) => back[a]! - back[b]!);
    if (order.slice(0, r).some((i) => commit + t + rs[i]! >= ws[i]!)) consistent++;
  }
  return consistent / trials;
}

function probed(n: number, r: number, w: number, delays: number[]): DynamoConfig {
  const cfg = defaultConfig();
  cfg.cluster.nodes = 8;
  cfg.quorum = { n, r, w, sloppy: false, propagation: 'all' };
  cfg.coordination.mode = 'client';
  cfg.latency = { default: ARS, write: W, ack: ARS, read: ARS, response: ARS };
  cfg.repair = { ...cfg.repair, readRepair: false, hintedHandoff: false, antiEntropy: false };
  cfg.workload = { ...cfg.workload, clients: 6, keys: 2000, popularity: { kind: 'uniform' }, requests: 6000, ratePerSecond: 500, readFraction: 0, probeDelaysMs: delays };
  cfg.trace.maxEvents = 0;
  return cfg;
}

describe('t-visibility against the WARS model', () => {
  for (const [n, r, w] of [
    [3, 1, 1],
    [3, 2, 1],
  ] as const) {
    it(`N=${n}, R=${r}, W=${w}: the probability a read t ms after commit sees the write matches WARS`, async () => {
      const delays = [0, 1, 2, 4, 8];
      const { summary } = await engine.run(probed(n, r, w, delays), 21, createRunContext());
      const rng = simRandom(99, 0);
      const points = summary.staleness.tVisibility;
      expect(points.map((p) => p.fromMs)).toEqual(delays);
      let previous = 0;
      for (const p of points) {
        const expected = warsConsistent(n, r, w, p.fromMs, 50000, rng);
        const se = Math.sqrt((expected * (1 - expected)) / p.reads);
        expect(p.reads).toBeGreaterThan(5000);
        expect(Math.abs(p.consistent - expected)).toBeLessThanOrEqual(4 * se + 0.004);
        // Waiting longer never hurts.
        expect(p.consistent).toBeGreaterThanOrEqual(previous - 4 * se);
        previous = p.consistent;
      }
    });
  }
});

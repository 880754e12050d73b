import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { summarize } from '../measure/summary.ts';
import { dynamoProtocol } from '../protocol.ts';
import { Simulation } from '../simulation.ts';
import { Workload } from '../sim/operations.ts';
import { simRandom } from '../sim/random.ts';

const run = (cfg: DynamoConfig, seed = 3) => {
  const sim = new Simulation(cfg, seed, dynamoProtocol);
  sim.run(createRunContext(), () => {});
  return summarize(sim, false, seed);
};

/** 8 nodes, N, R, W = 3, 2, 2, a disk with a slow tail, ρ about 0.3 per node. */
function disk(buffered: boolean): DynamoConfig {
  const cfg = defaultConfig();
  const time = { kind: 'mixture' as const, parts: [{ weight: 0.97, dist: { kind: 'exponential' as const, meanMs: 1 } }, { weight: 0.03, dist: { kind: 'exponential' as const, meanMs: 12 } }] };
  cfg.service = { ...cfg.service, enabled: true, time, bufferedWrites: buffered, flushIntervalMs: 250, bufferMs: 0.05 };
  cfg.latency.default = { kind: 'exponential', meanMs: 0.5 };
  cfg.workload = { ...cfg.workload, keys: 2000, readFraction: 0.3, ratePerSecond: 900, requests: 4000, settleMs: 1000 };
  cfg.trace.maxEvents = 0;
  return cfg;
}

describe('buffered writes (SOSP’07 §6.1)', () => {
  it('lower the 99.9th percentile of writes, and lose nothing without a crash', () => {
    const buffered = run(disk(true));
    const durable = run(disk(false));
    expect(buffered.latencyMs.write.p999Ms * 3).toBeLessThan(durable.latencyMs.write.p999Ms);
    expect(buffered.queueing.buffered.flushes).toBeGreaterThan(0);
    expect(buffered.queueing.buffered.lostFromBuffers).toBe(0);
    expect(buffered.queueing.buffered.heldAtEnd).toBe(0);
    expect(buffered.replicas.durability.lost).toBe(0);
  });

  it('a crash before the flush loses what the buffer held; durable writes lose nothing', () => {
    const crash = (cfg: DynamoConfig) => ({ ...cfg, failures: [{ at: 2000, kind: 'crash' as const, node: 1 }, { at: 2500, kind: 'recover' as const, node: 1 }] });
    const buffered = run(crash(disk(true)));
    const durable = run(crash(disk(false)));
    expect(buffered.queueing.buffered.lostFromBuffers).toBeGreaterThan(0);
    expect(durable.queueing.buffered.lostFromBuffers).toBe(0);
    expect(durable.replicas.durability.lost).toBe(0);
  });
});

describe('a daily cycle of load (Figure 4)', () => {
  it('the generated rate follows 1 + a·sin(2πt/P): the busy half-period gets (1 + 2a/π) / (1 − 2a/π) times the quiet one', () => {
    const w = { ...defaultConfig().workload, requests: 40_000, ratePerSecond: 1000, diurnal: { amplitude: 0.6, periodMs: 10_000 } };
    const load = new Workload(w, 'register', () => simRandom(9, 2));
    let busy = 0;
    let quiet = 0;
    for (let i = 0; i < load.count; i++) {
      if ((load.time(i) % 10_000) < 5000) busy++;
      else quiet++;
    }
    const expected = (1 + (2 * 0.6) / Math.PI) / (1 - (2 * 0.6) / Math.PI);
    expect(Math.abs(busy / quiet - expected) / expected).toBeLessThan(0.05);
    // Mean rate unchanged: 40 000 operations take about 40 s.
    expect(Math.abs(load.lastTime - 40_000) / 40_000).toBeLessThan(0.05);
  });
});

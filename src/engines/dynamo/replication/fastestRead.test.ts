import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { summarize } from '../measure/summary.ts';
import { dynamoProtocol } from '../protocol.ts';
import { Simulation } from '../simulation.ts';

const run = (cfg: DynamoConfig, seed: number) => {
  const sim = new Simulation(cfg, seed, dynamoProtocol);
  sim.run(createRunContext(), () => {});
  return summarize(sim, false, seed);
};

/**
 * Client-driven coordination, R = W = 1 of N = 3, read-modify-writes of carts, and two of the
 * eight nodes five times slower (a disk or a neighbour gone bad): the replica that answers a
 * read first is most often a fast one.
 */
function slowNodes(writeCoordinator: DynamoConfig['coordination']['writeCoordinator']): DynamoConfig {
  const cfg = defaultConfig();
  cfg.quorum = { ...cfg.quorum, n: 3, r: 1, w: 1 };
  cfg.coordination = { ...cfg.coordination, mode: 'client', writeCoordinator };
  cfg.versioning = { ...cfg.versioning, reconciliation: 'shopping-cart' };
  cfg.workload = { ...cfg.workload, keys: 200, requests: 3000, ratePerSecond: 1000, readFraction: 0.5, writeMode: 'read-modify-write' };
  cfg.failures = [
    { at: 0, kind: 'slow', node: 1, factor: 5 },
    { at: 0, kind: 'slow', node: 4, factor: 5 },
  ];
  cfg.trace.maxEvents = 0;
  return cfg;
}

describe('§6.4: the write coordinated by the node that answered the previous read fastest', () => {
  it('raises the read-your-writes rate and lowers write latency against the routed choice (same seed, same workload)', () => {
    for (const seed of [3, 4]) {
      const routed = run(slowNodes('routed'), seed);
      const fastest = run(slowNodes('fastest-read'), seed);
      // The same workload: the same reads of keys the client had written, nearly to the one.
      expect(Math.abs(fastest.staleness.readYourWrites.reads - routed.staleness.readYourWrites.reads)).toBeLessThan(10);
      const missed = (s: typeof routed) => s.staleness.readYourWrites.reads - s.staleness.readYourWrites.sawOwnWrite;
      expect(missed(fastest)).toBeLessThan(missed(routed));
      expect(fastest.latencyMs.write.meanMs).toBeLessThan(routed.latencyMs.write.meanMs);
    }
  });

  it('is deterministic, and every request succeeds', () => {
    const a = run(slowNodes('fastest-read'), 5);
    expect(JSON.stringify(run(slowNodes('fastest-read'), 5))).toBe(JSON.stringify(a));
    expect(a.availability.overall).toBe(1);
  });
});

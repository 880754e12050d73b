import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { engine } from '../engine.ts';
import { dynamoProtocol } from '../protocol.ts';
import { Simulation } from '../simulation.ts';

/** Only gossip: no requests, node 3 crashes at 1 s; the run ends `after` ms later. */
function gossipOnly(after: number, crash: boolean): DynamoConfig {
  const cfg = defaultConfig();
  cfg.cluster.nodes = 12;
  cfg.workload = { ...cfg.workload, requests: 0, settleMs: after - cfg.timeoutMs };
  cfg.failures = crash ? [{ at: 1000, kind: 'crash', node: 3 }] : [{ at: 1000, kind: 'heal' }];
  cfg.trace.maxEvents = 0;
  return cfg;
}

function believers(cfg: DynamoConfig, seed: number): { end: number; alive: number[] } {
  const sim = new Simulation(cfg, seed, dynamoProtocol);
  sim.run(createRunContext(), () => {});
  const alive = sim.upNodes().filter((i) => i !== 3 && sim.membership.alive(i, 3, sim.endTime));
  return { end: sim.endTime, alive };
}

describe('failure detection (§4.8)', () => {
  it('within the failure timeout of a crash (plus a message delay) no node believes the crashed node alive', () => {
    const { membership } = defaultConfig();
    for (const seed of [1, 2, 3, 4]) {
      const { end, alive } = believers(gossipOnly(membership.failureTimeoutMs + 50, true), seed);
      expect(end).toBe(1000 + membership.failureTimeoutMs + 50);
      expect(alive).toEqual([]);
    }
  });

  it('without a crash, gossip keeps every node believed alive', () => {
    const { alive } = believers(gossipOnly(8000, false), 1);
    expect(alive.length).toBe(11);
  });

  it('a forward lost to a crashed node is retried on the next replica, so requests still succeed before the crash is detected', async () => {
    const crashed = (forwardTimeoutMs: number) => {
      const cfg = defaultConfig();
      cfg.coordination.forwardTimeoutMs = forwardTimeoutMs;
      cfg.workload = { ...cfg.workload, keys: 50, requests: 1200, ratePerSecond: 400 };
      cfg.failures = [{ at: 500, kind: 'crash', node: 0 }];
      cfg.trace.maxEvents = 0;
      return cfg;
    };
    const retried = (await engine.run(crashed(40), 2, createRunContext())).summary;
    const never = (await engine.run(crashed(1e6), 2, createRunContext())).summary;
    expect(retried.membership.forwardRetries).toBeGreaterThan(10);
    expect(never.membership.forwardRetries).toBe(0);
    expect(retried.availability.overall).toBeGreaterThan(0.99);
    expect(never.availability.overall).toBeLessThan(retried.availability.overall - 0.02);
  });
});

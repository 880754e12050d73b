import { describe, expect, it } from 'vitest';
import { createRunContext, DEFAULT_BUDGET } from '../runContext.ts';
import { configProblem, MAX_NODES, MAX_REQUESTS, type DynamoConfig } from './config.ts';
import { defaultConfig } from './defaults.ts';
import { dynamoProtocol } from './protocol.ts';
import { Simulation } from './simulation.ts';
import { workProblem } from './sim/workEstimate.ts';

/** A production-sized cluster: strategy 3 (equal-sized partitions, SOSP'07 §6.2), every mechanism on. */
function production(nodes: number, requests: number): DynamoConfig {
  const c = defaultConfig();
  c.cluster = { ...c.cluster, nodes, strategy: 3, partitions: 8 * nodes, tokensPerNode: 8, seeds: 3 };
  c.membership = { gossipIntervalMs: 1000, failureTimeoutMs: 10000, retryMs: 2000 };
  c.repair = { ...c.repair, antiEntropyIntervalMs: 5000 };
  c.workload = { ...c.workload, clients: 50, keys: 100_000, requests, ratePerSecond: 10_000 };
  return c;
}

describe('a Dynamo run at production scale', () => {
  it('1,000 nodes and 10 M requests are accepted: valid settings, and within the work a run may take', () => {
    const c = production(MAX_NODES, MAX_REQUESTS);
    expect([MAX_NODES, MAX_REQUESTS]).toEqual([1000, 10_000_000]);
    expect(configProblem(c)).toBeUndefined();
    expect(workProblem(c, DEFAULT_BUDGET.maxSteps)).toBeUndefined();
  });

  it('1,000 nodes simulate, reporting their progress up to the last operation', () => {
    // Half a simulated second of traffic: at 1,000 nodes gossip is most of the work, so the run stays
    // short. (The engine's summary adds Figure 8's 168 rings of up to 128,000 tokens: seconds more.)
    const c = production(MAX_NODES, 5000);
    c.workload.settleMs = 200;
    const sim = new Simulation(c, 1, dynamoProtocol);
    const done: number[] = [];
    sim.run(createRunContext(), (n) => done.push(n));
    expect(done[done.length - 1]).toBe(5000);
    for (let i = 1; i < done.length; i++) expect(done[i]!).toBeGreaterThanOrEqual(done[i - 1]!);
    expect(sim.metrics.requests).toBe(5000);
    // Strategy 3 spreads the keys: most of the 1,000 nodes served replica operations.
    const { load, buckets } = sim.metrics;
    let serving = 0;
    for (let node = 0; node < MAX_NODES; node++) if (load.subarray(node * buckets, (node + 1) * buckets).some((x) => x > 0)) serving++;
    expect(serving).toBeGreaterThan(900);
  });
});

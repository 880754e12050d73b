import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { summarize } from '../measure/summary.ts';
import { dynamoProtocol } from '../protocol.ts';
import { Simulation } from '../simulation.ts';

/** One simulation and its summary, without the partitioning study the engine adds. */
const run = async (cfg: DynamoConfig, seed: number) => {
  const sim = new Simulation(cfg, seed, dynamoProtocol);
  sim.run(createRunContext(), () => {});
  return Promise.resolve(summarize(sim, false, seed));
};

/**
 * One node, N = R = W = 1, a network without delay: every request is one job at the node, and
 * the client sees the job's time at the node. Poisson arrivals at λ, exponential service at μ.
 */
function singleNode(lambdaPerMs: number, muPerMs: number, requests: number): DynamoConfig {
  const cfg = defaultConfig();
  cfg.cluster = { ...cfg.cluster, nodes: 1, seeds: 1 };
  cfg.quorum = { ...cfg.quorum, n: 1, r: 1, w: 1, sloppy: false };
  cfg.latency.default = { kind: 'constant', ms: 0 };
  cfg.timeoutMs = 1000;
  cfg.repair = { ...cfg.repair, hintedHandoff: false, antiEntropy: false, readRepair: false };
  cfg.service = { ...cfg.service, enabled: true, time: { kind: 'exponential', meanMs: 1 / muPerMs } };
  // Many keys: a writer's writes to one key almost never wait for each other (which would thin the Poisson stream).
  cfg.workload = { ...cfg.workload, clients: 1, keys: 5000, popularity: { kind: 'uniform' }, ratePerSecond: lambdaPerMs * 1000, requests, settleMs: 100 };
  cfg.trace.maxEvents = 0;
  return cfg;
}

/** Two-sided 99% Student t quantiles by degrees of freedom. */
const T99: Record<number, number> = { 7: 3.499, 9: 3.25 };

describe('node queueing (SOSP’07 §6): closed forms', () => {
  it('M/M/1: the mean response time is 1/(μ − λ), inside the 99% confidence interval of independent replications', async () => {
    const lambda = 0.5;
    const mu = 1;
    const means: number[] = [];
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    for (const seed of seeds) {
      const s = await run(singleNode(lambda, mu, 4000), seed);
      expect(s.availability.overall).toBe(1);
      const all = s.latencyMs.read.count + s.latencyMs.write.count;
      means.push((s.latencyMs.read.meanMs * s.latencyMs.read.count + s.latencyMs.write.meanMs * s.latencyMs.write.count) / all);
    }
    const k = means.length;
    const grand = means.reduce((a, b) => a + b, 0) / k;
    const sd = Math.sqrt(means.reduce((a, m) => a + (m - grand) ** 2, 0) / (k - 1));
    const half = T99[k - 1]! * (sd / Math.sqrt(k));
    const theory = 1 / (mu - lambda);
    expect(Math.abs(grand - theory)).toBeLessThan(half);
    // The interval is narrow enough to mean something: within 10% of the closed form.
    expect(half).toBeLessThan(0.1 * theory);
  });

  it('M/M/1: utilisation is λ/μ and the mean number at the node is ρ/(1 − ρ) (and the summary says M/M/1 applies)', async () => {
    const s = await run(singleNode(0.6, 1, 12_000), 11);
    const node = s.queueing.perNode[0]!;
    expect(s.queueing.assumption).toMatch(/M\/M\/1 queue/);
    expect(Math.abs(node.utilisation - 0.6)).toBeLessThan(0.03);
    expect(node.mm1Jobs).not.toBeNull();
    // L = 1.5 at ρ = 0.6; the time average over ~20 s of arrivals is within 15%.
    expect(Math.abs(node.meanJobs - 1.5) / 1.5).toBeLessThan(0.15);
    expect(Math.abs(node.meanJobs - node.mm1Jobs!) / node.mm1Jobs!).toBeLessThan(0.15);
  });

  it('is deterministic: the same scenario and seed give the same numbers, bit for bit', async () => {
    const cfg = singleNode(0.7, 1, 2000);
    expect(JSON.stringify(await run(cfg, 3))).toBe(JSON.stringify(await run(cfg, 3)));
  });

  it('a hot node waits longer: under Zipf popularity, the node serving the most operations has the longest queue', async () => {
    const cfg = defaultConfig();
    cfg.service = { ...cfg.service, enabled: true, time: { kind: 'exponential', meanMs: 1 } };
    cfg.workload = { ...cfg.workload, keys: 50, popularity: { kind: 'zipf', exponent: 1.2 }, ratePerSecond: 1000, requests: 4000 };
    cfg.trace.maxEvents = 0;
    const s = await run(cfg, 2);
    const nodes = s.queueing.perNode;
    const hottest = nodes.reduce((a, b) => (b.utilisation > a.utilisation ? b : a));
    const coolest = nodes.reduce((a, b) => (b.utilisation < a.utilisation ? b : a));
    expect(hottest.utilisation).toBeGreaterThan(1.5 * coolest.utilisation);
    expect(hottest.meanJobs).toBeGreaterThan(coolest.meanJobs);
    for (const n of nodes) expect(n.mm1Jobs).not.toBeNull();
  });
});

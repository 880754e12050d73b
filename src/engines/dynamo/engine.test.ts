import { describe, expect, it } from 'vitest';
import { InputError } from '../contract.ts';
import { createRunContext } from '../runContext.ts';
import type { DynamoConfig } from './config.ts';
import { defaultConfig } from './defaults.ts';
import { engine } from './engine.ts';
import { fingerprint } from '../../testing/fingerprint.ts';

const run = async (cfg: DynamoConfig, seed = 1) => engine.run(cfg, seed, createRunContext());


function busy(): DynamoConfig {
  const cfg = defaultConfig();
  cfg.workload = { ...cfg.workload, writersPerKey: 3, writeMode: 'read-modify-write', requests: 800, ratePerSecond: 200 };
  cfg.versioning.reconciliation = 'shopping-cart';
  cfg.failures = [
    { at: 800, kind: 'crash', node: 1 },
    { at: 1200, kind: 'partition', groups: [[0, 2, 4]], clientGroups: [[0], [1]] },
    { at: 2500, kind: 'heal' },
    { at: 3000, kind: 'recover', node: 1 },
    { at: 3200, kind: 'add', capacity: 2 },
  ];
  cfg.compare = [{ label: 'R=1', set: { r: 1 } }];
  return cfg;
}

// A describe block only lists its cases (each `it` is short); splitting it would only scatter them.
describe('the Dynamo engine', () => {
  it('is deterministic: the same scenario and seed give the same result, bit for bit', async () => {
    const a = fingerprint(await run(busy(), 42));
    const b = fingerprint(await run(busy(), 42));
    expect(a).toBe(b);
    expect(fingerprint(await run(busy(), 43))).not.toBe(a);
  });

  it('refuses inconsistent settings with a clear message', async () => {
    const bad: [string, (c: DynamoConfig) => void][] = [
      ['R = 4 cannot exceed N = 3', (c) => (c.quorum.r = 4)],
      ['N = 9 needs at least 9 nodes', (c) => (c.quorum.n = 9)],
      ['node 12 does not exist', (c) => (c.failures = [{ at: 10, kind: 'crash', node: 12 }])],
      ['node 3 is in two groups', (c) => (c.failures = [{ at: 10, kind: 'partition', groups: [[1, 3], [3]], clientGroups: [] }])],
      ['there are only 4 clients', (c) => (c.workload.script = [{ at: 0, client: 9, key: 0, op: 'get', item: 0 }])],
      ['compare[0] (big N): quorum.n', (c) => (c.compare = [{ label: 'big N', set: { n: 12 } }])],
    ];
    for (const [message, spoil] of bad) {
      const cfg = defaultConfig();
      spoil(cfg);
      const attempt = run(cfg);
      await expect(attempt).rejects.toBeInstanceOf(InputError);
      await expect(attempt).rejects.toThrow(message);
    }
  });

  it('variants see the same workload: only what they change differs', async () => {
    const cfg = defaultConfig();
    cfg.compare = [
      { label: 'same', set: {} },
      { label: 'R=1, W=1', set: { r: 1, w: 1 } },
    ];
    const { summary } = await run(cfg, 4);
    const [same, weak] = summary.variants;
    expect(same!.readLatencyMs).toEqual({ mean: summary.latencyMs.read.meanMs, p99: summary.latencyMs.read.p99Ms, p999: summary.latencyMs.read.p999Ms });
    expect(same!.availability).toBe(summary.availability.overall);
    // Waiting for one replica instead of two is faster.
    expect(weak!.readLatencyMs.mean).toBeLessThan(summary.latencyMs.read.meanMs);
    // Read repair and anti-entropy are on by default: PBS's assumptions fail, so no figure is printed.
    expect(weak!.missProbability).toBeNull();
  });

  it('client-driven coordination saves the load balancer’s hop and forwarding: lower mean and 99.9th latency (§6.4)', async () => {
    const cfg = defaultConfig();
    cfg.cluster.nodes = 16;
    cfg.workload = { ...cfg.workload, requests: 6000, ratePerSecond: 1000 };
    cfg.coordination = { ...cfg.coordination, mode: 'server', refreshMs: 1000 };
    cfg.compare = [{ label: 'client-driven', set: { coordination: 'client' } }];
    const { summary } = await run(cfg, 8);
    const client = summary.variants[0]!;
    expect(summary.membership.forwards).toBeGreaterThan(0);
    for (const [server, viaClient] of [
      [summary.latencyMs.read, client.readLatencyMs],
      [summary.latencyMs.write, client.writeLatencyMs],
    ] as const) {
      expect(viaClient.mean).toBeLessThan(server.meanMs);
      expect(viaClient.p999).toBeLessThan(server.p999Ms);
    }
  });

  it('concurrent writers produce siblings, counted by versions per read (§6.3)', async () => {
    const cfg = defaultConfig();
    cfg.versioning.reconciliation = 'shopping-cart';
    cfg.workload = { ...cfg.workload, keys: 5, writersPerKey: 4, writeMode: 'read-modify-write', ratePerSecond: 400, requests: 2000 };
    const { summary } = await run(cfg, 2);
    const c = summary.versionsPerRead.counts;
    expect(c['2'] + c['3'] + c['4+']).toBeGreaterThan(0);
    expect(summary.versionsPerRead.shares['1']).toBeGreaterThan(0.5);
    // One writer per key, writing rarely: its writes never overlap, so reads see one version.
    const single = defaultConfig();
    single.versioning.reconciliation = 'shopping-cart';
    single.workload = { ...single.workload, popularity: { kind: 'uniform' }, writeMode: 'read-modify-write', ratePerSecond: 20, requests: 300 };
    expect((await run(single, 2)).summary.versionsPerRead.shares['1']).toBe(1);
  });

  it('keeps the trace bounded while the metrics cover the whole run', async () => {
    const cfg = defaultConfig();
    cfg.trace.maxEvents = 500;
    const { summary, trace } = await run(cfg);
    expect(trace.events.length).toBe(500);
    expect(trace.events.total).toBeGreaterThan(500);
    expect(summary.availability.reads.requests + summary.availability.writes.requests).toBe(600);
    const times = trace.events.time;
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
    const done = Array.from({ length: trace.series.buckets }, (_, b) => trace.series.outcomes.slice(b * 4, b * 4 + 4).reduce((s, x) => s + x, 0));
    expect(done.reduce((s, x) => s + x, 0)).toBe(600);
  });
});

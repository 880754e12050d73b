import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { engine } from '../engine.ts';

const run = async (cfg: DynamoConfig, seed = 3) => engine.run(cfg, seed, createRunContext());

/** Writes during a crash of node 2, read repair and anti-entropy off: only hinted handoff can bring it up to date. */
function crash(sloppy: boolean): DynamoConfig {
  const cfg = defaultConfig();
  cfg.quorum = { n: 3, r: 2, w: 2, sloppy, propagation: 'all' };
  cfg.repair = { ...cfg.repair, readRepair: false, antiEntropy: false, hintedHandoff: true };
  cfg.workload = { ...cfg.workload, requests: 1500, ratePerSecond: 300, readFraction: 0.3, settleMs: 3000 };
  cfg.failures = [
    { at: 1000, kind: 'crash', node: 2 },
    { at: 3500, kind: 'recover', node: 2 },
  ];
  return cfg;
}

// A describe block only lists its cases (each `it` is short); splitting it would only scatter them.
describe('failures', () => {
  it('a crash under a sloppy quorum loses no acknowledged write once the node recovers and hints are delivered (§4.6)', async () => {
    const { summary: s, trace } = await run(crash(true));
    const d = s.replicas.durability;
    expect(d.acknowledged).toBeGreaterThan(800);
    expect(s.hintedHandoff.hintsStored).toBeGreaterThan(0);
    expect(s.hintedHandoff.hintsDelivered).toBeGreaterThan(0);
    expect(s.hintedHandoff.backlogFinal).toBe(0);
    expect(d).toMatchObject({ lost: 0, onlyInHints: 0, misplaced: 0, belowW: 0 });
    expect(d.onHomeReplica).toBe(d.acknowledged);
    // The backlog rose while node 2 was down and drained after it came back.
    const B = trace.series.buckets;
    const backlog = (b: number) => Array.from({ length: trace.nodes }, (_, n) => trace.series.hints[n * B + b]!).reduce((x, y) => x + y, 0);
    const at = (t: number) => Math.floor(t / trace.series.bucketMs);
    expect(backlog(at(3400))).toBeGreaterThan(0);
    expect(backlog(B - 1)).toBe(0);
  });

  it('with W = N, a strict quorum cannot write keys of the crashed node; a sloppy quorum can', async () => {
    const w3 = (sloppy: boolean) => {
      const cfg = crash(sloppy);
      cfg.quorum.w = 3;
      return cfg;
    };
    const sloppy = (await run(w3(true))).summary;
    const strict = (await run(w3(false))).summary;
    expect(sloppy.availability.writes.availability).toBeGreaterThan(0.9);
    expect(strict.hintedHandoff.hintsStored).toBe(0);
    expect(strict.availability.writes.availability).toBeLessThan(sloppy.availability.writes.availability - 0.05);
  });

  it('with anti-entropy as well, every acknowledged write ends on all N home replicas', async () => {
    const cfg = crash(true);
    cfg.repair.antiEntropy = true;
    cfg.repair.antiEntropyIntervalMs = 200;
    cfg.workload.settleMs = 10000;
    const d = (await run(cfg)).summary.replicas.durability;
    expect(d.fullyReplicated).toBe(d.acknowledged);
  });

  /** Writes on both sides of a partition; hand-off and read repair off, so only anti-entropy can reconcile the replicas. */
  function partition(antiEntropy: boolean): DynamoConfig {
    const cfg = defaultConfig();
    cfg.repair = { ...cfg.repair, readRepair: false, hintedHandoff: false, antiEntropy, antiEntropyIntervalMs: 250 };
    cfg.workload = { ...cfg.workload, requests: 1200, ratePerSecond: 400, readFraction: 0.3, settleMs: 20000 };
    cfg.failures = [
      { at: 500, kind: 'partition', groups: [[0, 1, 2, 3]], clientGroups: [[0, 1], [2, 3]] },
      { at: 2500, kind: 'heal' },
    ];
    return cfg;
  }

  it('a partition heals by anti-entropy (Merkle trees) to identical replicas (§4.7)', async () => {
    const { summary: s, trace } = await run(partition(true), 5);
    const divergent = Array.from(trace.series.divergent);
    expect(Math.max(...divergent)).toBeGreaterThan(20);
    expect(s.replicas.divergentKeysAtEnd).toBe(0);
    expect(s.antiEntropy.keysRepaired).toBeGreaterThan(0);
    expect(s.antiEntropy.hashesCompared).toBeGreaterThan(s.antiEntropy.exchanges);
    expect(s.replicas.durability.lost).toBe(0);
  });

  it('without anti-entropy the replicas stay divergent', async () => {
    const s = (await run(partition(false), 5)).summary;
    expect(s.replicas.divergentKeysAtEnd).toBeGreaterThan(20);
    expect(s.antiEntropy.exchanges).toBe(0);
  });

  it('adding and removing nodes moves keys to their new owners, and nothing is lost or left behind', async () => {
    for (const strategy of [1, 3] as const) {
      const cfg = defaultConfig();
      cfg.cluster.strategy = strategy;
      cfg.workload = { ...cfg.workload, requests: 1500, ratePerSecond: 300, settleMs: 8000 };
      cfg.failures = [
        { at: 1500, kind: 'add', capacity: 1 },
        { at: 3000, kind: 'remove', node: 4 },
      ];
      const { summary: s, trace } = await run(cfg, 9);
      expect(s.membership.ringVersions).toBe(3);
      expect(s.membership.keysMoved).toBeGreaterThan(0);
      expect(s.replicas.durability).toMatchObject({ lost: 0, misplaced: 0, onlyInHints: 0 });
      expect(s.replicas.durability.onHomeReplica).toBe(s.replicas.durability.acknowledged);
      expect(trace.rings[2]!.members).toEqual([0, 1, 2, 3, 5, 6, 7, 8]);
    }
  });

  it('dropped messages and a slow node cost availability and latency, as they should', async () => {
    const base = defaultConfig();
    const clean = (await run(base)).summary;
    const lossy = { ...base, failures: [{ at: 0, kind: 'drop' as const, probability: 0.2 }] };
    const slow = { ...base, failures: [0, 1, 2, 3].map((node) => ({ at: 0, kind: 'slow' as const, node, factor: 10 })) };
    expect((await run(lossy)).summary.availability.overall).toBeLessThan(clean.availability.overall);
    expect((await run(slow)).summary.latencyMs.read.meanMs).toBeGreaterThan(2 * clean.latencyMs.read.meanMs);
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { DynamoResult } from '../../engines/dynamo/engine.ts';
import { missProbability } from '../../engines/dynamo/measure/staleness.ts';
import { parseScenarioText } from '../../scenario/codec.ts';
import type { Scenario } from '../../scenario/types.ts';
import { cliLab } from './cli.ts';
import { keyHistory } from './replicaState.ts';
import type { DynamoConfig } from '../../engines/dynamo/config.ts';
import type { DynamoView } from './scenario.ts';
import { readOutcome } from './versionGraph.ts';
import { DEEP } from '../../testing/depth.ts';
import { variantResult } from '../../engines/dynamo/measure/summary.ts';

async function example(id: string): Promise<Scenario<DynamoConfig, DynamoView>> {
  const decoded = parseScenarioText(await readFile(new URL(`../../../public/examples/dynamo/${id}.json`, import.meta.url), 'utf8'));
  if (!decoded.ok) throw new Error(decoded.error.message);
  const checked = cliLab.validate(decoded.value);
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.value as unknown as Scenario<DynamoConfig, DynamoView>;
}

async function run(s: Scenario<DynamoConfig>): Promise<DynamoResult> {
  const outcome = await cliLab.run(s as unknown as Scenario, undefined);
  if (outcome.status !== 'done') throw new Error(outcome.error.message);
  return outcome.result as DynamoResult;
}

/** Each built-in example shows what its title promises. */
describe('the built-in Dynamo examples', () => {
  it('shopping cart: after the partition heals, a read merges two siblings and the deleted lamp is back', async () => {
    const s = await example('shopping-cart');
    const { trace, summary } = await run(s);
    const end = trace.events.length - 1;
    const history = keyHistory(trace, 0, end);
    const merges = history.reads.filter((r) => r.versions.length === 2);
    expect(merges.length).toBeGreaterThan(0);
    const returned = merges[0]!.versions.map((id) => history.versions.find((v) => v.id === id)!);
    const lamp = 1;
    const out = readOutcome('shopping-cart', returned, history.versions);
    expect(out.items).toContain(lamp);
    expect(out.resurrected).toEqual([lamp]);
    expect(summary.versionsPerRead.counts['2']).toBeGreaterThan(0);
    // With the two-phase-set lattice, the same story keeps the lamp deleted.
    const lattice = await run({ ...s, config: { ...s.config, versioning: { ...s.config.versioning, reconciliation: 'lattice-two-phase-set' } } });
    const h2 = keyHistory(lattice.trace, 0, lattice.trace.events.length - 1);
    const merged = h2.reads.find((r) => r.versions.length === 2)!;
    const out2 = readOutcome('lattice-two-phase-set', merged.versions.map((id) => h2.versions.find((v) => v.id === id)!), h2.versions);
    expect(out2.items).not.toContain(lamp);
    expect(out2.stayDeleted).toEqual([lamp]);
  });

  it('lattice merge: the same cart workload with vector clocks resurrects the lamp; 2P-set and OR-set lattices keep it deleted, with no siblings', async () => {
    const { summary } = await run(await example('lattice-merge'));
    const [vc, twoPhase, orSet] = [variantResult('vector clocks', {}, summary), ...summary.variants];
    expect(vc!.multiVersionReadShare).toBeGreaterThan(0);
    expect(vc!.removals).toBe(1);
    expect(vc!.resurrected).toBe(1);
    for (const lattice of [twoPhase!, orSet!]) {
      expect(lattice.values).not.toBe('vector clocks');
      expect(lattice.multiVersionReadShare).toBe(0);
      expect(lattice.removals).toBe(1);
      expect(lattice.resurrected).toBe(0);
      expect(lattice.lostUpdates).toBe(0);
      expect(lattice.divergentKeysAtEnd).toBe(0);
    }
  });

  it('sloppy quorum: writes stay available through the crash, hints pile up and drain, nothing is lost', async () => {
    const { summary: s } = await run(await example('sloppy-quorum'));
    expect(s.hintedHandoff.hintsStored).toBeGreaterThan(50);
    expect(s.hintedHandoff.backlogFinal).toBe(0);
    expect(s.replicas.durability.lost).toBe(0);
    const strict = s.variants[0]!;
    expect(strict.writeAvailability).toBeLessThan(s.availability.writes.availability - 0.03);
  });

  it('quorums: R = W = 1 reads stale values, at C(N−W,R)/C(N,R) when writes reach only W; R + W > N never', async () => {
    const { summary: s } = await run(await example('quorums'));
    expect(s.staleness.staleShare).toBeGreaterThan(0.05);
    const [onlyW, twoTwo, oneThree] = s.variants;
    const p = missProbability(3, 1, 1);
    expect(Math.abs(onlyW!.staleShare - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / 3000));
    expect(twoTwo!.staleShare).toBe(0);
    expect(oneThree!.staleShare).toBe(0);
  });

  it('clock skew: timestamps let earlier writes overwrite acknowledged later ones; vector clocks lose none', async () => {
    const { summary: s } = await run(await example('clock-skew'));
    expect(s.replicas.lostUpdates.overwrittenByEarlier).toBeGreaterThan(0);
    expect(s.variants[0]!.lostUpdates).toBe(0);
    expect(s.variants[0]!.lostWrites).toBe(0);
  });

  it('latency over the day (Figure 4): the 99.9th percentile is far above the mean and follows the load', async () => {
    const { summary: s } = await run(await example('latency-over-the-day'));
    const windows = s.latencyOverTime.filter((w) => w.read.count > 20);
    const busiest = windows.reduce((a, b) => (b.read.count > a.read.count ? b : a));
    const quietest = windows.reduce((a, b) => (b.read.count < a.read.count ? b : a));
    for (const op of ['read', 'write'] as const) {
      expect(s.latencyMs[op].p999Ms).toBeGreaterThan(5 * s.latencyMs[op].meanMs);
      expect(busiest[op].p999Ms).toBeGreaterThan(2 * quietest[op].p999Ms);
      expect(busiest[op].meanMs).toBeGreaterThan(quietest[op].meanMs);
    }
  });

  it('buffered writes (Figure 5): the 99.9th percentile of writes drops several-fold against durable writes', async () => {
    const { summary: s } = await run(await example('buffered-writes'));
    const durable = s.variants[0]!;
    expect(s.queueing.buffered.flushes).toBeGreaterThan(0);
    expect(s.latencyMs.write.p999Ms * 3).toBeLessThan(durable.writeLatencyMs.p999);
    expect(s.replicas.durability.lost).toBe(0);
  });

  it('admission control (§6.5): a lower foreground 99.9th percentile during the hand-off, which still delivers every hint, later', async () => {
    const { summary: s } = await run(await example('admission-control'));
    const free = s.variants[0]!;
    expect(s.queueing.background.admission).toBe(true);
    expect(free.background.admission).toBe(false);
    expect(s.latencyMs.read.p999Ms).toBeLessThan(free.readLatencyMs.p999);
    expect(s.hintedHandoff.backlogFinal).toBe(0);
    expect(s.queueing.background.hintsClearedMs!).toBeGreaterThan(free.background.hintsClearedMs!);
  });

  // Three 30-node simulations: the slowest example, checked by `npm run test:deep`.
  it.runIf(DEEP)('partitioning: strategy 3 balances load best, in the simulation and in Figure 8', async () => {
    const { summary: s } = await run(await example('partitioning'));
    const [one, two] = s.variants;
    expect(s.load.efficiency).toBeGreaterThan(one!.loadEfficiency);
    expect(s.load.efficiency).toBeGreaterThan(two!.loadEfficiency);
    const byStrategy = new Map(s.partitioning.strategies.map((x) => [x.strategy, x.efficiency]));
    expect(byStrategy.get(3)!).toBeGreaterThan(Math.max(byStrategy.get(1)!, byStrategy.get(2)!));
  });

  it('anti-entropy: replicas end identical with it and divergent without it', async () => {
    const scenario = await example('anti-entropy');
    const { summary: s, trace } = await run(scenario);
    expect(s.replicas.divergentKeysAtEnd).toBe(0);
    expect(s.antiEntropy.keysRepaired).toBeGreaterThan(0);
    expect(s.variants[0]!.divergentKeysAtEnd).toBeGreaterThan(10);
    // The example opens on a key with versions (its Versions pane shows a graph, not "no version"), held alike by every replica.
    const shown = keyHistory(trace, scenario.view.key, trace.events.length - 1);
    expect(shown.versions.length).toBeGreaterThan(1);
    expect(new Set(shown.held.map((h) => [...h.own].sort().join())).size).toBe(1);
  });

  it('coordination: client-driven coordination lowers mean and 99.9th-percentile latency', async () => {
    const { summary: s } = await run(await example('coordination'));
    const client = s.variants[0]!;
    expect(client.readLatencyMs.mean).toBeLessThan(s.latencyMs.read.meanMs);
    expect(client.readLatencyMs.p999).toBeLessThan(s.latencyMs.read.p999Ms);
    expect(client.writeLatencyMs.p999).toBeLessThan(s.latencyMs.write.p999Ms);
  });

  it('fastest-read: writes coordinated by the fastest reader see more of the client’s own writes, and are faster, than routed ones (§6.4)', async () => {
    const { summary: s } = await run(await example('fastest-read'));
    const routed = s.variants[0]!;
    expect(s.staleness.readYourWrites.share).toBeGreaterThan(routed.readYourWrites);
    expect(s.latencyMs.write.meanMs).toBeLessThan(routed.writeLatencyMs.mean);
  });

  it('scale-out: keys move to the nodes that joined, none is lost or left on a node that no longer owns it', async () => {
    const { summary: s } = await run(await example('scale-out'));
    expect(s.membership.keysMoved).toBeGreaterThan(0);
    expect(s.replicas.durability).toMatchObject({ lost: 0, misplaced: 0 });
    expect(s.variants[0]!.keysMoved).toBeGreaterThan(0);
  });
});

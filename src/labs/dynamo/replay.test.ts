import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../engines/runContext.ts';
import { defaultConfig } from '../../engines/dynamo/defaults.ts';
import { engine } from '../../engines/dynamo/engine.ts';
import { dynamoProtocol } from '../../engines/dynamo/protocol.ts';
import { Simulation } from '../../engines/dynamo/simulation.ts';
import type { DynamoConfig } from '../../engines/dynamo/config.ts';
import { keyHistory } from './replicaState.ts';
import { metricsAt } from './seriesAt.ts';
import { clusterAt, describeFrame, frameAt, timeAt } from './timeline.ts';

function eventful(): DynamoConfig {
  const c = defaultConfig();
  c.versioning.reconciliation = 'shopping-cart';
  c.workload = { ...c.workload, keys: 30, writersPerKey: 2, writeMode: 'read-modify-write', requests: 500 };
  c.failures = [
    { at: 1000, kind: 'crash', node: 3 },
    { at: 1500, kind: 'partition', groups: [[0, 1, 2]], clientGroups: [[0], [1]] },
    { at: 3000, kind: 'heal' },
    { at: 3500, kind: 'recover', node: 3 },
  ];
  c.trace.maxEvents = 200_000;
  return c;
}

describe('replaying the trace', () => {
  it('reproduces every replica’s versions of every key, exactly as the simulation left them', () => {
    const cfg = eventful();
    const sim = new Simulation(cfg, 5, dynamoProtocol);
    sim.run(createRunContext(), () => {});
    const trace = { ...sim.trace.events(), versions: sim.trace.keptVersions() };
    const t = { events: trace, versions: trace.versions, nodes: sim.M } as unknown as Parameters<typeof keyHistory>[0];
    for (let key = 0; key < cfg.workload.keys; key++) {
      const h = keyHistory(t, key, trace.length - 1);
      for (let node = 0; node < sim.M; node++) {
        const replayed = h.held.find((x) => x.node === node);
        const own = sim.stores[node]!.get(key).map((v) => v.id).sort((a, b) => a - b);
        expect([...(replayed?.own ?? [])].sort((a, b) => a - b)).toEqual(own);
        const hinted = [...sim.stores[node]!.hints.values()].flatMap((m) => (m.get(key) ?? []).map((v) => v.id)).sort((a, b) => a - b);
        expect([...(replayed?.hinted ?? [])].sort((a, b) => a - b)).toEqual(hinted);
      }
    }
  });

  it('the series summed to the end agree with the summary', async () => {
    const { summary, trace } = await engine.run(eventful(), 5, createRunContext());
    const at = metricsAt(trace.series, trace.nodes, trace.endTime);
    expect(at.readOk + at.writeOk).toBe(summary.availability.reads.succeeded + summary.availability.writes.succeeded);
    expect(at.readFailed + at.writeFailed).toBe(summary.simulated.requests - summary.availability.reads.succeeded - summary.availability.writes.succeeded);
    expect(at.versions).toEqual(Object.values(summary.versionsPerRead.counts));
    expect(at.withinK.map((k) => k.reads)).toEqual(summary.staleness.kStaleness.map((k) => k.reads));
    expect(at.load.reduce((s, v) => s + v, 0)).toBe(summary.load.perNode.reduce((s, n) => s + n.replicaOps, 0));
  });

  it('knows the cluster at any time, and names every frame', async () => {
    const cfg = eventful();
    const { trace } = await engine.run(cfg, 5, createRunContext());
    expect(clusterAt(trace, cfg, 900).up[3]).toBe(true);
    expect(clusterAt(trace, cfg, 1200).up[3]).toBe(false);
    const during = clusterAt(trace, cfg, 2000);
    expect(during.partitioned).toBe(true);
    expect(during.group.slice(0, 8)).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
    expect(during.clientGroup).toEqual([0, 1, -1, -1]);
    expect(clusterAt(trace, cfg, 4000)).toMatchObject({ partitioned: false });
    expect(clusterAt(trace, cfg, 4000).up[3]).toBe(true);
    const p = frameAt(trace, 1500);
    expect(timeAt(trace, p)).toBeGreaterThanOrEqual(1500);
    expect(timeAt(trace, p - 1)).toBeLessThan(1500);
    for (let i = 0; i < trace.events.length; i += 97) expect(describeFrame(trace, cfg, i)).toMatch(/^t = /);
    const failure = Array.from(trace.events.kind).findIndex((k, i) => k === 4 && trace.events.time[i] === 1500);
    expect(describeFrame(trace, cfg, failure)).toContain('partition {A, B, C} | {D, E, F, G, H}');
  });
});

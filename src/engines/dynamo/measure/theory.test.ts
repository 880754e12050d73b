import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { engine } from '../engine.ts';
import { DEEP } from '../../../testing/depth.ts';
import { simRandom } from '../sim/random.ts';
import { locality } from './coordinatorLocality.ts';
import { missAllK } from './quorumOverlap.ts';
import { missProbability } from './staleness.ts';
import { warsVisibility } from './wars.ts';
import { stalenessTheory } from './theory.ts';
import { visibilityEdges } from './visibility.ts';

/** PBS's setting with Dynamo's own (server-driven) coordination: no repair, no failures, one blind writer per key. */
function setting(n: number, r: number, w: number, propagation: 'all' | 'quorum-only', mode: 'server' | 'client'): DynamoConfig {
  const cfg = defaultConfig();
  cfg.cluster.nodes = 8;
  cfg.quorum = { n, r, w, sloppy: false, propagation };
  cfg.coordination.mode = mode;
  cfg.repair = { ...cfg.repair, readRepair: false, hintedHandoff: false, antiEntropy: false };
  cfg.workload = { ...cfg.workload, clients: 8, keys: 500, popularity: { kind: 'uniform' }, requests: 12000, ratePerSecond: 2000, readFraction: 0.6 };
  cfg.trace.maxEvents = 0;
  return cfg;
}

const run = async (cfg: DynamoConfig, seed: number) => (await engine.run(cfg, seed, createRunContext())).summary;
/** Four standard errors of a proportion p measured over `count` trials. */
const fourSe = (p: number, count: number) => 4 * Math.sqrt((p * (1 - p)) / count) + 1e-12;

describe('PBS with coordinator locality: the closed form', () => {
  it('under client coordination it is C(N−W,R)/C(N,R) to the k-th power', () => {
    for (const [n, r, w] of [[3, 1, 1], [5, 2, 2], [5, 1, 3], [7, 3, 2]] as const) {
      const cfg = setting(n, r, w, 'quorum-only', 'client');
      const miss = missAllK(locality(cfg), r, w, 3);
      miss.forEach((m, i) => expect(m).toBeCloseTo(Math.pow(missProbability(n, r, w), i + 1), 12));
    }
  });

  it('under server coordination a shared coordinator halves the misses of N,R,W = 3,1,1 on 8 nodes; R + W > N still never misses', () => {
    const server = (n: number, r: number, w: number) => missAllK(locality(setting(n, r, w, 'quorum-only', 'server')), r, w, 1)[0]!;
    // Replica 1 coordinates 6/8 of requests, the others 1/8: a read misses only if its coordinator differs (26/64).
    expect(server(3, 1, 1)).toBeCloseTo(26 / 64, 12);
    expect(server(3, 2, 2)).toBe(0);
    expect(server(5, 3, 3)).toBe(0);
  });

  it('the WARS computation with writes reaching only W agrees with the closed form, in both modes', () => {
    for (const mode of ['server', 'client'] as const)
      for (const [n, r, w] of [[3, 1, 1], [5, 2, 2]] as const) {
        const cfg = setting(n, r, w, 'quorum-only', mode);
        const l = locality(cfg);
        const vis = warsVisibility({ locality: l, r, w, quorumOnly: true, latency: cfg.latency }, 20000, simRandom(3, 0));
        const p = missAllK(l, r, w, 1)[0]!;
        for (const t of [0, 5, 50]) expect(Math.abs(1 - vis(t) - p)).toBeLessThanOrEqual(fourSe(p, 20000));
      }
  });

  // npm test checks one setting of each kind; npm run test:deep all of them.
  const closedCases = [[3, 1, 1], [5, 2, 2], [3, 1, 2]] as const;
  for (const [n, r, w] of DEEP ? closedCases : closedCases.slice(0, 1))
    it(`server coordination, N=${n}, R=${r}, W=${w}, writes reach only W: the simulation matches the closed form, k-staleness too`, async () => {
      const cfg = setting(n, r, w, 'quorum-only', 'server');
      cfg.workload.readFraction = 0.4;
      const s = await run(cfg, 40 + n * 7 + r * 3 + w);
      // Reads of one write share its write set, so they are not independent: the binomial error
      // is widened by the square root of the design effect, at most 1 + reads per write.
      const widen = Math.sqrt(1 / (1 - cfg.workload.readFraction));
      const t = s.staleness.theory;
      expect(t.method).toBe('closed-form');
      expect(t.violated).toEqual([]);
      expect(s.staleness.measuredReads).toBeGreaterThan(4000);
      expect(Math.abs(s.staleness.staleShare - t.missProbability!)).toBeLessThanOrEqual(widen * fourSe(t.missProbability!, s.staleness.measuredReads));
      for (const { reads, withinK, theory } of s.staleness.kStaleness.slice(0, 3)) expect(Math.abs(withinK - theory!)).toBeLessThanOrEqual(widen * fourSe(theory!, reads));
    });
});

describe('PBS with coordinator locality: t-visibility by WARS', () => {
  const probed = (n: number, r: number, w: number, mode: 'server' | 'client') => {
    const cfg = setting(n, r, w, 'all', mode);
    cfg.latency = { default: { kind: 'exponential', meanMs: 1 }, write: { kind: 'exponential', meanMs: 3 }, ack: null, read: null, response: null };
    cfg.workload = { ...cfg.workload, keys: 2000, requests: 2500, ratePerSecond: 500, readFraction: 0, probeDelaysMs: [0, 1, 2, 4, 8] };
    return cfg;
  };
  const warsCases = [['server', 3, 1, 1], ['server', 3, 2, 1], ['client', 3, 1, 1]] as const;
  for (const [mode, n, r, w] of DEEP ? warsCases : warsCases.slice(0, 1))
    it(`${mode} coordination, N=${n}, R=${r}, W=${w}: probes t ms after the commit see it as often as WARS predicts`, async () => {
      const s = await run(probed(n, r, w, mode), 7);
      expect(s.staleness.theory.method).toBe('wars');
      for (const p of s.staleness.tVisibility) {
        expect(p.reads).toBeGreaterThan(2000);
        expect(Math.abs(p.consistent - p.theory!)).toBeLessThanOrEqual(fourSe(p.theory!, p.reads) + 0.01);
      }
    });

  it('with writes to all N, the stale share stays below the bound at t = 0', async () => {
    const s = await run(setting(3, 1, 1, 'all', 'server'), 9);
    expect(s.staleness.theory.missIsBound).toBe(true);
    expect(s.staleness.staleShare).toBeGreaterThan(0);
    expect(s.staleness.staleShare).toBeLessThan(s.staleness.theory.missProbability!);
  });
});

describe('no figure where the assumptions fail', () => {
  it('a sloppy quorum with a crash, read repair, or read-modify-write: the theory names what fails', async () => {
    const crash = setting(3, 2, 2, 'all', 'server');
    crash.quorum.sloppy = true;
    crash.failures = [{ at: 1000, kind: 'crash', node: 2 }];
    crash.workload.requests = 2000;
    const s = await run(crash, 1);
    expect(s.staleness.theory.method).toBe('none');
    expect(s.staleness.theory.missProbability).toBeNull();
    expect(s.staleness.theory.violated.join(' ')).toMatch(/failure/);
    expect(s.staleness.kStaleness.every((k) => k.theory === null)).toBe(true);
    const repaired = setting(3, 1, 1, 'quorum-only', 'client');
    repaired.repair.readRepair = true;
    repaired.workload.requests = 200;
    expect((await run(repaired, 1)).staleness.theory.violated.join(' ')).toMatch(/read repair/);
    const rmw = setting(3, 1, 1, 'quorum-only', 'client');
    rmw.workload = { ...rmw.workload, requests: 200, writeMode: 'read-modify-write' };
    expect((await run(rmw, 1)).staleness.theory.violated.join(' ')).toMatch(/read-modify-write/);
  });
});

describe('the assumptions the view states with a prediction', () => {
  const theoryOf = (cfg: DynamoConfig) => stalenessTheory(cfg, visibilityEdges(cfg), 3, 1);

  it('name the run’s coordination mode and propagation, and all hold where a figure is printed', () => {
    for (const mode of ['server', 'client'] as const)
      for (const propagation of ['quorum-only', 'all'] as const) {
        const t = theoryOf(setting(3, 1, 1, propagation, mode));
        expect(t.method).toBe(propagation === 'quorum-only' ? 'closed-form' : 'wars');
        expect(t.violated).toEqual([]);
        const said = t.assumptions.join('\n');
        expect(said).toMatch(mode === 'server' ? /server-driven coordination: of 8 nodes/ : /client-driven coordination/);
        expect(said).toMatch(propagation === 'quorum-only' ? /only their W replicas/ : /all N replicas.*WARS/);
        for (const a of ['no failures', 'no read repair', 'no anti-entropy', 'one writer per key', 'within the timeout']) expect(said).toContain(a);
      }
  });

  it('each one broken alone takes the figure away and is the one named', () => {
    const breaks: [string, (c: DynamoConfig) => void, RegExp][] = [
      ['no failures', (c) => (c.failures = [{ at: 1000, kind: 'crash', node: 2 }]), /failure event/],
      ['no read repair', (c) => (c.repair.readRepair = true), /read repair/],
      ['no anti-entropy', (c) => (c.repair.antiEntropy = true), /anti-entropy/],
      ['one writer per key', (c) => (c.workload.writersPerKey = 2), /more than one writer/],
      ['one writer per key', (c) => (c.workload.writeMode = 'read-modify-write'), /read-modify-write/],
    ];
    for (const [assumption, breakIt, why] of breaks) {
      const cfg = setting(3, 1, 1, 'quorum-only', 'client');
      breakIt(cfg);
      const t = theoryOf(cfg);
      expect(t.method).toBe('none');
      expect(t.missProbability).toBeNull();
      expect(t.tVisibility).toBeNull();
      expect(t.violated).toHaveLength(1);
      expect(t.violated[0]).toMatch(why);
      expect(t.assumptions.some((a) => a.startsWith(assumption))).toBe(true);
    }
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../contract.ts';
import { createRunContext } from '../runContext.ts';
import { runEngine } from '../runEngine.ts';
import type { SolverRequest, Strategy } from './config.ts';
import { engine } from './engine.ts';
import { Ev } from './trace/events.ts';
import { evaluate } from './model/network.ts';
import { generateNetwork } from './model/generate.ts';
import { Fate } from './trace/tree.ts';

const example = (id: string) => JSON.parse(readFileSync(new URL(`../../../public/examples/solver/${id}.json`, import.meta.url), 'utf8')).config as SolverRequest;
const run = (config: SolverRequest, seed = 1, maxSteps = 5_000_000) => engine.run(config, seed, createRunContext({ maxSteps, maxMillis: 1e9 }));

describe('the solver engine', () => {
  it('is deterministic: the same input and seed give the same answer, tree and step log', async () => {
    for (const id of ['mini-acas-mid', 'reluplex-small', 'tanh-reluplex']) {
      const a = await run(example(id), 3);
      const b = await run(example(id), 3);
      expect(b.summary.verdict).toBe(a.summary.verdict);
      expect(Array.from(b.trace.tree.parent)).toEqual(Array.from(a.trace.tree.parent));
      expect(Array.from(b.trace.tree.fate)).toEqual(Array.from(a.trace.tree.fate));
      expect(Array.from(b.trace.events.kind)).toEqual(Array.from(a.trace.events.kind));
      expect(Array.from(b.trace.events.value)).toEqual(Array.from(a.trace.events.value));
    }
  });

  it('ends a run whose budget is spent with "unknown" and what was covered, and a replay stops at the same point', async () => {
    const config: SolverRequest = { ...example('mini-acas-far-interval'), strategy: 'interval' };
    const cut = await run(config, 1, 300);
    expect(cut.summary.verdict).toBe('unknown');
    expect(cut.summary.stopped).toBe('steps');
    expect(cut.summary.stats.covered).toBeGreaterThan(0);
    expect(cut.summary.stats.covered).toBeLessThan(1);
    expect(cut.summary.explanation).toMatch(/step budget ran out with \d+\.\d% of the search space verified/);
    expect(Array.from(cut.trace.tree.fate)).toContain(Fate.stopped);
    // A run cut by its clock replays exactly when stopped at the same budget check.
    const replay = await run({ ...config, stopAtCheckpoint: cut.summary.checkpoints }, 1);
    expect(replay.summary.verdict).toBe('unknown');
    expect(Array.from(replay.trace.tree.parent)).toEqual(Array.from(cut.trace.tree.parent));
  });

  it('records the Reluplex procedure step by step: pivots, updates, repairs, splits, certified failures', async () => {
    const result = await run(example('reluplex-small'));
    expect(result.summary.verdict).toBe('holds');
    const kinds = new Set(result.trace.events.kind);
    for (const k of [Ev.pivot, Ev.update, Ev.repair, Ev.split, Ev.failure, Ev.tighten]) expect(kinds.has(k)).toBe(true);
    const { events } = result.trace;
    for (let i = 0; i < events.count; i++) if (events.kind[i] === Ev.failure) expect(events.b[i]).toBe(1);
    expect(result.summary.stats.infeasibleLeaves).toBeGreaterThan(0);
    expect(result.summary.stats.pivots).toBeGreaterThan(0);
    expect(result.trace.variables?.role.length).toBeGreaterThan(0);
  });

  it('runs Reluplex after an attack when asked (its counterexample re-evaluated), and by the calculus alone when not', async () => {
    const config = example('tanh-reluplex');
    const alone = await run({ ...config, attack: false });
    const attacked = await run({ ...config, attack: true });
    expect(alone.summary.verdict).toBe('violated');
    expect(alone.summary.stats.pivots).toBeGreaterThan(0);
    expect(attacked.summary.verdict).toBe('violated');
    expect(attacked.summary.stats.pivots).toBe(0);
    expect(new Set(attacked.trace.events.kind).has(Ev.attack)).toBe(true);
    // The example's unsafe region: output 0 at least output 1 on the square.
    const net = generateNetwork((config.network as Extract<SolverRequest['network'], { kind: 'generated' }>).spec).network;
    for (const r of [alone, attacked]) {
      const [y0, y1] = evaluate(net, r.summary.counterexample!.input);
      expect(y0!).toBeGreaterThanOrEqual(y1!);
    }
  });

  it('streams progress with a partial tree while it runs', async () => {
    const snapshots: number[] = [];
    const outcome = await runEngine(engine, { config: { ...example('mini-acas-far-interval') }, seed: 1 }, (p) => {
      const detail = p.detail as { tree: { count: number } } | undefined;
      if (detail) snapshots.push(detail.tree.count);
    });
    expect(outcome.status).toBe('done');
    expect(snapshots.length).toBeGreaterThan(0);
  });

  it('reports bad input as InputError: a property that does not fit the network, a missing file', async () => {
    const config = example('reluplex-small');
    expect(() => run({ ...config, property: '(declare-const X_0 Real)(declare-const Y_0 Real)(assert (>= X_0 0))(assert (<= X_0 1))(assert (<= Y_0 0))' })).toThrow(/declares 1 input .* but the network has 2/);
    expect(() => run({ ...config, network: { kind: 'file', name: 'x.nnet', format: 'nnet', sha256: 'a'.repeat(64), size: 1 } })).toThrow(InputError);
    expect(() => run({ ...config, units: 'original' })).toThrow(/no input and output scaling/);
  });

  it('never calls a property violated without a counterexample that breaks it, nor holds when a sample breaks it (sigmoid, tanh)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1e5 }), fc.constantFrom('tanh', 'sigmoid'), fc.constantFrom<Strategy>('reluplex', 'symbolic'), async (seed, activation, strategy) => {
        const spec = { preset: 'random' as const, seed, hidden: [4, 4], activation: activation as 'tanh', inputs: 2, outputs: 2 };
        const property = '(declare-const X_0 Real)(declare-const X_1 Real)(declare-const Y_0 Real)(declare-const Y_1 Real)(assert (>= X_0 -0.5))(assert (<= X_0 0.5))(assert (>= X_1 -0.5))(assert (<= X_1 0.5))(assert (>= Y_0 Y_1))';
        const result = await run({ network: { kind: 'generated', spec }, property, units: 'network', strategy, timeoutSeconds: 1e6, attack: true, splitThreshold: 5, tightening: 'interval' }, 1, 200_000);
        const net = generateNetwork(spec).network;
        if (result.summary.verdict === 'violated') {
          const [y0, y1] = evaluate(net, result.summary.counterexample!.input);
          expect(y0).toBeGreaterThanOrEqual(y1!);
        }
        if (result.summary.verdict === 'holds') {
          for (let i = 0; i <= 20; i++)
            for (let j = 0; j <= 20; j++) {
              const [y0, y1] = evaluate(net, [-0.5 + i / 20, -0.5 + j / 20]);
              expect(y0).toBeLessThan(y1!);
            }
        }
      }),
      { numRuns: 40 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { BudgetExceeded, InputError, type Engine } from './contract.ts';
import { createRunContext } from './runContext.ts';
import { runEngine } from './runEngine.ts';

describe('run context', () => {
  it('stops at the step budget with a clear message', () => {
    const ctx = createRunContext({ maxSteps: 10, maxMillis: 1e9 });
    for (let i = 0; i < 10; i++) ctx.tick();
    expect(() => ctx.tick()).toThrow(BudgetExceeded);
    expect(() => ctx.tick()).toThrow(/step budget/);
  });

  it('stops at the time budget', () => {
    let t = 0;
    const ctx = createRunContext({ maxSteps: 1e12, maxMillis: 50 }, undefined, () => t);
    t = 100;
    expect(ctx.expired()).toBe(true);
    expect(() => {
      for (let i = 0; i < 10_000; i++) ctx.tick();
    }).toThrow(/time budget/);
  });

  it('throttles progress to one report per 100 ms and flushes the last one', () => {
    let t = 0;
    const seen: number[] = [];
    const ctx = createRunContext(undefined, (p) => seen.push(p.done), () => t);
    for (let i = 0; i < 1000; i++) {
      t = i; // one millisecond per report
      ctx.progress({ done: i });
    }
    expect(seen.length).toBe(10);
    ctx.flush();
    expect(seen.at(-1)).toBe(999);
  });
});

describe('runEngine', () => {
  const engineThat = (body: () => void): Engine<null, { summary: string }> => ({
    run: (_config, _seed, ctx) => {
      ctx.tick();
      body();
      return { summary: 'done' };
    },
  });

  it('classifies how a run ends', async () => {
    expect(await runEngine(engineThat(() => {}), { config: null, seed: 1 })).toMatchObject({ status: 'done', result: { summary: 'done' }, steps: 1 });
    const budget = await runEngine(engineThat(() => { throw new BudgetExceeded('steps', 5); }), { config: null, seed: 1 });
    expect(budget).toMatchObject({ status: 'failed', error: { kind: 'budget' } });
    const input = await runEngine(engineThat(() => { throw new InputError('bad token', { line: 2, column: 5 }); }), { config: null, seed: 1 });
    expect(input).toMatchObject({ status: 'failed', error: { kind: 'input', message: 'bad token', at: { line: 2, column: 5 } } });
    const bug = await runEngine(engineThat(() => { throw new TypeError('x is undefined'); }), { config: null, seed: 1 });
    expect(bug).toMatchObject({ status: 'failed', error: { kind: 'engine', message: 'The engine failed: TypeError: x is undefined' } });
  });
});

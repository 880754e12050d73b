import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Engine, Progress } from './contract.ts';
import { runEngine } from './runEngine.ts';

interface Detail {
  frontier: number[];
}

/** Counts to `config`, reporting the numbers seen so far as its live detail. */
const counter: Engine<number, { summary: number }, Detail> = {
  run(config, _seed, ctx) {
    const seen: number[] = [];
    for (let i = 0; i < config; i++) {
      ctx.tick();
      seen.push(i);
      ctx.progress({ done: i + 1, total: config, detail: { frontier: [...seen] } });
    }
    return { summary: seen.length };
  },
};

describe('runEngine', () => {
  it('hands the engine’s typed progress detail to the listener, the last report flushed', async () => {
    const reports: Progress<Detail>[] = [];
    const outcome = await runEngine(counter, { config: 5, seed: 0 }, (p) => {
      expectTypeOf(p.detail).toEqualTypeOf<Detail | undefined>();
      reports.push(p);
    });
    expect(outcome.status).toBe('done');
    expect(outcome.steps).toBe(5);
    expect(reports.at(-1)?.detail?.frontier).toEqual([0, 1, 2, 3, 4]);
  });

  it('still accepts an engine written as Engine<C, R>', async () => {
    const plain: Engine<number, { summary: number }> = { run: (n) => ({ summary: n * 2 }) };
    const outcome = await runEngine(plain, { config: 21, seed: 0 });
    expect(outcome.status === 'done' && outcome.result.summary).toBe(42);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import { engine } from '../index.ts';
import { errorKinds, explore, runTask, SETTINGS, values } from '../test/run.ts';
import { runs } from '../../../testing/depth.ts';

const racy = `
let r = ref(0);
let a = newIVar(); let b = newIVar();
fork { write(r, read(r) + 1); put(a, 1); }
fork { write(r, read(r) + 2); put(b, 1); }
get(a); get(b);
read(r)`;

describe('the explorer', () => {
  it('a random walk grows sets in place, but never one the program holds (a frozen value, copied elsewhere)', async () => {
    const p = `let s = newEmptySet(); fork { insert(1, s); insert(2, s); } fork { insert(3, s); }
let v = freeze(s); let t = newEmptySet(); put(t, v); insert(9, t); fork { insert(8, t); } insert(7, t); (v, freeze(t), s)`;
    const random = await explore(p, { mode: 'random', schedules: 40 });
    const naive = await explore(p, { reduction: false });
    const known = new Set(naive.outcomes.map((o) => o.key));
    for (const o of random.outcomes) expect(known.has(o.key), o.text).toBe(true);
    expect(random.outcomes.some((o) => o.kind === 'value')).toBe(true);
    // A value a frozen set handed out is never changed by the later inserts into t.
    const whole = naive.outcomes.find((o) => o.kind === 'value' && o.text.startsWith('({1, 2, 3}'));
    expect(whole?.text).toMatch(/^\(\{1, 2, 3\}, \{1, 2, 3, 7, 9\}|^\(\{1, 2, 3\}, \{1, 2, 3, 7, 8, 9\}/);
  });

  it('state caching is sound: the same outcomes and schedule counts as walking every schedule', async () => {
    const programs = [
      racy,
      'let s = newEmptySet(); fork { insert(1, s); insert(2, s); } fork { insert(3, s); } fork { waitElem(3, s); insert(4, s); } waitElem(4, s); freeze(s)',
      'let x = newIVar(); fork { put(x, 1); } fork { put(x, 1); } fork { put(x, 2); } get(x)',
    ];
    for (const p of programs) {
      const cached = await explore(p, { reduction: true });
      const naive = await explore(p, { reduction: false });
      expect(cached.outcomes.map((o) => [o.text, o.count]).sort()).toEqual(naive.outcomes.map((o) => [o.text, o.count]).sort());
      expect(cached.schedules).toBe(naive.schedules);
      expect(cached.states).toBeLessThan(naive.states);
    }
  });

  it('state caching agrees with the naive walk on random programs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.nat(5), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), async (threads) => {
        const body = (ops: number[]) => ops.map((n) => (n < 3 ? `insert(${n}, s);` : n === 3 ? 'write(r, read(r) + 1);' : `put(m, ${n});`)).join(' ');
        const p = `let s = newEmptySet(); let r = ref(0); let m = new(MaxNat); ${threads.map((t) => `fork { ${body(t)} }`).join(' ')} (freeze(s), read(r), m)`;
        const cached = await explore(p, { reduction: true });
        const naive = await explore(p, { reduction: false });
        expect(cached.schedules).toBe(naive.schedules);
        expect(new Map(cached.outcomes.map((o) => [o.text, o.count]))).toEqual(new Map(naive.outcomes.map((o) => [o.text, o.count])));
      }),
      { numRuns: runs(15, 40), seed: 7 },
    );
  });

  it('partial-order reduction (sleep sets, and DPOR) finds every outcome the naive walk finds, exploring fewer configurations', async () => {
    const op = fc.oneof(
      fc.nat(3).map((n) => `insert(${n}, s);`),
      fc.nat(2).map((n) => `put(x, ${n});`),
      fc.nat(3).map((n) => `put(m, ${n});`),
      fc.constant('waitElem(1, s);'),
      fc.constant('let _ = get(m, {2});'),
      fc.constant('write(r, read(r) + 1);'),
      fc.constant('let _ = freeze(s);'),
      fc.constant('quiesce(h);'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), async (threads) => {
        const p = `let s = newEmptySet(); let x = newIVar(); let m = new(MaxNat); let r = ref(0); let seen = newEmptySet();
          let h = newHandler(s, fn(e) { insert(e, seen); });
          ${threads.map((t) => `fork { ${t.join(' ')} }`).join(' ')}
          (read(r), s, m, seen)`;
        const naive = await explore(p, { reduction: false, maxDepth: 200 });
        const por = await explore(p, { reduction: true, por: true, maxDepth: 200 });
        const cached = await explore(p, { reduction: true, maxDepth: 200 });
        const dpor = await explore(p, { dpor: true, maxDepth: 200 });
        expect(dpor.outcomes.map((o) => o.key).sort(), p).toEqual(naive.outcomes.map((o) => o.key).sort());
        expect(values(por), p).toEqual(values(naive));
        expect([...new Set(errorKinds(por))], p).toEqual([...new Set(errorKinds(naive))]);
        expect(por.outcomes.some((o) => o.kind === 'diverges')).toBe(naive.outcomes.some((o) => o.kind === 'diverges'));
        expect(por.states).toBeLessThanOrEqual(cached.states);
      }),
      { numRuns: runs(20, 60), seed: 11 },
    );
  });

  it('partial-order reduction takes one order of independent steps', async () => {
    const p = `let a = newEmptySet(); let b = newEmptySet(); let c = newEmptySet();
      fork { insert(1, a); insert(2, a); insert(3, a); }
      fork { insert(1, b); insert(2, b); insert(3, b); }
      fork { insert(1, c); insert(2, c); insert(3, c); }
      (a, b, c)`;
    const cached = await explore(p);
    const por = await explore(p, { por: true });
    const stateless = await explore(p, { reduction: false, por: true });
    const naive = await explore(p, { reduction: false });
    for (const e of [por, stateless]) expect(values(e)).toEqual(values(cached));
    // Sleep sets prune transitions: each configuration is entered once, one schedule stands for all 1,680.
    expect(cached).toMatchObject({ schedules: 1680, transitions: 144 });
    expect(por).toMatchObject({ schedules: 1, transitions: por.states - 1 });
    // Without state caching, they alone shrink the tree of every schedule to the same 64 configurations.
    expect(stateless.states).toBe(cached.states);
    expect(naive.states).toBeGreaterThan(stateless.states * 50);
  });

  it('is deterministic: the same program and seed give the same result, bit for bit', async () => {
    const a = await runTask(racy, { kind: 'explore' }, { mode: 'random', schedules: 300 }, 42);
    const b = await runTask(racy, { kind: 'explore' }, { mode: 'random', schedules: 300 }, 42);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = await runTask(racy, { kind: 'explore' }, { mode: 'random', schedules: 300 }, 43);
    expect(c.summary).toMatchObject({ task: 'explore', exhaustive: false, schedules: 300 });
  });

  it('random schedules find the values the exhaustive search finds', async () => {
    const random = await explore(racy, { mode: 'random', schedules: 400 }, 3);
    expect(values(random)).toEqual(values(await explore(racy)));
    expect(random.outcomes.reduce((n, o) => n + o.count, 0)).toBe(400);
  });

  it('stops at the state limit and says it did not finish', async () => {
    const e = await explore(racy, { maxStates: 10 });
    expect(e).toMatchObject({ exhaustive: false, stoppedBy: 'states' });
  });

  it('reports an infinite loop in one thread, and a schedule that cycles forever', async () => {
    const loop = await explore('fn spin(n) { spin(n + 1) } fork { spin(0); } 1', { localLimit: 20_000 });
    expect(errorKinds(loop)).toEqual(['loop']);
    expect(loop.outcomes[0]!.text).toMatch(/probably loops forever/);
    const cycle = await explore('let r = ref(0); fork { while true { write(r, 1); } } write(r, 2); 5');
    expect(cycle.outcomes.map((o) => o.kind)).toContain('diverges');
  });

  it('reports a program that blocks forever', async () => {
    const e = await explore('let x = newIVar(); let y = newIVar(); fork { get(y); put(x, 1); } get(x)');
    expect(errorKinds(e)).toEqual(['blocked']);
    expect(e.outcomes[0]!.text).toMatch(/main waits at get/);
  });
});

describe('a verdict needs evidence', () => {
  it('gives none when no schedule runs to its end within the budget', async () => {
    const forever = 'fn spawn(n) { fork { spawn(n + 1); } } spawn(0); 1';
    for (const mode of ['exhaustive', 'random'] as const) {
      const r = await engine.run({ program: forever, explore: { ...SETTINGS, mode }, task: { kind: 'explore' } }, 1, createRunContext({ maxSteps: 3_000, maxMillis: 1e9 }));
      if (r.summary.task !== 'explore') throw new Error('not an exploration');
      expect(r.summary.outcomes.filter((o) => o.count > 0)).toEqual([]);
      expect(r.summary.verdict).toBe('inconclusive');
      expect(r.summary.exhaustive).toBe(false);
    }
  });
});

describe('the memory budget', () => {
  it('ends a schedule that doubles a list with an error naming the operation, not a JavaScript RangeError', async () => {
    const e = await explore('fn double(xs, n) { if n == 0 { xs } else { double(concat(xs, xs), n - 1) } } len(double([1], 40))');
    expect(e.outcomes).toHaveLength(1);
    expect(e.outcomes[0]!.kind).toBe('error');
    expect(e.outcomes[0]!.text).toMatch(/^concat would make a collection of 1,048,576 elements; the memory budget allows 1,000,000 per value/);
  });
});

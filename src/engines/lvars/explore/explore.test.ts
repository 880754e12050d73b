import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorKinds, explore, runTask, values } from '../test/run.ts';

const racy = `
let r = ref(0);
let a = newIVar(); let b = newIVar();
fork { write(r, read(r) + 1); put(a, 1); }
fork { write(r, read(r) + 2); put(b, 1); }
get(a); get(b);
read(r)`;

describe('the explorer', () => {
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
      { numRuns: 40, seed: 7 },
    );
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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../../../testing/depth.ts';
import { explore } from '../test/run.ts';

/** The outcomes found, by identity (an error by its kind and LVar), each once. */
const keys = (e: { outcomes: { key: string }[] }) => e.outcomes.map((o) => o.key).sort();

/** n threads, each putting k times into an LVar of its own: every step is independent of the others'. */
const independent = (n: number, k: number) =>
  `${Array.from({ length: n }, (_, i) => `let v${i} = new(MaxNat);`).join(' ')}
   ${Array.from({ length: n }, (_, i) => `fork { ${Array.from({ length: k }, (_, j) => `put(v${i}, ${j + 1});`).join(' ')} }`).join(' ')}
   0`;

describe('source-set DPOR', () => {
  it('explores one schedule of independent LVars, where state caching visits every combination', async () => {
    const dpor = await explore(independent(4, 3), { dpor: true });
    const cached = await explore(independent(4, 3), { reduction: true });
    expect(dpor.exhaustive).toBe(true);
    expect(dpor.schedules).toBe(1);
    // The initial configuration and one per step: 4 threads x 3 puts.
    expect(dpor.states).toBe(13);
    expect(cached.states).toBe(4 ** 4);
    expect(keys(dpor)).toEqual(keys(cached));
  });

  it("the library's updates commute and met thresholds stay met: putAt with getAt once filled, modify with modify", async () => {
    // Every getAt finds a[0] filled, every putAt writes the value it holds: no step depends on another.
    const arrays = 'let a = newNatArray(2); putAt(a, 0, 1); fork { let _ = getAt(a, 0); putAt(a, 1, 2); } fork { putAt(a, 0, 1); let _ = getAt(a, 0); } fork { let _ = getAt(a, 0); putAt(a, 1, 2); } a';
    // Three threads create (or find) the same key's LVar on demand and insert into it.
    const modify = `let m = newEmptyMap(); ${[1, 2, 3].map((i) => `fork { modify(m, 0, newEmptySet, fn(x) { insert(${i}, x); }); }`).join(' ')} m`;
    for (const p of [arrays, modify]) {
      const naive = await explore(p, { reduction: false });
      const dpor = await explore(p, { dpor: true });
      const sleep = await explore(p, { por: true });
      expect(dpor.schedules, p).toBe(1);
      expect(sleep.schedules, p).toBe(1);
      expect(naive.schedules, p).toBeGreaterThan(1);
      expect(keys(dpor)).toEqual(keys(naive));
      expect(keys(sleep)).toEqual(keys(naive));
    }
  });

  it('modify does not commute with a putKey on its key; a getAt does not move before the putAt that fills it', async () => {
    // putKey first: modify finds that set and inserts into it; modify first: putKey conflicts.
    const p1 = 'let m = newEmptyMap(); fork { modify(m, 0, newEmptySet, fn(x) { insert(1, x); }); } fork { putKey(m, 0, newEmptySet()); } 0';
    // getAt waits for either putAt; the two conflict in every schedule, whichever getAt saw (Theorem 1).
    const p2 = 'let a = newNatArray(1); fork { putAt(a, 0, 1); } fork { putAt(a, 0, 2); } getAt(a, 0)';
    for (const p of [p1, p2]) {
      const naive = await explore(p, { reduction: false });
      expect(keys(await explore(p, { dpor: true })), p).toEqual(keys(naive));
      expect(keys(await explore(p, { por: true })), p).toEqual(keys(naive));
    }
    expect(keys(await explore(p1, { reduction: false }))).toEqual(['e:conflicting-put:m', 'v:0']);
  });

  it('reverses real races only: a ref read and written by two threads gives every value', async () => {
    const p = `let r = ref(0); let a = newIVar(); let b = newIVar();
      fork { write(r, read(r) + 1); put(a, 1); } fork { write(r, read(r) + 2); put(b, 1); }
      get(a); get(b); read(r)`;
    const dpor = await explore(p, { dpor: true });
    expect(keys(dpor)).toEqual(keys(await explore(p, { reduction: false })));
    expect(dpor.outcomes.map((o) => o.text).sort()).toEqual(['1', '2', '3']);
  });

  it('threads of the initial configuration race with main: a freeze in main and a put in a fork, both orders', async () => {
    const dpor = await explore('let m = new(MaxNat); fork { put(m, 1); } freeze(m)', { dpor: true });
    expect(keys(dpor)).toEqual(['e:put-after-freeze:m', 'v:1']);
  });

  it('a failing put ends the program: the other threads are still tried before it', async () => {
    // The conflict on x stops everything; the race between freeze(y) and put(y, 5) must still be found.
    const p = 'let x = newIVar(); let y = new(MaxNat); fork { put(x, 1); } fork { put(x, 2); } fork { let _ = freeze(y); } fork { put(y, 5); } 0';
    const dpor = await explore(p, { dpor: true });
    expect(keys(dpor)).toEqual(['e:conflicting-put:x', 'e:put-after-freeze:y']);
  });

  it('a quiesce left waiting at the end is tried where it could still run', async () => {
    const p = 'let s = newEmptySet(); let never = newIVar(); let h = newHandler(s, fn(e) { get(never); }); fork { insert(1, s); } quiesce(h); 0';
    const dpor = await explore(p, { dpor: true });
    expect(dpor.outcomes.map((o) => o.kind).sort()).toEqual(['error', 'value']);
  });

  it('a schedule that comes back to a configuration on its path runs forever, and the other schedules are still explored', async () => {
    const p = 'let r = ref(0); fork { write(r, 1); } while read(r) == 0 { } read(r)';
    const dpor = await explore(p, { dpor: true });
    expect(keys(dpor)).toEqual(['d', 'v:1']);
  });
});

/** Operations on two sets, a MaxNat, an IVar and a ref; with handlers, quiesce, freeze and futures. */
const op = fc.oneof(
  fc.nat(2).map((n) => `insert(${n}, s);`),
  fc.nat(2).map((n) => `insert(${n}, t);`),
  fc.nat(3).map((n) => `put(m, ${n});`),
  fc.nat(1).map((n) => `put(x, ${n});`),
  fc.constant('waitElem(1, s);'),
  fc.constant('let _ = get(m, {2});'),
  fc.constant('let _ = get(m, {}, {3});'),
  fc.constant('write(r, read(r) + 1);'),
  fc.constant('let _ = freeze(t);'),
  fc.constant('quiesce(h);'),
);

const programArb = fc.record({
  threads: fc.array(fc.tuple(fc.boolean(), fc.array(op, { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 }),
  main: fc.array(op, { minLength: 1, maxLength: 2 }),
});

function source(p: { threads: [boolean, string[]][]; main: string[] }): string {
  const results: string[] = [];
  const forks = p.threads.map(([future, ops], i) => {
    if (!future) return `fork { ${ops.join(' ')} }`;
    results.push(`await(f${i})`);
    return `let f${i} = fork { ${ops.join(' ')} ${i} };`;
  });
  return `let s = newEmptySet(); let t = newEmptySet(); let m = new(MaxNat); let x = newIVar(); let r = ref(0); let seen = newEmptySet();
    let h = newHandler(s, fn(e) { insert(e, seen); });
    ${forks.join('\n')}
    ${p.main.join(' ')}
    (${[...results, 'read(r)', 's', 'm', 'seen'].join(', ')})`;
}

describe('Theorem 1 for the reduction: DPOR finds exactly the outcomes of the naive walk', () => {
  it('on random programs: the same outcomes, errors and runaway schedules included, in no more steps than the naive walk', async () => {
    await fc.assert(
      fc.asyncProperty(programArb, async (p) => {
        const program = source(p);
        const naive = await explore(program, { reduction: false, maxDepth: 200, maxStates: 30_000 });
        // A few generated programs have too many schedules to walk one by one: the property is about the others.
        fc.pre(naive.exhaustive);
        const dpor = await explore(program, { dpor: true, maxDepth: 200 });
        expect(dpor.exhaustive, program).toBe(true);
        expect(keys(dpor), program).toEqual(keys(naive));
        expect(dpor.transitions, program).toBeLessThanOrEqual(naive.transitions);
      }),
      { numRuns: runs(20, 200), seed: 1402 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../../../testing/depth.ts';
import { errorKinds, explore, runTask, values } from './run.ts';

/**
 * POPL'14 Theorem 1 on random programs that use the constructs of the model added in issue 14:
 * thresholds on frozen states, event sets (bottom included), handlers on pairs, futures and
 * `let par`, and the library's operations (arrays, modify, memo tables, cartesianProd,
 * withCallbacksThenFreeze, read-only cancellation). Each program is explored naively, with state
 * caching, with caching plus sleep sets and with source-set DPOR: the four agree (caching on the
 * schedule counts too), and never give two values.
 */

const write = fc.oneof(
  fc.nat(2).map((n) => `insert(${n}, s);`),
  fc.nat(2).map((n) => `put(p, ({${n}}, 0));`),
  fc.nat(2).map((n) => `put(p, ({}, ${n + 1}));`),
  fc.nat(3).map((n) => `put(m, ${n});`),
  // The library's derived operations (item 6): arrays, maps of LVars, memo tables.
  fc.nat(1).map((n) => `bumpAt(c, ${n}, 1);`),
  fc.nat(2).map((n) => `putAt(a, ${n}, ${n});`),
  fc.nat(1).map((n) => `modify(mm, ${n}, newEmptySet, fn(x) { insert(${n}, x); });`),
  fc.nat(1).map((n) => `let _ = getMemo(memo, ${n});`),
);
/**
 * Writes that may conflict (kept out of the one-outcome property): a second value for an IVar of
 * the array, and a putKey racing modify's create-on-demand on the same key. They test the
 * independence of the library's updates: commuting with their own kind only.
 */
const racyWrite = fc.oneof(
  fc.nat(2).map((n) => `putAt(a, ${n}, ${2 - n});`),
  fc.nat(1).map((n) => `putKey(mm, ${n}, newEmptySet());`),
);
const read = (withFreeze: boolean) =>
  fc.oneof(
    fc.nat(3).map((n) => `let _ = get(m, {${n}}, {});`),
    fc.constant('let _ = get(p, {({1}, 0)});'),
    fc.nat(1).map((n) => `waitAt(c, ${n}, 1);`),
    fc.nat(2).map((n) => `let _ = getAt(a, ${n});`),
    ...(withFreeze ? [fc.nat(3).map((n) => `let _ = get(m, {}, {${n}});`), fc.constant('let _ = freeze(m);')] : []),
  );
const thread = (withFreeze: boolean) =>
  fc.array(fc.oneof({ arbitrary: write, weight: 3 }, { arbitrary: read(withFreeze), weight: 1 }, ...(withFreeze ? [{ arbitrary: racyWrite, weight: 1 }] : [])), { minLength: 1, maxLength: 2 });
const shape = fc.constantFrom('fork', 'future', 'par');

const programArb = (withFreeze: boolean) =>
    fc.record({
    threads: fc.array(fc.tuple(shape, thread(withFreeze)), { minLength: 1, maxLength: 2 }),
    handler: fc.constantFrom('none', 'bottom', 'pair', 'product', 'callbacks', 'cancel'),
  });

function source(p: { threads: [string, string[]][]; handler: string }, withFreeze: boolean): string {
  const lines = [
    'let s = newEmptySet(); let p = new(Pair(Set, MaxNat)); let m = new(MaxNat); let log = newEmptySet();',
    'let c = newCounterArray(2); let a = newNatArray(3); let mm = newEmptyMap(); let memo = makeMemo(fn(k) { insert(str(k), log); k + 1 });',
  ];
  if (p.handler === 'bottom') lines.push('let h1 = newHandler(s, {bot, {1}}, fn(e) { insert(str(size(e)), log); });');
  if (p.handler === 'pair') lines.push('let h2 = newHandler(p, fn(e) { insert(str(e), log); });');
  if (p.handler === 'product') lines.push('let prod = cartesianProd(s, log);');
  // A read-only computation, cancelled and never read: cancellation cannot be observed.
  if (p.handler === 'cancel') lines.push('let cf = forkCancelable(fn() { get(m, {2}) }); cancel(cf);');
  // withCallbacksThenFreeze on a set only the callbacks and the action write: it ends in one state.
  if (p.handler === 'callbacks')
    lines.push('let q = newFromList([0]); let (_, frozen) = withCallbacksThenFreeze(q, fn(x) { if x < 2 { insert(x + 1, q); } }, fn() { insert(5, q); 0 });');
  const results: string[] = [];
  p.threads.forEach(([kind, ops], i) => {
    const body = ops.join(' ');
    if (kind === 'fork') lines.push(`fork { ${body} }`);
    else if (kind === 'future') {
      lines.push(`let f${i} = fork { ${body} ${i} };`);
      results.push(`await(f${i})`);
    } else {
      lines.push(`let w${i} = fn() { ${body} ${i} };`, `let par a${i} = w${i}(), b${i} = ${i + 10};`);
      results.push(`a${i} + b${i}`);
    }
  });
  // With freeze, main freezes m while forked threads may still put to it: a race, as in Theorem 1.
  const last = [...results, 's', 'p', withFreeze ? 'freeze(m)' : 'm', 'log', 'c', 'a', 'mm', ...(p.handler === 'callbacks' ? ['frozen'] : [])];
  lines.push(`(${last.join(', ')})`);
  return lines.join('\n');
}

/**
 * Naive, with state caching, with caching and sleep sets, with DPOR; the caching counts must be the
 * naive walk's, and DPOR must find exactly the naive walk's outcomes.
 */
async function exploreFourWays(program: string) {
  const naive = await explore(program, { reduction: false, maxStates: 200_000 });
  const cached = await explore(program, { maxStates: 200_000 });
  const por = await explore(program, { por: true, maxStates: 200_000 });
  const dpor = await explore(program, { dpor: true, maxStates: 200_000 });
  expect(naive.exhaustive, program).toBe(true);
  expect(new Map(cached.outcomes.map((o) => [o.text, o.count]))).toEqual(new Map(naive.outcomes.map((o) => [o.text, o.count])));
  expect(values(por)).toEqual(values(naive));
  expect(dpor.outcomes.map((o) => o.key).sort(), program).toEqual(naive.outcomes.map((o) => o.key).sort());
  // Random walks change the store in place (transient edits): each outcome they reach is one the
  // naive walk found, and its witness, stepped persistently, ends in that same outcome.
  const random = await explore(program, { mode: 'random', schedules: 12 });
  const known = new Set(naive.outcomes.map((o) => o.key));
  for (const o of random.outcomes) {
    expect(known.has(o.key), `${program}\n${o.text}`).toBe(true);
    const again = await runTask(program, { kind: 'replay', schedule: o.witness, finish: false });
    expect(again.kind === 'replay' && again.summary.ending?.text).toBe(o.text);
  }
  return { naive, cached, por };
}

describe('Theorem 1 with frozen thresholds, event sets, pair handlers, futures and the library', () => {
  it('without freeze: one outcome, and the four explorers agree', async () => {
    await fc.assert(
      fc.asyncProperty(programArb(false), async (p) => {
        const program = source(p, false);
        const { naive, cached, por } = await exploreFourWays(program);
        expect(naive.outcomes.length, `${program}\n${JSON.stringify(naive.outcomes)}`).toBe(1);
        expect(por.states).toBeLessThanOrEqual(cached.states);
        expect(naive.level.level).toBe(p.handler === 'callbacks' ? 'QuasiDet' : 'Det');
      }),
      { numRuns: runs(12, 120), seed: 20143 },
    );
  });

  it('with freeze and frozen thresholds: never two values, and the four explorers agree', async () => {
    let errorsSeen = 0;
    await fc.assert(
      fc.asyncProperty(programArb(true), async (p) => {
        const program = source(p, true);
        const { naive, por } = await exploreFourWays(program);
        expect(values(naive).length, `${program}\n${JSON.stringify(naive.outcomes)}`).toBeLessThanOrEqual(1);
        expect([...new Set(errorKinds(por))]).toEqual([...new Set(errorKinds(naive))]);
        if (naive.outcomes.some((o) => o.kind === 'error')) errorsSeen++;
      }),
      { numRuns: runs(12, 120), seed: 20144 },
    );
    // Racing freezes and frozen thresholds never reached do occur: the theorem is exercised.
    expect(errorsSeen).toBeGreaterThan(1);
  });

  it('each library construct at least once, whatever the random runs drew: the four explorers agree', async () => {
    const threads: [string, string[]][] = [
      ['fork', ['modify(mm, 0, newEmptySet, fn(x) { insert(0, x); });', 'bumpAt(c, 1, 1);']],
      ['future', ['let _ = getMemo(memo, 1);', 'putAt(a, 2, 2);']],
    ];
    for (const handler of ['product', 'callbacks', 'cancel']) {
      const { naive } = await exploreFourWays(source({ threads, handler }, false));
      expect(values(naive)).toHaveLength(1);
    }
  });
});


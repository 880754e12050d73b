import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.ts';
import { errorKinds, explore, values } from './run.ts';

const errors = (source: string) => analyze(source).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);

/** Issue 14, item 6: the rest of the LVish library's derived operations, over every schedule. */
describe('withCallbacksThenFreeze (Data.LVar.PureSet)', () => {
  it('runs the callbacks on every element, the action, then freezes: one value in every schedule', async () => {
    const e = await explore(
      'let s = newEmptySet(); let seen = newEmptySet(); let r = withCallbacksThenFreeze(s, fn(x) { insert(x * 10, seen); }, fn() { insert(1, s); insert(2, s); 7 }); (r, freeze(seen))',
    );
    expect(e).toMatchObject({ verdict: 'deterministic', exhaustive: true, level: { level: 'QuasiDet', effects: ['P', 'F'] } });
    expect(values(e)).toEqual(['((7, {1, 2}), {10, 20})']);
    expect(e.schedules).toBeGreaterThan(1);
  });

  it('a callback that grows the set it watches is waited for too (a traversal)', async () => {
    const e = await explore('let s = newEmptySet(); let (_, all) = withCallbacksThenFreeze(s, fn(x) { if x < 3 { insert(x + 1, s); } }, fn() { insert(0, s); }); all');
    expect(values(e)).toEqual(['{0, 1, 2, 3}']);
  });

  it('a put from outside, not ordered before the freeze, is quasi-deterministic', async () => {
    const e = await explore('let s = newEmptySet(); fork { insert(9, s); } let (_, all) = withCallbacksThenFreeze(s, fn(x) { x; }, fn() { insert(1, s); }); size(all)');
    expect(e.verdict).toBe('quasi-deterministic');
    expect(errorKinds(e)).toContain('put-after-freeze');
  });
});

describe('cartesianProd (Data.LVar.PureSet)', () => {
  it('every pair arrives, whatever order the elements of the two sets arrive in', async () => {
    const e = await explore('let a = newEmptySet(); let b = newEmptySet(); let p = newPool(); let prod = cartesianProd(p, a, b); fork { insert(1, a); insert(2, a); } fork { insert("x", b); } insert("y", b); waitSize(a, 2); waitElem("x", b); quiesce(p); freeze(prod)');
    expect(e).toMatchObject({ verdict: 'deterministic', exhaustive: true });
    expect(values(e)).toEqual(['{(1, "x"), (1, "y"), (2, "x"), (2, "y")}']);
    expect(e.schedules).toBeGreaterThan(2);
  });

  it('a threshold read on the product waits for the pair, without a pool', async () => {
    const e = await explore('let a = newFromList([1]); let b = newEmptySet(); let prod = cartesianProd(a, b); fork { insert(5, b); } waitElem((1, 5), prod); 0');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['0']);
  });

  it('is typed: the product holds pairs', () => {
    expect(errors('let a = newFromList([1]); let b = newFromList(["x"]); let p = cartesianProd(a, b); insert(3, p); 0')[0]).toMatch(/Type mismatch/);
  });
});

describe('modify on maps (Data.LVar.PureMap): an LVar per key, created on demand', () => {
  it('two threads modifying one key share one LVar, whichever creates it', async () => {
    const e = await explore('let m = newEmptyMap(); fork { modify(m, "k", newEmptySet, fn(s) { insert(1, s); }); } modify(m, "k", newEmptySet, fn(s) { insert(2, s); }); let s = getKey(m, "k"); waitSize(s, 2); freeze(s)');
    expect(e).toMatchObject({ verdict: 'deterministic', exhaustive: true });
    expect(values(e)).toEqual(['{1, 2}']);
  });

  it("returns f's value, and the result shows each key's LVar as its location", async () => {
    const e = await explore('let m = newEmptyMap(); let n = modify(m, 3, newCounter, fn(c) { bump(c, 2); 5 }); (n, m)');
    expect(values(e)).toEqual(['(5, ⟨m ↦ {3: ⟨m[3] ↦ 2⟩}⟩)']);
  });

  it('the constructor must be an allocating builtin, marked where it is written', () => {
    const a = analyze('let m = newEmptyMap();\nmodify(m, 1, fn() { newEmptySet() }, fn(s) { insert(1, s); }); 0');
    expect(a.diagnostics[0]).toMatchObject({ severity: 'error', loc: { line: 2, column: 14 } });
    expect(a.diagnostics[0]!.message).toMatch(/give one of newIVar, newEmptySet/);
  });
});

describe('NatArray and an array of counters: one LVar per index', () => {
  it('putAt and getAt: each index is an IVar', async () => {
    const e = await explore('let a = newNatArray(3); fork { putAt(a, 0, 4); } fork { putAt(a, 2, 6); } getAt(a, 0) + getAt(a, 2)');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['10']);
    expect(errorKinds(await explore('let a = newNatArray(2); fork { putAt(a, 1, 1); } putAt(a, 1, 2); 0'))).toEqual(['conflicting-put']);
  });

  it('bumpAt commutes; waitAt is a threshold', async () => {
    const e = await explore('let c = newCounterArray(2); fork { bumpAt(c, 1, 2); } fork { bumpAt(c, 1, 3); } bumpAt(c, 0, 1); waitAt(c, 1, 5); c');
    expect(e).toMatchObject({ verdict: 'deterministic', level: { level: 'Det', effects: ['G', 'B'] } });
    expect(values(e)).toEqual(['[⟨c[0] ↦ 1⟩, ⟨c[1] ↦ 5⟩]']);
  });

  it('an index outside the array is an error with its line', async () => {
    const e = await explore('let a = newNatArray(2);\ngetAt(a, 2)');
    expect(e.outcomes[0]!.text).toMatch(/Index 2 is outside the array \(length 2\)\. \(line 2\)/);
    expect(errors('let a = newNatArray(2); bumpAt(a, 0, 1)')[0]).toMatch(/expected CounterArray, got NatArray/);
  });
});

describe("memo tables (Data.LVar.Memo) and cancellation: PLDI'14's effect zoo", () => {
  it('getMemo computes each key once, whichever thread asks first', async () => {
    const src = 'let calls = newCounter(); let m = makeMemo(fn(n) { bump(calls, 1); n * n }); fork { getMemo(m, 3); } let a = getMemo(m, 3); let b = getMemo(m, 4); (a + b, freeze(calls))';
    const e = await explore(src);
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['(25, 2)']);
    expect(analyze(src).level).toMatchObject({ effects: ['P', 'G', 'F', 'B'], zoo: ['memo'] });
  });

  it('a memo result may be a function (a future holds any value)', async () => {
    expect(values(await explore('let m = makeMemo(fn(n) { fn(x) { x + n } }); let add1 = getMemo(m, 1); add1(2)'))).toEqual(['3']);
  });

  it('cancelling a read-only computation whose result is never read: Det, one value', async () => {
    const src = 'let x = newIVar(); let f = forkCancelable(fn() { get(x) + 1 }); fork { put(x, 1); } cancel(f); get(x)';
    expect(analyze(src).level).toMatchObject({ level: 'Det', zoo: ['cancel'] });
    const e = await explore(src);
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['1']);
  });

  it('cancelling a computation that writes is Nondet, statically, and the explorer shows why', async () => {
    const src = 'let s = newEmptySet(); let f = forkCancelable(fn() { insert(1, s); 0 }); cancel(f); freeze(s)';
    expect(analyze(src).level).toMatchObject({ level: 'Nondet' });
    expect(analyze(src).level.reason).toMatch(/not read-only \(insert on line 1\)/);
    expect(values(await explore(src))).toEqual(['{1}', '{}']);
  });

  it('reading a cancelled future is flagged: the value or blocked, by schedule', async () => {
    const src = 'let x = newIVar(); fork { put(x, 5); } let f = forkCancelable(fn() { get(x) }); cancel(f); await(f)';
    expect(analyze(src).level.reason).toMatch(/may read the result of f/);
    const e = await explore(src);
    expect(values(e)).toEqual(['5']);
    expect(errorKinds(e)).toEqual(['blocked']);
  });

  it('only a cancelable future can be cancelled', () => {
    expect(errors('let f = fork { 1 }; cancel(f); 0')[0]).toMatch(/expected CancelableFuture<Int>, got Future<Int>/);
  });
});

import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze.ts';
import { errorKinds, explore, values } from './run.ts';

const errors = (source: string) => analyze(source).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);

/** The constructs of LVish's model that issue 14 found missing: each over every schedule. */
describe('thresholds on frozen states (POPL\'14 §4)', () => {
  it('waits for the freeze, and returns the frozen threshold reached', async () => {
    const e = await explore('let x = new(MaxNat); fork { put(x, 1); } fork { get(x, {1}); freeze(x); } get(x, {}, {1, 2})');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['(1, true)']);
  });

  it('an unfrozen threshold is reached whether or not the LVar is frozen', async () => {
    const e = await explore('let x = new(MaxNat); fork { put(x, 3); } fork { get(x, {3}); freeze(x); } get(x, {2}, {})');
    expect(values(e)).toEqual(['(2, false)']);
  });

  it('a frozen threshold is never reached by an LVar frozen elsewhere: blocked in every schedule', async () => {
    const e = await explore('let x = new(MaxNat); put(x, 2); freeze(x); get(x, {}, {1})');
    expect(e.verdict).toBe('always-fails');
    expect(errorKinds(e)).toEqual(['blocked']);
  });

  it('a frozen f and an unfrozen t below it are compatible: refused before running when constant', () => {
    expect(errors('let x = new(MaxNat); get(x, {1}, {2})')[0]).toMatch(/2 frozen ⊔ 1 = 2 frozen, not ⊤/);
    expect(errors('let x = new(MaxNat); get(x, {3}, {2})')).toEqual([]);
  });

  it('and at run time when the sets are computed', async () => {
    const e = await explore('let x = new(MaxNat); let t = {1}; put(x, 2); get(x, t, add(t, 2))');
    expect(errorKinds(e)).toEqual(['threshold']);
  });
});

describe('event sets (freeze lv after Q with f)', () => {
  it('bot in Q fires at once, on an LVar still at bottom', async () => {
    const e = await explore('let s = newEmptySet(); let out = newEmptySet(); let v = freezeAfter(s, {bot}, fn(e) { insert(size(e) + 10, out); }); (v, freeze(out))');
    expect(values(e)).toEqual(['({}, {10})']);
  });

  it('an element of Q fires when the LVar reaches it, whenever that is', async () => {
    const e = await explore('let s = newEmptySet(); let out = newEmptySet(); fork { insert(3, s); } let h = newHandler(s, {{3}, {9}}, fn(e) { insert(size(e), out); }); waitElem(3, s); quiesce(h); freeze(out)');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['{1}']);
  });

  it('addHandler with an event set on an IVar: the value, or bottom', async () => {
    const e = await explore('let i = newIVar(); let out = newEmptySet(); let p = newPool(); addHandler(p, i, {bot, 7}, fn(e) { insert(str(e), out); }); fork { put(i, 7); } get(i); quiesce(p); freeze(out)');
    expect(values(e)).toEqual(['{"7", "⊥"}']);
  });

  it('gives handlers to a lattice that has no events of its own', async () => {
    const src = 'lattice M { bottom: 0, join: fn(a, b) { max(a, b) } } let x = new(M); let out = newEmptySet(); fork { put(x, 4); } let h = newHandler(x, {2, 4}, fn(e) { insert(e, out); }); get(x, {4}); quiesce(h); freeze(out)';
    expect(values(await explore(src))).toEqual(['{2, 4}']);
    expect(errors(src.replace('{2, 4}, ', ''))[0]).toMatch(/Handlers on M need its events/);
  });
});

describe('handlers on pairs and user lattices', () => {
  it("a pair's events are its components' events, each as the least pair that has it", async () => {
    const e = await explore('let p = new(Pair(IVar, Set)); let out = newEmptySet(); let h = newHandler(p, fn(e) { insert(str(e), out); }); fork { put(p, (5, bot)); } fork { put(p, (bot, {1})); } get(p, {(5, {1})}); quiesce(h); freeze(out)');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['{"(5, {})", "(⊥, {1})"}']);
  });

  it('a declared events function gives the events of a user lattice', async () => {
    const e = await explore('lattice L { bottom: 0, join: fn(a, b) { max(a, b) }, events: fn(x) { range(1, x + 1) } } let x = new(L); let out = newEmptySet(); let h = newHandler(x, fn(e) { insert(e, out); }); fork { put(x, 2); } fork { put(x, 3); } get(x, {3}); quiesce(h); freeze(out)');
    expect(values(e)).toEqual(['{1, 2, 3}']);
  });

  it('an events function must give elements at or below the state', async () => {
    const e = await explore('lattice L { bottom: 0, join: fn(a, b) { max(a, b) }, events: fn(x) { [x + 1] } } let x = new(L); let h = newHandler(x, fn(e) { e; }); put(x, 1); quiesce(h); 0');
    expect(errorKinds(e)).toEqual(['lattice']);
    expect(e.outcomes[0]!.text).toMatch(/events\(0\) gives 1, which is not at or below 0/);
  });
});

describe('parallel let and futures', () => {
  it('a future can hold a closure, which an IVar cannot', async () => {
    const e = await explore('let f = fork { let k = 10; fn(x) { x + k } }; let g = await(f); g(32)');
    expect(values(e)).toEqual(['42']);
    expect((await explore('let i = newIVar(); put(i, fn(x) { x }); 0')).outcomes[0]!.text).toMatch(/function cannot be stored/);
  });

  it('let par runs its branches in parallel threads and waits for both', async () => {
    const e = await explore('fn w(c, n) { bump(c, n); n } let c = newCounter(); let par a = w(c, 1), b = w(c, 2); (a + b, get(c, {3}))');
    expect(e).toMatchObject({ verdict: 'deterministic', exhaustive: true });
    expect(values(e)).toEqual(['(3, 3)']);
    expect(e.schedules).toBeGreaterThan(1);
  });

  it('the branches of let par do not see each other', () => {
    expect(errors('let par a = 1, b = a + 1; b')[0]).toMatch(/Unknown name a/);
  });

  it('a fork expression whose thread returns early gives the returned value', async () => {
    expect(values(await explore('let f = fork { if true { return 7; } 8 }; await(f) + 1'))).toEqual(['8']);
  });

  it('an await never reached by its thread: blocked, with the line', async () => {
    const e = await explore('let i = newIVar(); let f = fork { get(i) }; await(f)');
    expect(e.verdict).toBe('always-fails');
    expect(e.outcomes[0]!.text).toMatch(/main waits at await\(…\) on line 1/);
  });

  it('a result holding a future shows its value', async () => {
    expect(values(await explore('let f = fork { {1, 2} }; (f, 3)'))).toEqual(['({1, 2}, 3)']);
  });
});

describe("the LVish library's derived operations", () => {
  it('newFromList starts a set with the elements; waitSize waits for the size', async () => {
    const e = await explore('let s = newFromList([2, 1, 2]); fork { insert(5, s); } fork { insert(6, s); } waitSize(s, 4); freeze(s)');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['{1, 2, 5, 6}']);
    expect(errorKinds(await explore('let s = newFromList([1]); waitSize(s, 2); 0'))).toEqual(['blocked']);
  });

  it('Data.LVar.Pair: each IVar of the pair filled once, read when filled', async () => {
    const e = await explore('let p = newPair(); fork { putFst(p, 1); } fork { putSnd(p, "b"); } (getSnd(p), getFst(p))');
    expect(values(e)).toEqual(['("b", 1)']);
    expect(errorKinds(await explore('let p = newPair(); fork { putFst(p, 1); } putFst(p, 2); getFst(p)'))).toEqual(['conflicting-put']);
  });
});


describe("the effect zoo's signatures (PLDI'14), known before running", () => {
  it('lists the effects a program uses, in the order P G F B I', () => {
    expect(analyze('let c = newCounter(); fork { bump(c, 1); } get(c, {1})').level).toMatchObject({ level: 'Det', effects: ['G', 'B'] });
    expect(analyze('let s = newEmptySet(); insert(1, s); freeze(s)').level).toMatchObject({ level: 'QuasiDet', effects: ['P', 'F'] });
    expect(analyze('let r = ref(0); write(r, 1); read(r)').level).toMatchObject({ level: 'Nondet', effects: ['I'] });
    expect(analyze('1 + 2').level.effects).toEqual([]);
  });
});

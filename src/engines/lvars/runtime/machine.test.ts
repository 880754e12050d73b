import { describe, expect, it } from 'vitest';
import { explore, values } from '../test/run.ts';

const value = async (program: string) => {
  const e = await explore(program);
  expect(e.outcomes.length, JSON.stringify(e.outcomes)).toBe(1);
  return e.outcomes[0]!.text;
};

describe('the machine', () => {
  it('computes with plain data', async () => {
    expect(await value('1 + 2 * 3 - 10 / 3 % 2')).toBe('6');
    expect(await value('let (a, b) = (1, "x"); (b, a, -a, !true)')).toBe('("x", 1, -1, false)');
    expect(await value('let xs = [3, 1, 2]; (len(xs), xs[0], head(tail(xs)), concat(xs, [4]))')).toBe('(3, 3, 1, [3, 1, 2, 4])');
    expect(await value('let s = {3, 1, 2, 1}; (s, size(s), has(s, 2), elems(add(s, 0)))')).toBe('({1, 2, 3}, 3, true, [0, 1, 2, 3])');
    expect(await value('let m = {"b": 2, "a": 1}; (lookup(m, "a"), lookupOr(m, "z", 0), keys(m), hasKey(m, "b"))')).toBe('(1, 0, ["a", "b"], true)');
    expect(await value('"ab" ++ str(12) ++ str([1])')).toBe('"ab12[1]"');
  });

  it('has closures, recursion, loops and early return', async () => {
    expect(await value('fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } } fib(15)')).toBe('610');
    expect(await value('fn adder(k) { fn(x) { x + k } } let add3 = adder(3); add3(4)')).toBe('7');
    expect(await value('fn find(xs, p) { for x in xs { if p(x) { return x; } } -1 } find([1, 4, 9], fn(x) { x > 3 })')).toBe('4');
    expect(await value('fn count(n) { fn loop(i, acc) { if i == 0 { acc } else { loop(i - 1, acc + 1) } } loop(n, 0) } count(20000)')).toBe('20000');
    expect(await value('let r = ref(0); let i = ref(0); while read(i) < 5 { write(r, read(r) + read(i)); write(i, read(i) + 1); } read(r)')).toBe('10');
    expect(await value('true || 1 / 0 == 0')).toBe('true');
  });

  it('reports the program\'s own errors with their line', async () => {
    expect((await explore('let x = 1;\nx / 0')).outcomes[0]).toMatchObject({ kind: 'error', errorKind: 'runtime', text: 'Division by zero. (line 2)' });
    expect((await explore('[1][3]')).outcomes[0]!.text).toMatch(/Index 3 is outside/);
    expect((await explore('lookup({1: 2}, 5)')).outcomes[0]!.text).toMatch(/key 5 is not in the map/);
    expect((await explore('let c = new(MaxNat); put(c, -1); 0')).outcomes[0]!.text).toMatch(/natural numbers/);
  });

  it('joins, freezes and returns LVars as locations, with their final contents and frozen bit', async () => {
    expect(values(await explore('let p = new(Pair(MaxNat, Set)); put(p, (3, {1})); put(p, (2, {2})); p'))).toEqual(['⟨p ↦ (3, {1, 2})⟩']);
    expect(values(await explore('let p = new(MaxNat); put(p, 3); freeze(p); (p, 1)'))).toEqual(['(⟨p ↦ 3, frozen⟩, 1)']);
    expect(values(await explore('let m = new(Map(MaxNat)); putKey(m, "a", 1); putKey(m, "a", 5); putKey(m, "b", 2); freeze(m)'))).toEqual(['{"a": 5, "b": 2}']);
    expect(values(await explore('let m = newEmptyMap(); fork { putKey(m, 1, "x"); } getKey(m, 1)'))).toEqual(['"x"']);
    expect(values(await explore('let b = new(Bool); fork { put(b, true); } get(b, {true})'))).toEqual(['true']);
  });

  it('runs handlers on every event, and quiesce waits for them', async () => {
    expect(values(await explore('let c = newCounter(); let seen = newEmptySet(); let h = newHandler(c, fn(n) { insert(n, seen); }); fork { bump(c, 2); } bump(c, 1); get(c, {3}); quiesce(h); freeze(seen)'))).toEqual(['{1, 2, 3}']);
    expect(values(await explore('let s = newEmptySet(); let p = newPool(); let out = newEmptySet(); addHandler(p, s, fn(x) { insert(x * 10, out); }); fork { insert(1, s); } insert(2, s); waitElem(1, s); quiesce(p); freeze(out)'))).toEqual(['{10, 20}']);
  });
});

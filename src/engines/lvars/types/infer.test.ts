import { describe, expect, it } from 'vitest';
import { parse } from '../syntax/parser.ts';
import { infer } from './infer.ts';
import { show } from './types.ts';

const errors = (source: string) => infer(parse(source)).diagnostics.map((d) => ({ line: d.loc.line, column: d.loc.column, message: d.message }));

describe('type inference', () => {
  it('infers polymorphic functions and LVar types', () => {
    const t = infer(parse('fn id(x) { x } fn pairUp(a) { (id(a), id(1)) } let s = newEmptySet(); insert("a", s); pairUp(true)'));
    expect(t.diagnostics).toEqual([]);
    expect(show(t.fnTypes.get('id')!.type)).toBe('fn(a) -> a');
    expect(show(t.result)).toBe('(Bool, Int)');
  });

  it('types the lattice element of each kind of LVar', () => {
    const t = infer(parse('let p = new(Pair(IVar, MaxNat)); put(p, ("x", 3)); freeze(p)'));
    expect(t.diagnostics).toEqual([]);
    expect(show(t.result)).toBe('(Str, Int)');
    const m = infer(parse('let m = new(Map(Set)); putKey(m, 1, {"a"}); freeze(m)'));
    expect(show(m.result)).toBe('Map<Int, Set<Str>>');
  });

  it('reports type errors where they happen, with advice for LVar mix-ups', () => {
    expect(errors('let s = newEmptySet();\nput(s, 3);')).toEqual([{ line: 2, column: 8, message: expect.stringMatching(/expected Set<.*>, got Int.*insert\(x, s\)/) }]);
    expect(errors('let s = newEmptySet(); get(s)')[0]!.message).toMatch(/threshold set/);
    expect(errors('let c = newCounter(); put(c, 3);')[0]!.message).toMatch(/bump/);
    // A pair's handler receives pairs (its components' events), so the callback is typed on pairs.
    expect(errors('let p = new(Pair(IVar, IVar)); newHandler(p, fn(x) { x + 1 });')[0]!.message).toMatch(/Type mismatch/);
    expect(errors('let p = new(Pair(IVar, IVar)); newHandler(p, fn(x) { fst(x) + 1 });')).toEqual([]);
    expect(errors('lattice L { bottom: 0, join: max } let x = new(L); newHandler(x, fn(v) { v });')[0]!.message).toMatch(/finite carrier/);
    expect(errors('let x = 1 + "a";')).toEqual([{ line: 1, column: 13, message: 'Type mismatch in the operands of +: expected Int, got Str.' }]);
    expect(errors('let seen = 1; insret(1, seen);')[0]!.message).toBe('Unknown name insret. Did you mean insert?');
    expect(errors('fn f(a, b) { a } f(1);')[0]!.message).toBe('This function takes 2 arguments, got 1.');
    expect(errors('put(1, 2, 3);')[0]!.message).toBe('put takes 2 arguments, got 3.');
    expect(errors('let s = new(Sett);')[0]!.message).toMatch(/no lattice called Sett/);
    expect(errors('let xs = {1, 2};\nfor x in xs { }')[0]).toMatchObject({ line: 2, message: expect.stringMatching(/elems\(s\)/) });
    expect(errors('if 1 { 2 } else { 3 }')[0]!.message).toMatch(/condition of if: expected Bool, got Int/);
    expect(errors('if true { 2 } else { "3" }')[0]!.message).toMatch(/both branches/);
  });

  it('lets a function return early', () => {
    expect(errors('fn f(x) { if x { return 1; } return 2; } f(true) + 1')).toEqual([]);
  });

  it('reports several errors, one per statement', () => {
    expect(errors('let a = 1 + true;\nlet b = "x" ++ 2;').map((e) => e.line)).toEqual([1, 2]);
  });
});

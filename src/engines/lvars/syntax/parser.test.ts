import { describe, expect, it } from 'vitest';
import { InputError } from '../../contract.ts';
import { parse } from './parser.ts';

function parseError(source: string): { message: string; line: number; column: number } {
  try {
    parse(source);
  } catch (e) {
    if (e instanceof InputError && e.at) return { message: e.message, ...e.at };
    throw e;
  }
  throw new Error('parsed without error');
}

describe('parser', () => {
  it('reads the seed example of the issue almost line for line', () => {
    const p = parse(`
fn traverse(g, startNode) {
  let seen = newEmptySet();
  let h = newHandler(seen, fn(node) { for v in neighbors(g, node) { insert(v, seen); } });
  insert(startNode, seen);
  quiesce(h);
  freeze(seen)
}`);
    expect(p.fns.map((f) => f.name)).toEqual(['traverse']);
    expect(p.fns[0]!.body.stmts.map((s) => s.k)).toEqual(['let', 'let', 'expr', 'expr', 'expr']);
  });

  it('tells sets, maps, thresholds and blocks apart', () => {
    const p = parse('let a = {1, 2}; let b = {1: "x"}; let c = {}; let d = {:}; if a == ({}) { get(x, {{3}}) } else { 0 }');
    const kinds = p.main.stmts.slice(0, 4).map((s) => (s.k === 'let' ? s.value.k : s.k));
    expect(kinds).toEqual(['set', 'map', 'set', 'map']);
  });

  it('parses lattice declarations with their fields', () => {
    const p = parse('lattice L { bottom: 0, join: max, top: 9, carrier: {0, 1, 9} }');
    expect(p.lattices[0]).toMatchObject({ name: 'L', bottom: { k: 'int', value: 0 }, join: { k: 'var', name: 'max' } });
  });

  it('reports syntax errors with line and column', () => {
    expect(parseError('let x = 1;\nlet y = ;')).toMatchObject({ line: 2, column: 9 });
    expect(parseError('put(x 1);')).toMatchObject({ line: 1, column: 7, message: expect.stringContaining('Expected ","') });
    expect(parseError('fork {\n  put(x, 1);\n')).toMatchObject({ line: 3, message: expect.stringContaining('never closed') });
    expect(parseError('let s = "abc')).toMatchObject({ line: 1, column: 9, message: expect.stringContaining('never closed') });
    expect(parseError('let f = \\x -> x;')).toMatchObject({ message: expect.stringContaining('fn(x)') });
    expect(parseError('lattice L { join: max }')).toMatchObject({ message: expect.stringContaining('needs a bottom') });
    expect(parseError('lattice L { bottom: 0, join: max, size: 3 }')).toMatchObject({ message: expect.stringContaining('not a lattice field') });
    expect(parseError('let x = 1 @ 2;')).toMatchObject({ line: 1, column: 11 });
    expect(parseError('let x = 123456789012345678901;')).toMatchObject({ message: expect.stringContaining('too large') });
    expect(parseError('f('.repeat(300))).toMatchObject({ message: expect.stringContaining('nests deeper') });
    expect(parseError('('.repeat(5000))).toMatchObject({ message: expect.stringContaining('nests deeper') });
    expect(parseError('if a == {} { 1 }')).toMatchObject({ message: expect.stringContaining('parentheses') });
  });

  it('requires semicolons between statements, except after blocks', () => {
    expect(() => parse('let x = 1\nlet y = 2;')).toThrow(/Expected ";"/);
    expect(() => parse('if true { 1 } else { 2 }\nfork { put(x, 1); }\n3')).not.toThrow();
  });
});

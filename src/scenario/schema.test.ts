import { describe, expect, it } from 'vitest';
import { bool, int, json, list, literal, object, optional, record, refine, str, tuple, variant } from './schema.ts';

describe('schema', () => {
  const node = object({
    name: str({ max: 10 }),
    tokens: int({ min: 1, max: 64 }),
    up: optional(bool(), true),
    kind: literal('a', 'b'),
  });

  it('accepts valid values and fills optional fields', () => {
    expect(node.parse({ name: 'n1', tokens: 8, kind: 'a' })).toEqual({ ok: true, value: { name: 'n1', tokens: 8, up: true, kind: 'a' } });
  });

  it('reports the first problem with its path', () => {
    const nodes = object({ nodes: list(node, { max: 3 }) });
    const r = nodes.parse({ nodes: [{ name: 'a', tokens: 1, kind: 'a' }, { name: 'b', tokens: 1.5, kind: 'a' }] });
    expect(r).toEqual({ ok: false, issue: { path: 'nodes[1].tokens', message: 'expected an integer, got 1.5' } });
    expect(nodes.parse({ nodes: [1, 2, 3, 4] })).toMatchObject({ ok: false, issue: { path: 'nodes' } });
    expect(node.parse({ name: 'x', tokens: 1, kind: 'a', typo: 1 })).toMatchObject({ ok: false, issue: { path: 'typo', message: 'unknown field' } });
    expect(node.parse({ tokens: 1, kind: 'a' })).toMatchObject({ ok: false, issue: { path: 'name', message: 'missing field' } });
    expect(node.parse({ name: 'x', tokens: 1, kind: 'c' }).ok).toBe(false);
  });

  it('rejects non-finite numbers, prototype keys and deep JSON', () => {
    expect(int().parse(Number.NaN).ok).toBe(false);
    expect(record(int()).parse(JSON.parse('{"__proto__": 1}')).ok).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(json().parse(deep).ok).toBe(false);
    expect(json().parse({ a: [1, 'x', null, { b: true }] }).ok).toBe(true);
  });

  it('discriminates variants by tag and supports tuples and refinements', () => {
    const dist = variant('kind', {
      constant: object({ kind: literal('constant'), ms: int({ min: 0 }) }),
      uniform: object({ kind: literal('uniform'), lo: int(), hi: int() }),
    });
    expect(dist.parse({ kind: 'uniform', lo: 1, hi: 2 }).ok).toBe(true);
    expect(dist.parse({ kind: 'pareto' })).toMatchObject({ ok: false, issue: { path: 'kind' } });
    expect(tuple(int(), str()).parse([1, 'a'])).toEqual({ ok: true, value: [1, 'a'] });
    const ordered = refine(tuple(int(), int()), ([a, b]) => (a <= b ? undefined : 'lo must not exceed hi'));
    expect(ordered.parse([3, 1])).toEqual({ ok: false, issue: { path: '(root)', message: 'lo must not exceed hi' } });
  });
});

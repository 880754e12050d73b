import { describe, expect, it } from 'vitest';
import type { CheckSummary } from '../index.ts';
import { errorKinds, explore, runTask, values } from '../test/run.ts';

const problems = async (program: string) => ((await runTask(program, { kind: 'check' })).summary as CheckSummary).diagnostics.filter((d) => d.severity === 'error');

describe('threshold sets', () => {
  it('accepts pairwise incompatible threshold sets', async () => {
    expect(await problems('let x = newIVar(); get(x, {1, 2, 3})')).toEqual([]);
    expect(await problems('let p = new(Pair(IVar, IVar)); get(p, {(1, bot), (2, bot)})')).toEqual([]);
    expect(await problems('let s = newEmptySet(); get(s, {{1}})')).toEqual([]);
  });

  it('reports a compatible pair before running, at the threshold set', async () => {
    const [p] = await problems('let s = newEmptySet();\nget(s, {{1}, {2}})');
    expect(p).toMatchObject({ loc: { line: 2, column: 8 }, message: expect.stringContaining('{1} ⊔ {2} = {1, 2}, not ⊤') });
    expect((await problems('let c = new(MaxNat); get(c, {3, 5})'))[0]!.message).toMatch(/3 ⊔ 5 = 5/);
    expect((await problems('let p = new(Pair(IVar, IVar)); get(p, {(1, bot), (bot, 2)})'))[0]!.message).toMatch(/not pairwise incompatible/);
    expect((await problems('lattice P { bottom: "n", top: "t", carrier: {"n", "a", "t"}, join: fn(a, b) { if a == b { a } else if a == "n" { b } else if b == "n" { a } else { "t" } } } let x = new(P); get(x, {"n", "a"})'))[0]!.message).toMatch(/"a" ⊔ "n" = "a"/);
  });

  it('checks thresholds computed at run time when the get is reached', async () => {
    const e = await explore('let s = newEmptySet(); let a = 1; let b = 2; insert(1, s); get(s, {{a}, {b}})');
    expect(errorKinds(e)).toEqual(['threshold']);
    expect(e.outcomes[0]!.text).toMatch(/not pairwise incompatible/);
  });

  it('returns the threshold reached, not the state', async () => {
    const e = await explore('let c = new(MaxNat); put(c, 9); get(c, {4})');
    expect(values(e)).toEqual(['4']);
  });
});

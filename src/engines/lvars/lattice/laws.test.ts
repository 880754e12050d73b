import { describe, expect, it } from 'vitest';
import { explore, runTask } from '../test/run.ts';
import type { CheckSummary } from '../index.ts';

const laws = async (program: string) => ((await runTask(program, { kind: 'check' })).summary as CheckSummary).laws;
const diagnostics = async (program: string) => ((await runTask(program, { kind: 'check' })).summary as CheckSummary).diagnostics;

describe('lattice-law checker', () => {
  it('verifies a finite lattice exhaustively', async () => {
    const [r] = await laws('lattice Two { bottom: 0, top: 1, carrier: {0, 1}, join: max }');
    expect(r).toMatchObject({ ok: true, exhaustive: true, elements: 2 });
  });

  it('finds each broken law with a counterexample', async () => {
    const check = async (decl: string) => (await laws(decl))[0]!.violations.map((v) => v.law);
    expect(await check('lattice A { bottom: 0, join: fn(a, b) { a - b } }')).toEqual(expect.arrayContaining(['commutative', 'associative', 'idempotent']));
    expect(await check('lattice B { bottom: 5, join: max }')).toContain('bottom is the identity');
    expect(await check('lattice C { bottom: 0, top: 3, carrier: {0, 1, 2, 3}, join: fn(a, b) { if a == 3 { 1 } else { max(a, b) } } }')).toContain('top absorbs');
    expect(await check('lattice D { bottom: 0, carrier: {0, 1, 2}, join: fn(a, b) { a + b } }')).toContain('closed');
    const [mean] = await laws('lattice E { bottom: 0, join: fn(a, b) { (a + b) / 2 } }');
    expect(mean!.violations.find((v) => v.law === 'idempotent')).toBeUndefined();
    expect(mean!.violations.find((v) => v.law === 'associative')!.text).toMatch(/^join\(join\(/);
  });

  it('checks infinite lattices by sampling, and says so', async () => {
    const [r] = await laws('lattice Nat { bottom: 0, join: fn(a, b) { max(max(a, b), 0) } }');
    expect(r).toMatchObject({ exhaustive: false });
    expect(r!.checks).toBeGreaterThan(1000);
  });

  it('flags a lawless lattice before running, and lets it run to show the damage', async () => {
    const program = 'lattice L { bottom: 0, join: fn(a, b) { if a == 0 { b } else { a } } } let x = new(L); fork { put(x, 1); } put(x, 2); x';
    expect(await diagnostics(program)).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('not a lattice') })]);
    expect((await explore(program)).verdict).toBe('nondeterministic');
  });

  it('refuses joins that are not pure', async () => {
    expect((await diagnostics('lattice L { bottom: 0, join: fn(a, b) { let s = newEmptySet(); a } } 1'))[0]!.message).toMatch(/must be pure/);
    expect((await diagnostics('fn j(a, b) { let r = ref(a); read(r) } lattice L { bottom: 0, join: j } 1'))[0]!.message).toMatch(/must be pure, but it uses ref/);
  });
});

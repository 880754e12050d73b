import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorKinds, explore, values } from './run.ts';

const dir = new URL('../../../../public/examples/lvars/', import.meta.url);
const example = async (id: string) => {
  const s = JSON.parse(readFileSync(new URL(`${id}.json`, dir), 'utf8')) as { config: { program: string } };
  return await explore(s.config.program);
};

/** Every built-in example shows what it is meant to show, over every schedule. */
describe('LVars examples', () => {
  it('traversal: one set, whatever the order the handlers run in', async () => {
    const e = await example('traversal');
    expect(e).toMatchObject({ verdict: 'deterministic', exhaustive: true, level: { level: 'QuasiDet' } });
    expect(values(e)).toEqual(['{1, 2, 3, 4}']);
    expect(e.schedules).toBeGreaterThan(1);
  });

  it('write after freeze: a value in some schedules, put-after-freeze in the others', async () => {
    const e = await example('write-after-freeze');
    expect(e.verdict).toBe('quasi-deterministic');
    expect(values(e)).toEqual(['{3}']);
    expect(errorKinds(e)).toEqual(['put-after-freeze']);
  });

  it('threshold reads: the racing second component is never observed', async () => {
    const e = await example('threshold-reads');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['((1, ⊥), 20)']);
  });

  it('racy ref: two values, each with a witness schedule that reproduces it', async () => {
    const e = await example('racy-ref');
    expect(e).toMatchObject({ verdict: 'nondeterministic', level: { level: 'Nondet' } });
    expect(values(e)).toEqual(['1', '2']);
    for (const o of e.outcomes) expect(o.witness.length).toBeGreaterThan(0);
  });

  it('the same counter as an LVar is deterministic', async () => {
    const e = await example('lvar-counter');
    expect(e).toMatchObject({ verdict: 'deterministic', level: { level: 'Det' } });
    expect(values(e)).toEqual(['2']);
  });

  it('freeze without quiesce: the whole set, or an error', async () => {
    const e = await example('freeze-without-quiesce');
    expect(e.verdict).toBe('quasi-deterministic');
    expect(values(e)).toEqual(['{1, 2, 3, 4}']);
    expect(errorKinds(e)).toEqual(['put-after-freeze']);
  });

  it('nat with max: the threshold read returns the threshold', async () => {
    const e = await example('nat-max');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['5']);
  });

  it('parity: even ⊔ odd is top, a conflicting put in every schedule: it always fails', async () => {
    const e = await example('parity');
    expect(e.verdict).toBe('always-fails');
    expect(errorKinds(e)).toEqual(['conflicting-put']);
    expect(e.laws).toEqual([expect.objectContaining({ lattice: 'Parity', ok: true, exhaustive: true })]);
  });

  it('a non-commutative join: flagged by the law checker, nondeterminism found by the explorer', async () => {
    const e = await example('bad-lattice');
    expect(e.laws[0]).toMatchObject({ lattice: 'FirstWins', ok: false, violations: [expect.objectContaining({ law: 'commutative', text: 'join(1, 2) = 1 but join(2, 1) = 2.' })] });
    expect(e.verdict).toBe('nondeterministic');
    expect(values(e)).toEqual(['⟨x ↦ 1⟩', '⟨x ↦ 2⟩']);
  });

  it('shopping cart: every schedule, the same cart', async () => {
    const e = await example('shopping-cart');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['⟨cart ↦ {"apple", "bread", "milk"}⟩']);
  });

  it('frozen threshold: waits for the freeze, returns the frozen threshold', async () => {
    const e = await example('frozen-threshold');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['(1, true)']);
  });

  it('event sets: bot at once, {3} when it arrives, {5} never', async () => {
    const e = await example('event-sets');
    expect(e).toMatchObject({ verdict: 'deterministic', level: { level: 'QuasiDet' } });
    expect(values(e)).toEqual(['({0, 1}, {3, 4})']);
  });

  it('pair and user-lattice handlers: every component event, once', async () => {
    const e = await example('pair-handlers');
    expect(e.verdict).toBe('deterministic');
    expect(values(e)).toEqual(['{"({\\"a\\"}, 0)", "({}, 1)", "({}, 2)", "level 1", "level 2"}']);
  });

  it('let par and a future holding a closure', async () => {
    const e = await example('let-par');
    expect(e).toMatchObject({ verdict: 'deterministic', level: { level: 'Det' } });
    expect(values(e)).toEqual(['(42, 3)']);
  });

  it("LVish's library: newFromList, waitSize and a pair of IVars give the same triple in every schedule", async () => {
    const e = await example('library-ops');
    expect(e).toMatchObject({ verdict: 'deterministic', exhaustive: true });
    expect(values(e)).toEqual(['("left", 42, {1, 2, 3, 4})']);
  });

  it("LVish's library: the product, the callbacks' counts and the map of LVars agree in every schedule", async () => {
    const e = await example('library-products');
    expect(e).toMatchObject({ verdict: 'deterministic', exhaustive: true, level: { level: 'QuasiDet' } });
    expect(values(e)).toEqual(['(2, {"L", "S"}, {("blue", "L"), ("blue", "S"), ("red", "L"), ("red", "S")}, ⟨stock ↦ {"L": ⟨stock["L"] ↦ 1⟩, "S": ⟨stock["S"] ↦ 1⟩}⟩)']);
  });

  it('NatArray and counter arrays: one histogram, each index its own LVar', async () => {
    const e = await example('nat-arrays');
    expect(e).toMatchObject({ verdict: 'deterministic', level: { level: 'Det', effects: ['P', 'G', 'B'] } });
    expect(values(e)).toEqual(['(4, [⟨histogram[0] ↦ 2⟩, ⟨histogram[1] ↦ 1⟩])']);
  });

  it('memo and cancel: Det, shown beside the effects, and one value', async () => {
    const e = await example('memo-cancel');
    expect(e).toMatchObject({ verdict: 'deterministic', level: { level: 'Det', zoo: ['memo', 'cancel'] } });
    expect(values(e)).toEqual(['(25, 10, 2)']);
  });
});

import { describe, expect, it } from 'vitest';
import { Q } from '../lra/rational.ts';
import { solveSmt } from '../testkit/solve.ts';

const decl = (...xs: string[]) => xs.map((x) => `(declare-const ${x} Real)`).join('\n');

describe('DPLL(T) over linear real arithmetic', () => {
  it('decides strict inequalities exactly, through delta-rationals', () => {
    expect(solveSmt(`${decl('x', 'y')}(assert (< x y))(assert (< y x))`).summary.verdict).toBe('unsat');
    const r = solveSmt(`${decl('x')}(assert (> x 0))(assert (< x 0.000000001))`);
    expect(r.summary.verdict).toBe('sat');
    const x = r.summary.model!.reals[0]!.exact.split('/').map(BigInt) as [bigint, bigint];
    const q = Q.of(x[0], x[1] ?? 1n);
    expect(q.sign()).toBe(1);
    expect(q.cmp(Q.parse('0.000000001'))).toBe(-1);
  });

  it('records bounds, theory conflicts with their explanation clauses, and theory propagations', () => {
    const text = `${decl('x', 'y')}(declare-const p Bool)
(assert (or (<= (+ x y) 2) p))
(assert (or (not p) (>= x 5)))
(assert (<= x 1))
(assert (>= x 0))
(assert (>= y 3))`;
    const r = solveSmt(text, 'lazy', { record: true, traceCap: 10_000 });
    expect(r.summary.verdict).toBe('unsat');
    const events = r.trace!.events;
    const conflicts = events.filter((e) => e.kind === 'theory-conflict');
    expect(conflicts.length).toBeGreaterThan(0);
    for (const c of conflicts) {
      if (c.kind !== 'theory-conflict') continue;
      expect(c.bounds.length).toBe(c.lits.length);
      expect(c.lits.length).toBeGreaterThanOrEqual(2);
    }
    expect(events.some((e) => e.kind === 'theory-assert')).toBe(true);
    expect(events.some((e) => e.kind === 'theory-propagate')).toBe(true);
    expect(r.trace!.slacks).toEqual([{ name: 's1', poly: 'x + y' }]);
    expect(r.summary.theory!.conflicts).toBe(conflicts.length);
  });

  it('gives a model that satisfies every assertion, Booleans included', () => {
    const r = solveSmt(`${decl('x', 'y')}(declare-const p Bool)(declare-const q Bool)
(assert (xor p q))
(assert (=> p (> (- x y) 3)))
(assert (=> q (< (* 2 x) (- y 7))))
(assert (= (+ x y) 1))`);
    expect(r.summary.verdict).toBe('sat');
    expect(r.summary.model!.checked).toBe(true);
    const m = new Map(r.summary.model!.reals.map((v) => [v.name, v.exact]));
    expect(m.size).toBe(2);
  });

  it('compares lazy and eager on the same problem', () => {
    const text = `${decl('x', 'y')}(assert (<= -4 x))(assert (<= x 4))(assert (<= -4 y))(assert (<= y 4))
(assert (or (>= (+ x y) 7) (<= (- x y) -7)))(assert (or (< x 3) (< y 3)))`;
    const r = solveSmt(text, 'lazy', { compare: true });
    const [lazy, eager] = r.summary.contrast!;
    expect(lazy!.approach).toBe('lazy');
    expect(eager!.approach).toBe('eager');
    expect(eager!.verdict).toBe(lazy!.verdict);
    expect(eager!.size.integerVariables).toBeGreaterThan(0);
    expect(eager!.counts.nodes).toBeGreaterThan(0);
  });

  it('says why the eager encoding cannot run when a variable in a disjunction is unbounded', () => {
    const r = solveSmt(`${decl('x')}(assert (or (< x 0) (> x 1)))`, 'eager');
    expect(r.summary.verdict).toBe('unknown');
    expect(r.summary.explanation).toMatch(/finite bounds/);
  });

  it('is deterministic', () => {
    const text = `${decl('x', 'y', 'z')}(assert (or (> (+ x y) 2) (< z -1)))(assert (or (< x 0) (> z 3)))(assert (< (+ x y z) 1))`;
    const a = solveSmt(text, 'lazy', { record: true, traceCap: 1000 });
    const b = solveSmt(text, 'lazy', { record: true, traceCap: 1000 });
    expect(a.trace).toEqual(b.trace);
    expect(a.summary.model).toEqual(b.summary.model);
  });
});

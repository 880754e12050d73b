import Logic from 'logic-solver';
import { describe, expect, it } from 'vitest';
import type { Cnf } from '../formats/dimacs.ts';
import { graphColouring, parity, pigeonhole, randomKSat } from '../formats/families.ts';
import { bruteForceSat, solveCnfText } from '../testkit/solve.ts';
import { firstFalsified } from './solveCnf.ts';

/** MiniSat compiled to JavaScript (logic-solver): the reference answer. */
function logicSolverSat(cnf: Cnf): boolean {
  const s = new Logic.Solver();
  for (const c of cnf.clauses) s.require(Logic.or(c.map((l) => (l > 0 ? `v${l}` : `-v${-l}`))));
  for (let v = 1; v <= cnf.vars; v++) s.require(Logic.or(`v${v}`, `-v${v}`));
  return s.solve() !== null;
}

function expectAgrees(cnf: Cnf, expected: boolean) {
  const r = solveCnfText(cnf);
  expect(r.summary.verdict).toBe(expected ? 'sat' : 'unsat');
  if (expected) expect(firstFalsified(cnf, r.summary.model!.literals)).toBe(-1);
}

describe('CDCL agrees with logic-solver', () => {
  it.each([
    [50, 4],
    [75, 3],
    [100, 3],
    [125, 2],
    [150, 2],
  ])('on random 3-SAT at ratio 4.26 with %i variables (%i seeds)', (n, seeds) => {
    for (let seed = 1; seed <= seeds; seed++) {
      const cnf = randomKSat(n, Math.round(4.26 * n), 3, seed * 1000 + n);
      expectAgrees(cnf, logicSolverSat(cnf));
    }
  });

  it('on pigeonhole formulas (n+1 pigeons in n holes is unsatisfiable, n in n is not)', () => {
    for (const [p, h] of [[5, 4], [6, 5], [6, 6], [7, 7]] as const) expectAgrees(pigeonhole(p, h), logicSolverSat(pigeonhole(p, h)));
  });

  it('on graph colouring', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const cnf = graphColouring(25, 0.25, 3 + (seed % 2), seed);
      expectAgrees(cnf, logicSolverSat(cnf));
    }
  });

  it('on parity chains, consistent and inconsistent', () => {
    for (const same of [true, false]) {
      const cnf = parity(12, same, 7);
      expectAgrees(cnf, logicSolverSat(cnf));
    }
  });
});

describe('CDCL and DPLL against brute force on small formulas', () => {
  it('agree with exhaustive search on 200 random formulas of up to 12 variables', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const n = 3 + (seed % 10);
      const cnf = randomKSat(n, Math.round((3 + (seed % 4)) * n * 0.9), Math.min(3, n), seed);
      const truth = bruteForceSat(cnf);
      for (const mode of ['cdcl', 'dpll'] as const) {
        const r = solveCnfText(cnf, mode, { restarts: seed % 2 ? 'luby' : 'glucose' });
        expect(r.summary.verdict, `seed ${seed} ${mode}`).toBe(truth ? 'sat' : 'unsat');
      }
    }
  });

  it('handles empty clauses, unit conflicts and tautologies', () => {
    expect(solveCnfText({ vars: 1, clauses: [[]] }).summary.verdict).toBe('unsat');
    expect(solveCnfText({ vars: 1, clauses: [[1], [-1]] }).summary.verdict).toBe('unsat');
    expect(solveCnfText({ vars: 2, clauses: [[1, -1], [2]] }).summary.verdict).toBe('sat');
    expect(solveCnfText({ vars: 3, clauses: [] }).summary.verdict).toBe('sat');
  });
});

describe('options and budget', () => {
  const cnf = randomKSat(100, 426, 3, 42);
  const truth = logicSolverSat(cnf);
  it.each([
    { restarts: 'none' as const, deletion: 'none' as const, minimise: false, phaseSaving: false },
    { restarts: 'glucose' as const, deletion: 'lbd' as const, minimise: true, phaseSaving: true },
  ])('every combination answers the same (%o)', (options) => {
    expect(solveCnfText(cnf, 'cdcl', options).summary.verdict).toBe(truth ? 'sat' : 'unsat');
  });

  it('a spent step budget gives unknown, not a wrong answer', () => {
    const r = solveCnfText(pigeonhole(9, 8), 'cdcl', {}, 2000);
    expect(r.summary.verdict).toBe('unknown');
    expect(r.summary.explanation).toMatch(/step budget/);
  });

  it('is deterministic: two runs give the same statistics and trace', () => {
    const a = solveCnfText(cnf, 'cdcl', { record: true, traceCap: 5000 });
    const b = solveCnfText(cnf, 'cdcl', { record: true, traceCap: 5000 });
    expect(a.summary.sat).toEqual(b.summary.sat);
    expect(a.trace).toEqual(b.trace);
  });
});

import type { SatStats, Verdict } from '../api.ts';
import type { Cnf } from '../formats/dimacs.ts';
import { fromDimacs, type Recorder } from './recorder.ts';
import { Solver, type SearchHooks, type SolverOptions } from './solver.ts';
import { untilStopped } from './stop.ts';

export interface CnfAnswer {
  verdict: Verdict;
  /** For sat: the value of every variable as a DIMACS literal, checked against every clause. */
  literals?: number[];
  stats: SatStats;
  /** Why the search stopped without an answer. */
  stopped?: string;
}

/** Solves a CNF; a `sat` answer is returned only once its assignment satisfies every clause. */
export function solveCnf(cnf: Cnf, options: SolverOptions, rec: Recorder, hooks: SearchHooks): CnfAnswer {
  const solver = new Solver(cnf.vars, options, rec);
  for (const c of cnf.clauses) solver.addClause(c.map(fromDimacs));
  const run = untilStopped(() => solver.solve(hooks));
  if ('stopped' in run) return { verdict: 'unknown', stats: solver.stats, stopped: run.stopped };
  const verdict = run.value;
  if (verdict !== 'sat') return { verdict, stats: solver.stats };
  const literals = Array.from({ length: cnf.vars }, (_, v) => (solver.value(2 * v) === 1 ? v + 1 : -(v + 1)));
  const bad = firstFalsified(cnf, literals);
  if (bad >= 0) throw new Error(`internal error: the assignment found falsifies clause ${bad + 1}; refusing to report sat`);
  return { verdict, literals, stats: solver.stats };
}

/** The index of the first clause the assignment falsifies, or -1. */
export function firstFalsified(cnf: Cnf, literals: readonly number[]): number {
  const truth = (l: number) => (l > 0 ? literals[l - 1]! > 0 : literals[-l - 1]! < 0);
  return cnf.clauses.findIndex((c) => !c.some(truth));
}

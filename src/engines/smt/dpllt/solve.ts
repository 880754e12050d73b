import type { SatStats, SmtOptions, TheoryStats, Verdict, SatMode } from '../api.ts';
import type { Assignment } from '../formats/smtlib/evaluate.ts';
import { firstFalseAssertion } from '../formats/smtlib/evaluate.ts';
import type { Script } from '../formats/smtlib/terms.ts';
import type { Encoding } from '../encode/tseitin.ts';
import { LraTheory } from '../lra/theory.ts';
import type { Recorder } from '../sat/recorder.ts';
import { Solver, type SearchHooks } from '../sat/solver.ts';
import { pivotSpender, untilStopped } from '../sat/stop.ts';

export interface LazyAnswer {
  verdict: Verdict;
  model?: Assignment;
  sat: SatStats;
  theory: TheoryStats;
  slacks: { name: string; poly: string }[];
  /** Boolean variables and clauses at the end (input, learnt and theory lemmas). */
  clauses: number;
  stopped?: string;
}

/**
 * The lazy approach, DPLL(T): the CDCL solver searches the Boolean skeleton of the formula and
 * the simplex (LraTheory) checks each partial assignment, answering with explanation clauses.
 * A `sat` answer is returned only after its model satisfies every assertion exactly.
 *
 * Sharing this simplex with the lab's Reluplex (src/engines/solver/reluplex.ts, tableau.ts)
 * would help neither: Reluplex's tableau is floating point with outward rounding and ReLU-aware
 * pivoting rules (it repairs ReLU pairs inside the simplex, which is the point of the paper),
 * while this one pivots on delta pairs of doubles as a guess that exact BigInt arithmetic over
 * delta-rationals confirms (lra/farkas.ts, lra/simplex.ts), driven by a SAT solver's bound
 * assertions. What they share is the idea (Dutertre & de Moura's bounded simplex), and
 * the export in relu/ lets both solve the same query.
 */
export function solveLazy(script: Script, enc: Encoding, mode: SatMode, options: SmtOptions, rec: Recorder, hooks: SearchHooks): LazyAnswer {
  const theory = new LraTheory(script.reals, enc.atoms, rec, options.theoryPropagation, pivotSpender(hooks));
  const solver = new Solver(enc.nVars, { ...options, mode }, rec, theory);
  theory.value = (l) => solver.value(l);
  for (const c of enc.clauses) solver.addClause(c);
  const run = untilStopped(() => solver.solve(hooks));
  const verdict = 'stopped' in run ? 'unknown' : run.value;
  const answer: LazyAnswer = { verdict, sat: solver.stats, theory: theory.stats, slacks: theory.slacks, clauses: solver.nextId, ...('stopped' in run ? { stopped: run.stopped } : {}) };
  if (verdict !== 'sat') return answer;
  const values = theory.model(script.reals.length);
  const model: Assignment = {
    booleans: new Map([...enc.booleans].map(([name, v]) => [name, solver.value(2 * v) === 1])),
    reals: new Map(script.reals.map((x, i) => [x, values[i]!])),
  };
  const bad = firstFalseAssertion(script, model);
  if (bad >= 0) throw new Error(`internal error: the model found falsifies the assertion on line ${bad}; refusing to report sat`);
  return { ...answer, model };
}

import type { Verdict } from '../api.ts';
import type { Encoding } from '../encode/tseitin.ts';
import { firstFalseAssertion, type Assignment } from '../formats/smtlib/evaluate.ts';
import type { Script } from '../formats/smtlib/terms.ts';
import { DQ, Q } from '../lra/rational.ts';
import type { SearchHooks } from '../sat/solver.ts';
import { pivotSpender, untilStopped } from '../sat/stop.ts';
import { encodeBigM, type Milp } from './bigm.ts';

export interface EagerAnswer {
  verdict: Verdict;
  model?: Assignment;
  size: { columns: number; rows: number; integers: number };
  nodes: number;
  pivots: number;
  /** Why the eager approach could not run. */
  note?: string;
}

/** The 0/1 column whose LP value is furthest from integral, or -1 when all are integral. */
function fractional(m: Milp): number {
  let best = -1;
  let bestGap = Q.ZERO;
  for (const b of m.binary) {
    const v = m.simplex.values[b]!;
    if (v.k.isZero() && v.r.d === 1n) continue;
    const gap = v.r.cmp(Q.of(1n, 2n)) < 0 ? v.r : Q.ONE.sub(v.r);
    if (best < 0 || gap.cmp(bestGap) > 0) [best, bestGap] = [b, gap];
  }
  return best;
}

/**
 * Branch and bound over the LP relaxation (Land & Doig, 1960), depth first: solve the relaxation
 * with the exact simplex; if some 0/1 column is fractional, try it at 0 and at 1 (the nearer
 * value first). Exact arithmetic makes both answers trustworthy; a `sat` model is checked.
 */
export function solveEager(script: Script, enc: Encoding, hooks: SearchHooks): EagerAnswer {
  const milp = encodeBigM(enc, script.reals);
  if (typeof milp === 'string') return { verdict: 'unknown', size: { columns: 0, rows: 0, integers: 0 }, nodes: 0, pivots: 0, note: milp };
  const s = milp.simplex;
  let nodes = 0;
  const spend = pivotSpender(hooks);
  const search = (): boolean => {
    nodes++;
    spend(milp.binary.length);
    if (s.check(spend)) return false;
    const b = fractional(milp);
    if (b < 0) return true;
    const v = s.values[b]!;
    const upFirst = v.r.cmp(Q.of(1n, 2n)) >= 0;
    for (const up of upFirst ? [true, false] : [false, true]) {
      const mark = s.mark();
      const clash = up ? s.assertLower(b, new DQ(Q.ONE), -1) : s.assertUpper(b, DQ.ZERO, -1);
      if (!clash && search()) return true;
      s.undoTo(mark);
    }
    return false;
  };
  const run = untilStopped(() => !milp.infeasible && search());
  const size = { columns: milp.columns, rows: milp.rows, integers: milp.binary.length };
  if ('stopped' in run) return { verdict: 'unknown', size, nodes, pivots: s.pivots, note: run.stopped };
  if (!run.value) return { verdict: 'unsat', size, nodes, pivots: s.pivots };
  const values = s.concrete(script.reals.length);
  const model: Assignment = {
    booleans: new Map([...enc.booleans].map(([name, v]) => [name, s.values[milp.binary[v]!]!.r.cmp(Q.ONE) === 0])),
    reals: new Map(script.reals.map((x, i) => [x, values[i]!])),
  };
  const bad = firstFalseAssertion(script, model);
  if (bad >= 0) throw new Error(`internal error: the eager model falsifies the assertion on line ${bad}; refusing to report sat`);
  return { verdict: 'sat', model, size, nodes, pivots: s.pivots };
}

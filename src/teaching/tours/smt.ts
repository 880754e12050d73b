import { on, tour } from './define.ts';

/** CDCL and DPLL(T): a conflict and its learnt clause, lazy against eager. */
export const smtTour = tour('SAT and SMT: learning from conflicts', [
  on(
    'smt/instructive-conflict',
    'CDCL decides, propagates, and at a **conflict** analyses why: the implication graph shows which assignments forced the clash.',
    { target: 'Implication graph at the conflict' },
    { view: { ran: true, position: 1_000_000 } },
  ),
  on(
    'smt/instructive-conflict',
    'The cut at the **first UIP** gives the learnt clause, and the solver jumps back over a whole decision level.',
    { target: 'Trail by decision level' },
    { view: { ran: true, position: 8 } },
  ),
  on('smt/pigeonhole-4-3', 'Four pigeons in three holes: each conflict adds a learnt clause, until the empty clause proves it impossible.', { target: 'Clause database' }, { view: { ran: true, position: 1_000_000 } }),
  on(
    'smt/scheduling-theory-conflict',
    '**Lazy** DPLL(T): the SAT engine proposes orders of jobs; the simplex refutes the impossible ones, and each explanation is learnt as a clause.',
    { target: 'Answer' },
    { view: { ran: true } },
  ),
  on(
    'smt/scheduling-theory-conflict',
    'The **eager** approach encodes the whole problem as one MILP (big-M) and solves it by branch and bound: same answer, other work.',
    { target: 'Answer' },
    { config: { theory: 'eager' }, view: { ran: true } },
  ),
]);

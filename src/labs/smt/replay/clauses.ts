import type { SmtTrace } from '../../../engines/smt/api.ts';

/**
 * Every clause of the run by id: the input's (`trace.clauses`), then the learnt clauses and the
 * theory explanations in the order the events created them. A view asks for a reason's literals.
 */
export function clauseIndex(trace: SmtTrace): Map<number, readonly number[]> {
  const index = new Map<number, readonly number[]>();
  for (const c of trace.clauses) index.set(c.id, c.lits);
  for (const e of trace.events) {
    if (e.kind === 'learn' || e.kind === 'theory-conflict') index.set(e.clause, e.lits);
  }
  return index;
}

import { useMemo } from 'react';
import type { SmtTrace } from '../../engines/smt/api.ts';
import { boundsAt } from './replay/bounds.ts';
import { clauseIndex } from './replay/clauses.ts';
import { clauseSeries } from './replay/clauseDb.ts';
import { conflictAt, conflictStarts, listConflicts } from './replay/conflicts.ts';
import { litNamer } from './replay/names.ts';
import { trailAt } from './replay/trail.ts';
import { buildSearchTree } from './replay/tree.ts';

/**
 * Everything the views draw at the Player's position, derived from the recorded trace: what is
 * per-run is computed once, what depends on the position is replayed from the events.
 */
export function useReplay(trace: SmtTrace | undefined, position: number) {
  const run = useMemo(() => {
    if (!trace) return undefined;
    const conflicts = listConflicts(trace.events);
    return {
      name: litNamer(trace),
      clauses: clauseIndex(trace),
      tree: buildSearchTree(trace.events),
      series: clauseSeries(trace.events),
      conflicts,
      starts: conflictStarts(conflicts),
      theoryConflicts: conflicts.filter((c) => c.kind === 'theory'),
    };
  }, [trace]);
  const trail = useMemo(() => (trace ? trailAt(trace.events, position) : []), [trace, position]);
  const bounds = useMemo(() => (trace ? boundsAt(trace.events, trail, position) : []), [trace, trail, position]);
  const conflict = run ? conflictAt(run.conflicts, run.starts, position) : undefined;
  const theoryConflict = run ? [...run.theoryConflicts].reverse().find((c) => c.at <= position) : undefined;
  return { run, trail, bounds, conflict, theoryConflict };
}

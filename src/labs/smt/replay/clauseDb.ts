import type { SmtEvent } from '../../../engines/smt/api.ts';

/**
 * The clause database over the recorded run: after every event, how many learnt clauses (and
 * theory explanation clauses) are alive; where `reduce` deleted some. The chart's series.
 */
export interface ClauseSeries {
  /** Learnt clauses alive after each event. */
  learnt: Int32Array;
  /** Theory explanation clauses added so far (they are kept). */
  explanations: Int32Array;
  /** Each reduction: its event index and how many clauses it removed. */
  reductions: { at: number; removed: number }[];
  peak: number;
}

export function clauseSeries(events: readonly SmtEvent[]): ClauseSeries {
  const learnt = new Int32Array(events.length);
  const explanations = new Int32Array(events.length);
  const reductions: ClauseSeries['reductions'] = [];
  let alive = 0;
  let explained = 0;
  let peak = 0;
  events.forEach((e, i) => {
    if (e.kind === 'learn') alive++;
    else if (e.kind === 'theory-conflict') explained++;
    else if (e.kind === 'reduce') {
      alive = Math.max(0, alive - e.removed.length);
      reductions.push({ at: i, removed: e.removed.length });
    }
    learnt[i] = alive;
    explanations[i] = explained;
    peak = Math.max(peak, alive + explained);
  });
  return { learnt, explanations, reductions, peak };
}

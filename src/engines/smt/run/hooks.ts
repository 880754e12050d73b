import { BudgetExceeded, type RunContext } from '../../contract.ts';
import type { SatStats } from '../api.ts';
import type { SearchHooks } from '../sat/solver.ts';
import { SearchStopped } from '../sat/stop.ts';

/** One formatter for every report: `toLocaleString` builds a new one per call, which at a report every 256 conflicts was a visible share of a run. */
const COUNT = new Intl.NumberFormat('en-US');

/**
 * The solver's view of the run: a step is one propagation or one conflict, spent through
 * `ctx.tick`; a spent budget ends the search with `unknown` instead of failing the run.
 */
export function searchHooks(ctx: RunContext, label: string): SearchHooks {
  return {
    tick(n) {
      try {
        ctx.tick(n);
      } catch (e) {
        if (e instanceof BudgetExceeded) throw new SearchStopped(e.message);
        throw e;
      }
    },
    stop: () => ctx.expired(),
    progress(stats: SatStats) {
      ctx.progress({ done: stats.conflicts, label: `${label}: conflicts`, best: `${COUNT.format(stats.decisions)} decisions, ${COUNT.format(stats.learnt)} learnt` });
    },
  };
}

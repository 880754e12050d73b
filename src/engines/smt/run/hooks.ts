import { BudgetExceeded, type RunContext } from '../../contract.ts';
import type { SatStats } from '../api.ts';
import type { SearchHooks } from '../sat/solver.ts';
import { SearchStopped } from '../sat/stop.ts';

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
      ctx.progress({ done: stats.conflicts, label: `${label}: conflicts`, best: `${stats.decisions.toLocaleString('en-US')} decisions, ${stats.learnt.toLocaleString('en-US')} learnt` });
    },
  };
}

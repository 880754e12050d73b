import type { Budget, Engine, RunContext } from '../contract.ts';
import { runsInPool, searchInParallel } from './search/parallel/pool.ts';
import type { WorkerPool } from './search/parallel/workerPool.ts';
import { inputSplitOptions, searchInputSplitting } from './search/inputSplitting.ts';
import type { SolverRequest } from './config.ts';
import { searchActivationSplitting } from './search/activationSplitting.ts';
import type { SolverProgressDetail, SolverResult } from './result.ts';
import { searchReluplex } from './reluplex/search.ts';
import { emptyStats, type SearchResult } from './search/env.ts';
import { openSession, SNAPSHOT_NODES, type Session } from './session.ts';
import { summarise } from './summary.ts';

/**
 * The solver engine: parses the network and the property, builds the problem in the network's
 * coordinates, runs the chosen procedure, and returns the answer with its search tree and step log.
 * Deterministic given (config, seed) and a step budget; a time budget ends the run with `unknown`.
 * With `pool` (worker threads in the CLI, Web Workers in the browser, kept across runs) and
 * `workers` > 1 in the config, input splitting runs over that many of its workers
 * (search/parallel/pool.ts): the same verdict, other counts.
 */
export function createSolverEngine(pool?: WorkerPool): Engine<SolverRequest, SolverResult, SolverProgressDetail> {
  return {
    run(config, seed, ctx) {
      const session = openSession(config, seed, ctx);
      const workers = config.workers ?? 1;
      if (pool && workers > 1 && runsInPool(session)) return searchInParallel(config, seed, session, { workers, pool, budget: remaining(ctx) });
      return searchAlone(config, session, ctx);
    },
  };
}

/** The engine without a pool: every search on the calling thread. */
export const engine = createSolverEngine();

/** What is left of the run's budget, for the pool's workers. */
const remaining = (ctx: RunContext): Budget => ({ maxSteps: ctx.budget.maxSteps - ctx.steps(), maxMillis: ctx.budget.maxMillis - ctx.elapsed() });

function searchAlone(config: SolverRequest, session: Session, ctx: RunContext<SolverProgressDetail>): SolverResult {
  const { env, problem, strategy, tree, events, details } = session;
  let outcome: SearchResult;
  if (problem.cases.length === 0) {
    outcome = { verdict: 'holds', stats: { ...emptyStats(), covered: 1 } };
  } else if (strategy === 'reluplex') {
    outcome = searchReluplex(env, { splitThreshold: config.splitThreshold, tightening: config.tightening, attack: config.attack });
  } else if (strategy === 'bab') {
    outcome = searchActivationSplitting(env, { attack: config.attack, restarts: 1, branching: 'fsb' });
  } else {
    outcome = searchInputSplitting(env, inputSplitOptions(strategy, config.attack));
  }
  // The last word for the progress bar (the run context delivers it even inside the throttle).
  ctx.progress({ done: outcome.stats.nodes, label: 'nodes', best: outcome.verdict, detail: { tree: tree.snapshot(SNAPSHOT_NODES), covered: tree.coveredOf(0) } satisfies SolverProgressDetail });
  const summary = summarise(config, session, outcome, session.checkpoints());
  return { summary, trace: { tree: tree.finish(), events: events.finish(), details: details.finish(), ...(outcome.variables ? { variables: outcome.variables } : {}) } };
}

import type { RunContext } from '../contract.ts';
import { mulberry32 } from '../random.ts';
import { AUTO_INPUT_LIMIT, type SolverRequest, type Strategy } from './config.ts';
import { loadNetwork } from './formats/load.ts';
import { parseVnnlib } from './formats/vnnlib.ts';
import type { NetworkModel } from './model/network.ts';
import { buildProblem, type Problem } from './model/problem.ts';
import type { Spec } from './model/spec.ts';
import type { SolverProgressDetail } from './result.ts';
import { certifyCounterexample, toUserUnits } from './search/certification.ts';
import type { SearchEnv, StopReason } from './search/env.ts';
import { DetailRecorder } from './trace/details.ts';
import { EventLog } from './trace/events.ts';
import { TreeRecorder } from './trace/tree.ts';
import { BudgetExceeded, InputError } from '../contract.ts';

/** Nodes kept in the recorded tree; the search goes on past this, counting. */
const TREE_LIMIT = 250_000;
const EVENT_DETAIL_LIMIT = 400_000;
const EVENT_LIMIT = 1_500_000;
export const SNAPSHOT_NODES = 2_000;
const PROGRESS_MS = 100;

/**
 * One solver run's setting: the parsed network and property, the problem in the network's
 * coordinates, the recorders, and the search environment over the run's budget. The engine opens
 * one per run; each thread of a parallel search opens its own over the same request.
 */
export interface Session {
  model: NetworkModel;
  spec: Spec;
  problem: Problem;
  strategy: Exclude<Strategy, 'auto'>;
  tree: TreeRecorder;
  events: EventLog;
  details: DetailRecorder;
  env: SearchEnv;
  /** Budget checks made so far (a replay of a timed-out run stops at the same one). */
  checkpoints(): number;
}

/**
 * `listened`: whether anyone reads the run's progress. A pool's worker has no listener (its
 * coordinator reports), so it skips the tree snapshot a report takes (2,000 nodes every 100 ms).
 */
export function openSession(config: SolverRequest, seed: number, ctx: RunContext, listened = true): Session {
  if (!(config.timeoutSeconds > 0)) throw new InputError('the timeout must be a positive number of seconds');
  const model = loadNetwork(config.network, config.networkData);
  const spec = parseVnnlib(config.property);
  const problem = buildProblem(model, spec, config.units);
  const net = model.network;
  const tree = new TreeRecorder(TREE_LIMIT);
  const events = new EventLog(EVENT_DETAIL_LIMIT, EVENT_LIMIT);
  const details = new DetailRecorder(net);
  const deadline = Math.min(config.timeoutSeconds * 1000, ctx.budget.maxMillis);
  let exhausted: StopReason | undefined;
  let checkpoints = 0;
  let lastReport = -Infinity;
  const env: SearchEnv = {
    problem,
    tree,
    events,
    details,
    stop: () => {
      if (exhausted) return exhausted;
      checkpoints++;
      if (config.stopAtCheckpoint !== undefined ? checkpoints >= config.stopAtCheckpoint : ctx.elapsed() >= deadline) exhausted = 'time';
      else if (ctx.steps() >= ctx.budget.maxSteps) exhausted = 'steps';
      return exhausted;
    },
    spend: (n) => spend(ctx, n, (reason) => (exhausted = reason)),
    report: (done, label, note) => {
      if (!listened) return;
      const now = ctx.elapsed();
      if (now - lastReport < PROGRESS_MS) return;
      lastReport = now;
      const detail: SolverProgressDetail = { tree: tree.snapshot(SNAPSHOT_NODES), covered: tree.coveredOf(0) };
      ctx.progress({ done, label, best: note, detail });
    },
    check: (caseIndex, raw) => certifyCounterexample(model, spec, config.units, caseIndex, toUserUnits(model, spec, config.units, caseIndex, raw)),
    random: mulberry32(seed),
  };
  const strategy = config.strategy !== 'auto' ? config.strategy : net.inputSize <= AUTO_INPUT_LIMIT ? 'symbolic' : 'bab';
  return { model, spec, problem, strategy, tree, events, details, env, checkpoints: () => checkpoints };
}

function spend(ctx: RunContext, n: number, onStop: (reason: StopReason) => void): void {
  try {
    ctx.tick(n);
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    onStop(e.budget === 'time' ? 'time' : 'steps');
  }
}

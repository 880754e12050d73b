import { BudgetExceeded, InputError, type Engine, type RunContext } from '../contract.ts';
import { searchInputSplitting } from './search/inputSplitting.ts';
import { certifyCounterexample, toUserUnits } from './search/certification.ts';
import { AUTO_INPUT_LIMIT, type SolverRequest, type Strategy } from './config.ts';
import { searchActivationSplitting } from './search/activationSplitting.ts';
import { DetailRecorder } from './trace/details.ts';
import { EventLog } from './trace/events.ts';
import { loadNetwork } from './formats/load.ts';
import { countNonlinear } from './model/network.ts';
import { buildProblem } from './model/problem.ts';
import { mulberry32 } from '../random.ts';
import type { SolverProgressDetail, SolverResult, SolverSummary } from './result.ts';
import { searchReluplex } from './reluplex/search.ts';
import { emptyStats, type SearchEnv, type SearchResult, type StopReason } from './search/env.ts';
import { TreeRecorder } from './trace/tree.ts';
import { parseVnnlib } from './formats/vnnlib.ts';

/** Nodes kept in the recorded tree; the search goes on past this, counting. */
const TREE_LIMIT = 250_000;
const EVENT_DETAIL_LIMIT = 400_000;
const EVENT_LIMIT = 1_500_000;
const SNAPSHOT_NODES = 2_000;
const PROGRESS_MS = 100;

/**
 * The solver engine: parses the network and the property, builds the problem in the network's
 * coordinates, runs the chosen procedure, and returns the answer with its search tree and step log.
 * Deterministic given (config, seed) and a step budget; a time budget ends the run with `unknown`.
 */
export const engine: Engine<SolverRequest, SolverResult, SolverProgressDetail> = {
  run(config, seed, ctx) {
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
    const random = mulberry32(seed);
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
        const now = ctx.elapsed();
        if (now - lastReport < PROGRESS_MS) return;
        lastReport = now;
        const detail: SolverProgressDetail = { tree: tree.snapshot(SNAPSHOT_NODES), covered: tree.coveredOf(0) };
        ctx.progress({ done, label, best: note, detail });
      },
      check: (caseIndex, raw) => certifyCounterexample(model, spec, config.units, caseIndex, toUserUnits(model, spec, config.units, caseIndex, raw)),
      random,
    };

    const strategy: Exclude<Strategy, 'auto'> = config.strategy !== 'auto' ? config.strategy : net.inputSize <= AUTO_INPUT_LIMIT ? 'symbolic' : 'bab';
    let outcome: SearchResult;
    if (problem.cases.length === 0) {
      outcome = { verdict: 'holds', stats: { ...emptyStats(), covered: 1 } };
    } else if (strategy === 'reluplex') {
      outcome = searchReluplex(env, { splitThreshold: config.splitThreshold, tightening: config.tightening });
    } else if (strategy === 'bab') {
      outcome = searchActivationSplitting(env, { attack: config.attack, restarts: 1, branching: 'fsb' });
    } else {
      outcome = searchInputSplitting(env, { bounds: strategy, attack: config.attack, restarts: 32, maxDepth: 400 });
    }
    // The last word for the progress bar (the run context delivers it even inside the throttle).
    ctx.progress({ done: outcome.stats.nodes, label: 'nodes', best: outcome.verdict, detail: { tree: tree.snapshot(SNAPSHOT_NODES), covered: tree.coveredOf(0) } satisfies SolverProgressDetail });
    const summary: SolverSummary = {
      verdict: outcome.verdict,
      strategy,
      explanation: `${config.strategy === 'auto' ? `${strategyName[strategy]}, chosen for ${net.inputSize} input${net.inputSize === 1 ? '' : 's'}. ` : ''}${explain(outcome, problem.cases.length)}`,
      network: {
        name: model.name,
        sizes: [net.inputSize, ...net.layers.map((l) => l.outSize)],
        nonlinear: countNonlinear(net),
        activations: net.layers.map((l) => l.activation),
      },
      property: { cases: problem.cases.length, units: config.units, inputNames: model.inputNames, outputNames: model.outputNames },
      stats: outcome.stats,
      checkpoints,
    };
    if (outcome.stopped) summary.stopped = outcome.stopped;
    if (config.strategy === 'auto') summary.chosen = 'auto';
    const cex = outcome.counterexample;
    if (cex) {
      summary.counterexample = {
        caseIndex: cex.caseIndex,
        input: Array.from(cex.input),
        outputs: Array.from(cex.outputs),
        advisory: model.outputNames[cex.advisory] ?? `output ${cex.advisory}`,
        margin: cex.margin,
      };
    }
    return { summary, trace: { tree: tree.finish(), events: events.finish(), details: details.finish(), ...(outcome.variables ? { variables: outcome.variables } : {}) } };
  },
};

const strategyName: Record<Exclude<Strategy, 'auto'>, string> = {
  symbolic: 'Input splitting with symbolic bounds',
  interval: 'Input splitting with interval bounds',
  bab: 'Branch and bound on ReLU activations',
  reluplex: 'Reluplex',
};

function spend(ctx: RunContext, n: number, onStop: (reason: StopReason) => void): void {
  try {
    ctx.tick(n);
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    onStop(e.budget === 'time' ? 'time' : 'steps');
  }
}

function explain(outcome: SearchResult, cases: number): string {
  const s = outcome.stats;
  const pct = `${(100 * s.covered).toFixed(s.covered > 0.999 && s.covered < 1 ? 3 : 1)}%`;
  switch (outcome.verdict) {
    case 'holds':
      return cases === 0
        ? 'The unsafe region is empty: every case of the property is contradictory.'
        : `Every part of the search space was closed by sound bounds${s.infeasibleLeaves > 0 ? ' or a checked infeasibility certificate' : ''}: no input in the box reaches the unsafe region.${s.spurious > 0 ? ` On the way, ${s.spurious} counterexample${s.spurious === 1 ? '' : 's'} of the piecewise-linear over-approximation proved spurious for the real network and were refined away.` : ''}`;
    case 'violated':
      return 'A concrete input in the box reaches the unsafe region; it was re-evaluated on the network with interval arithmetic and the violation is certain.';
    case 'unknown': {
      const why: Record<StopReason, string> = {
        time: 'The time budget ran out',
        steps: 'The step budget ran out',
        precision: 'Some boxes became too small to split further without deciding',
        spurious: 'The relaxation produced counterexamples that are spurious for the real network',
      };
      const spurious = s.spurious > 0 ? ` ${s.spurious} candidate${s.spurious === 1 ? ' was' : 's were'} spurious: they satisfy the piecewise-linear over-approximation but not the real network.` : '';
      return `${why[outcome.stopped ?? 'steps']} with ${pct} of the search space verified and no counterexample found.${spurious}`;
    }
  }
}

import type { SolverRequest, Strategy } from './config.ts';
import { countNonlinear } from './model/network.ts';
import type { SolverSummary } from './result.ts';
import type { SearchResult, StopReason } from './search/env.ts';
import type { Session } from './session.ts';

/** The run's answer as the CLI prints it and the views show it, from a search's outcome. */
export function summarise(config: SolverRequest, session: Pick<Session, 'model' | 'problem' | 'strategy'>, outcome: SearchResult, checkpoints: number): SolverSummary {
  const { model, problem, strategy } = session;
  const net = model.network;
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
  return summary;
}

const strategyName: Record<Exclude<Strategy, 'auto'>, string> = {
  symbolic: 'Input splitting with symbolic bounds',
  interval: 'Input splitting with interval bounds',
  bab: 'Branch and bound on ReLU activations',
  reluplex: 'Reluplex',
};

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

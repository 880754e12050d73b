import { InputError, type Engine, type RunContext } from '../contract.ts';
import { applyVariant, configProblem, type DynamoConfig } from './config.ts';
import type { Metrics } from './measure/metrics.ts';
import { dynamoProtocol } from './protocol.ts';
import type { Ring } from './ring/ring.ts';
import type { AppliedFailure } from './concerns.ts';
import { Simulation } from './simulation.ts';
import { summarize, variantResult, type DynamoSummary } from './measure/summary.ts';
import type { LatticeStateRecord, TraceEvents, VersionRecord } from './measure/traceRecorder.ts';
import { workProblem } from './sim/workEstimate.ts';

/** What the views replay: a bounded window of events, and whole-run series in time buckets. */
export interface DynamoTrace {
  /** Nodes that ever exist (initial plus added) and clients; endpoint ids ≥ nodes are clients. */
  nodes: number;
  initialNodes: number;
  clients: number;
  endTime: number;
  events: TraceEvents;
  versions: VersionRecord[];
  /** Lattice values: each change of a replica's state, and the join that made it (empty under vector clocks). */
  latticeStates: LatticeStateRecord[];
  /** Every ring version, with the time it was created. */
  rings: Ring[];
  ringTimes: number[];
  failures: AppliedFailure[];
  series: Series;
}

export type Series = Pick<
  Metrics,
  | 'buckets'
  | 'bucketMs'
  | 'outcomes'
  | 'latencyHist'
  | 'versionsHist'
  | 'ageHist'
  | 'visEdges'
  | 'visReads'
  | 'visFresh'
  | 'load'
  | 'coordinated'
  | 'hints'
  | 'divergent'
  | 'messages'
  | 'dropped'
  | 'aeCompared'
  | 'aeKeys'
  | 'moved'
  | 'handedOff'
  | 'repairs'
>;

export interface DynamoResult {
  summary: DynamoSummary;
  trace: DynamoTrace;
}

function simulate(config: DynamoConfig, seed: number, ctx: RunContext, progress: (done: number) => void): Simulation {
  const sim = new Simulation(config, seed, dynamoProtocol);
  sim.run(ctx, progress);
  return sim;
}

function series(m: Metrics): Series {
  const { buckets, bucketMs, outcomes, latencyHist, versionsHist, ageHist, visEdges, visReads, visFresh, load, coordinated, hints } = m;
  const { divergent, messages, dropped, aeCompared, aeKeys, moved, handedOff, repairs } = m;
  return {
    buckets, bucketMs, outcomes, latencyHist, versionsHist, ageHist, visEdges, visReads, visFresh, load, coordinated, hints,
    divergent, messages, dropped, aeCompared, aeKeys, moved, handedOff, repairs,
  };
}

/**
 * The Dynamo engine: a discrete-event simulation of a Dynamo cluster (DeCandia et al., SOSP'07),
 * deterministic given the scenario and the seed. Variants run after the base, on the same seed,
 * hence on the same workload.
 */
export const engine: Engine<DynamoConfig, DynamoResult> = {
  run(config, seed, ctx) {
    const problem = configProblem(config);
    if (problem) throw new InputError(problem);
    const work = workProblem(config, ctx.budget.maxSteps);
    if (work) throw new InputError(work);
    const runs = 1 + config.compare.length;
    let offset = 0;
    let perRun = 0;
    const report = (done: number) =>
      ctx.progress({ done: offset + done, total: perRun * runs, label: runs > 1 ? `operations (${runs} runs)` : 'operations' });
    const base = new Simulation(config, seed, dynamoProtocol);
    perRun = base.workload.count;
    base.run(ctx, report);
    const summary = summarize(base, true, seed);
    config.compare.forEach((variant, i) => {
      offset = perRun * (i + 1);
      const sim = simulate(applyVariant(config, variant.set), seed, ctx, report);
      summary.variants.push(variantResult(variant.label, variant.set, summarize(sim, false, seed)));
    });
    const ringTimes = base.rings.map((r) => (r.version === 0 ? 0 : (base.applied.find((f) => f.ring === r.version)?.at ?? 0)));
    return {
      summary,
      trace: {
        nodes: base.M,
        initialNodes: config.cluster.nodes,
        clients: base.C,
        endTime: base.endTime,
        events: base.trace.events(),
        versions: base.trace.keptVersions(),
        latticeStates: base.trace.keptLatticeStates(),
        rings: base.rings,
        ringTimes,
        failures: base.applied,
        series: series(base.metrics),
      },
    };
  },
};

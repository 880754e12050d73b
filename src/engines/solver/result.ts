import type { Strategy } from './config.ts';
import type { DetailData } from './trace/details.ts';
import type { EventData } from './trace/events.ts';
import type { Units } from './model/problem.ts';
import type { SearchStats, StopReason } from './search/env.ts';
import type { TreeData } from './trace/tree.ts';

/** What a solver run answers (the CLI prints it; the views show it). */
export interface SolverSummary {
  verdict: 'holds' | 'violated' | 'unknown';
  /** The procedure that ran (never `auto`: the choice it made). */
  strategy: Strategy;
  /** Set when the strategy was chosen automatically, by the number of inputs. */
  chosen?: 'auto';
  /** Why the answer is unknown, or a remark on how it was reached. */
  stopped?: StopReason;
  explanation: string;
  network: { name: string; sizes: number[]; nonlinear: number; activations: string[] };
  property: { cases: number; units: Units; inputNames: string[]; outputNames: string[] };
  counterexample?: {
    caseIndex: number;
    /** In the property's units (original units for an .nnet network and a built-in property). */
    input: number[];
    outputs: number[];
    advisory: string;
    /** Certified slack of the violated constraints (≥ 0). */
    margin: number;
  };
  /** Counts only: wall-clock time is the run's (RunOutcome.elapsedMs), so equal runs give equal summaries. */
  stats: SearchStats;
  /** Budget checks made; a replay of a run that ran out of time stops at the same one. */
  checkpoints: number;
  /**
   * A parallel search's workers (search/parallel/pool.ts), in order: boxes each bounded, and open
   * boxes each gave to the pool and took from it. The verdict does not depend on the schedule;
   * these counts, the other stats and which counterexample is found do.
   */
  workers?: WorkerReport[];
}

export interface WorkerReport {
  nodes: number;
  given: number;
  taken: number;
}

/** The variables of the Reluplex encoding, so the step log can name them. */
export interface VariableTable {
  /** 0 input, 1 pre-activation b, 2 post-activation f, 3 aux (f − b ≥ 0), 4 output constraint row, 5 upper (f − λ·b, the triangle's upper side). */
  role: Uint8Array;
  /** Layer (for b, f, aux, upper) or constraint index (role 4), and neuron within the layer (or input index). */
  layer: Int16Array;
  index: Int32Array;
}

export interface SolverTrace {
  tree: TreeData;
  events: EventData;
  details: DetailData;
  variables?: VariableTable;
}

export interface SolverResult {
  summary: SolverSummary;
  trace: SolverTrace;
}

/** What streams while a run goes, for the live tree. */
export interface SolverProgressDetail {
  tree: TreeData;
  covered: number;
}

import type { CheckedCounterexample } from './certification.ts';
import type { DetailRecorder } from '../trace/details.ts';
import type { EventLog } from '../trace/events.ts';
import type { Problem } from '../model/problem.ts';
import type { VariableTable } from '../result.ts';
import type { TreeRecorder } from '../trace/tree.ts';

/** Why a search stopped before deciding. */
export type StopReason = 'time' | 'steps' | 'precision' | 'spurious';

/** What a search procedure gets from the engine: the problem, the recorders, the budget, the checker. */
export interface SearchEnv {
  problem: Problem;
  tree: TreeRecorder;
  events: EventLog;
  details: DetailRecorder;
  /** A reason to stop now, if the budget is spent. */
  stop(): StopReason | undefined;
  /** Spends n units of the step budget. */
  spend(n: number): void;
  /** Reports progress (the engine throttles and adds a tree snapshot). */
  report(done: number, label: string, note: string): void;
  /** Certifies a point of the network's input space as a counterexample of case `caseIndex`. */
  check(caseIndex: number, raw: Float64Array): CheckedCounterexample | undefined;
  random(): number;
}

export interface SearchStats {
  /** Nodes visited (domains bounded, or simplex calls). */
  nodes: number;
  splits: number;
  maxDepth: number;
  /** Bound propagations performed. */
  boundComputations: number;
  pivots: number;
  updates: number;
  /** Leaves closed by bounds, infeasible by the simplex, left open. */
  verifiedLeaves: number;
  infeasibleLeaves: number;
  openLeaves: number;
  spurious: number;
  /** Fraction of the search space closed (input volume, or 2^-depth shares for phase splits). */
  covered: number;
  /** Certificates that failed their check (the node was then split further instead of closed). */
  rejectedCertificates: number;
}

export interface SearchResult {
  verdict: 'holds' | 'violated' | 'unknown';
  counterexample?: CheckedCounterexample;
  stopped?: StopReason;
  stats: SearchStats;
  /** The Reluplex encoding's variables, for naming them in the step log. */
  variables?: VariableTable;
}

export const emptyStats = (): SearchStats => ({
  nodes: 0,
  splits: 0,
  maxDepth: 0,
  boundComputations: 0,
  pivots: 0,
  updates: 0,
  verifiedLeaves: 0,
  infeasibleLeaves: 0,
  openLeaves: 0,
  spurious: 0,
  covered: 0,
  rejectedCertificates: 0,
});

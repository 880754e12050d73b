import type { Budget } from '../../../contract.ts';
import type { SolverRequest } from '../../config.ts';
import type { SearchResult } from '../env.ts';
import type { Leaf } from './leaf.ts';

/**
 * The pool's protocol. The coordinator starts each worker over the same request with a flag of
 * its own (a SharedArrayBuffer: the worker's search is synchronous, so a steal request must be
 * readable without a message) and sends it leaves; the worker answers with the leaves it gives
 * up when its flag is raised, and with its result whenever its frontier is empty. Every 'work'
 * gets exactly one reply ('idle', 'released' or 'error'; a failed 'start' is reported on the work
 * that follows it), so a thread reused by the next run (workerPool.ts) knows which messages are stale.
 */
export type ToWorker =
  | { type: 'start'; request: SolverRequest; seed: number; budget: Budget; flag: SharedArrayBuffer }
  | { type: 'work'; leaves: Leaf[]; attack: boolean };

export type FromWorker =
  | { type: 'stolen'; leaves: Leaf[] }
  /** The worker's frontier is empty; `result` counts everything it has searched so far. */
  | { type: 'idle'; result: SearchResult; checkpoints: number }
  /** The run let go of this worker (its flag read RELEASED): the search was abandoned, nothing to report. */
  | { type: 'released' }
  | { type: 'error'; message: string };

/** The flag's values: 1 while the coordinator wants half of the worker's open leaves, 2 once the run has ended without it. */
export const STEAL_WANTED = 1;
export const STEAL_NONE = 0;
export const RELEASED = 2;

/** A worker as the coordinator drives it: a Web Worker or a node worker thread behind the same few calls. */
export interface PoolThread {
  post(message: ToWorker): void;
  onMessage(handler: (message: FromWorker) => void): void;
  onError(handler: (error: Error) => void): void;
  terminate(): void;
  /** Whether the thread keeps its host alive (node: ref/unref, so an idle pool lets the CLI exit; a no-op in the browser). */
  keepAlive(alive: boolean): void;
}

/** The worker's end of the same channel. */
export interface PoolWorkerPort {
  post(message: FromWorker): void;
  onMessage(handler: (message: ToWorker) => void): void;
}

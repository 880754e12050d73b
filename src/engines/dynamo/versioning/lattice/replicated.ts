import type { LatticeKind } from '../../config.ts';
import type { Lattice, State } from '../../../lvars/lattice/lattice.ts';

/** What a client does to a replicated value (a workload write). */
export type LatticeOp =
  | { op: 'increment' }
  | { op: 'decrement' }
  | { op: 'add'; item: number }
  | { op: 'remove'; item: number }
  /** A register or user-lattice put: the write's version id (ids grow in real time). */
  | { op: 'put'; id: number };

/**
 * A replicated data type whose states are elements of one of the LVars lab's lattices (a
 * state-based CRDT: Shapiro et al.; "Joining forces", WoDet'14). Replicas merge by the lattice's
 * join alone; an update is an inflation of the state it starts from, computed at the coordinator.
 */
export interface ReplicatedLattice {
  readonly kind: LatticeKind;
  /** The LVars lattice: bottom, join, order. */
  readonly lattice: Lattice;
  /** Shown in the views: `G-counter = Map(MaxNat)`. */
  readonly title: string;
  /** Values are sets of items (adds and removes), not numbers. */
  readonly holdsItems: boolean;
  /**
   * The state after `op`, an inflation of `state` (never below it). `actor` is the endpoint that
   * coordinates the write: a counter's update touches only the actor's own entry, so concurrent
   * increments at different nodes never overwrite each other. `tag` is unique per write (OR-set).
   */
  update(state: State, op: LatticeOp, actor: number, tag: number): State;
  /** What a client reads off a state: a number (counter, register) and the visible items (sets). */
  observe(state: State): Observed;
  /** A scripted threshold read's threshold (`wait` with `item`): value ≥ item, or item present. */
  passes(state: State, item: number): boolean;
}

export interface Observed {
  readonly n: number;
  readonly items: readonly number[];
}

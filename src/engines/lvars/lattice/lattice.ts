import type { Edit } from '../runtime/treeSet.ts';
import { show, valueKey, type Value } from '../runtime/values.ts';
import type { LatticeSpec } from './spec.ts';

/** The top element: an LVar that reaches it is in error (a conflicting put). */
export interface Top {
  readonly tag: 'top';
}
export const TOP: Top = { tag: 'top' };

/** An LVar's contents: a lattice element (represented as a value) or top. */
export type State = Value | Top;

export const isTop = (s: State): s is Top => typeof s === 'object' && s.tag === 'top';
export const stateKey = (s: State): string => (isTop(s) ? '⊤' : valueKey(s));
export const showState = (s: State, names?: (id: string) => string): string => (isTop(s) ? '⊤' : show(s, names));

/** A value that cannot be an element of the lattice it is put into. */
export class LatticeValueError extends Error {}

export interface Lattice {
  readonly spec: LatticeSpec;
  readonly name: string;
  readonly bottom: State;
  /** Least upper bound; TOP when the two are incompatible. */
  join(a: State, b: State): State;
  /**
   * `join` for a walk that never comes back to `a` (random schedules): may change `a` in place when
   * it was made under `edit` (../runtime/treeSet.ts). Only where that saves a copy (sets).
   */
  readonly joinEditing?: (a: State, b: State, edit: Edit) => State;
  /** The lattice order: a ⊑ b iff a ⊔ b = b. */
  leq(a: State, b: State): boolean;
  /** The element a put or a threshold denotes (`bot` inside stands for the relevant bottom). */
  fromValue(v: Value): State;
  /** What freeze and get hand back to the program. */
  toValue(s: State): Value;
  /**
   * The events of an element, for handlers: each element of a set, each key of a map, the value of
   * an IVar, each number up to a counter's value, each component's events of a pair. Undefined when
   * the lattice has no events (a user lattice with neither a carrier nor an events function).
   */
  events(s: State): Value[] | undefined;
  /** The least element that has event `e`: {x} for a set's x, {k: ⊥} for a map's key k (a pair's events are these). */
  eventElement(e: Value): Value;
  /** The whole lattice, when it is finite and declared (drawn as a Hasse diagram). */
  readonly carrier: State[] | undefined;
  /**
   * Joins are known to commute and associate (built-in lattices; user lattices whose laws were
   * checked exhaustively). Only then may the explorer treat two puts as independent.
   */
  readonly lawful: boolean;
}


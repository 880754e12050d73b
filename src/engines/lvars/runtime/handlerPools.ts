import type { Lattice, State } from '../lattice/lattice.ts';
import { Mode, type Thread } from './machine.ts';
import type { Loc } from '../syntax/ast.ts';
import { valueKey, type Closure, type Tuple, type Value } from './values.ts';

/**
 * Handler pools and quiescence (Kuper, Turon, Krishnaswami, Newton, POPL'14, §3: event handlers,
 * `quiesce`, `freezeAfter`). A handler runs its callback once for every event of one LVar (an
 * element, key or value), those present when it is added and those that arrive later, each in a
 * thread of its own in the handler's pool. `quiesce(pool)` waits until no thread of the pool is
 * running, and `freezeAfter` freezes an LVar once its own pool is quiescent.
 */
export interface HandlerCell {
  readonly id: string;
  readonly pool: string;
  readonly lvar: string;
  /**
   * The callback: a closure of the program, or a library handler's one shared operation (a tuple of
   * the operation's name and its first arguments; the event comes last), as cartesianProd's.
   */
  readonly fn: Closure | Tuple;
  /** Where the handler was added (a library handler's threads are shown there). */
  readonly loc: Loc;
  /**
   * An explicit event set (the Redex model's `Q` in `freeze x after Q with f`): the callback runs on
   * each element of it once the LVar is at or above that element, bottom at once. Without one, on
   * the lattice's own events.
   */
  readonly events?: readonly State[];
}

/** No thread of the pool is still running. */
export function quiescent(threads: readonly Thread[], pool: string): boolean {
  return !threads.some((t) => t.pool === pool && t.mode !== Mode.Done);
}

/** The events handler `h` has seen when its LVar is at `state`. */
export function eventsAt(lattice: Lattice, h: HandlerCell, state: State): Value[] {
  if (!h.events) return lattice.events(state) ?? [];
  return h.events.filter((q) => lattice.leq(q, state)).map((q) => lattice.toValue(q));
}

/** The events that a change of an LVar's state from `before` to `after` adds (what handler `h` runs on). */
export function newEvents(lattice: Lattice, h: HandlerCell, before: State, after: State): Value[] {
  if (h.events) return h.events.filter((q) => lattice.leq(q, after) && !lattice.leq(q, before)).map((q) => lattice.toValue(q));
  const old = new Set((lattice.events(before) ?? []).map(valueKey));
  return (lattice.events(after) ?? []).filter((e) => !old.has(valueKey(e)));
}

/** The thread that runs a handler on one event: named after both, so schedules name it the same way. */
export const handlerThreadId = (h: HandlerCell, event: Value): string => `${h.id}(${valueKey(event)})`;

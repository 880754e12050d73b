import type { Lattice, State } from '../lattice/lattice.ts';
import { Mode, type Thread } from './machine.ts';
import { valueKey, type Closure, type Value } from './values.ts';

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
  readonly fn: Closure;
}

/** No thread of the pool is still running. */
export function quiescent(threads: readonly Thread[], pool: string): boolean {
  return !threads.some((t) => t.pool === pool && t.mode !== Mode.Done);
}

/** The events that a change of an LVar's state from `before` to `after` adds (what its handlers run on). */
export function newEvents(lattice: Lattice, before: State, after: State): Value[] {
  const old = new Set((lattice.events(before) ?? []).map(valueKey));
  return (lattice.events(after) ?? []).filter((e) => !old.has(valueKey(e)));
}

/** The thread that runs a handler on one event: named after both, so schedules name it the same way. */
export const handlerThreadId = (h: HandlerCell, event: Value): string => `${h.id}(${valueKey(event)})`;

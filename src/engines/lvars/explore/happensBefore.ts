import { stateKey } from '../lattice/lattice.ts';
import { Mode } from '../runtime/machine.ts';
import { valueKey, type Handle } from '../runtime/values.ts';
import type { Config, LVarCell, World } from '../runtime/world.ts';
import { footprint, reads, sameChange, type Footprint } from './independence.ts';

/**
 * The events of one execution and their happens-before order, for dynamic partial-order reduction
 * (Abdulla, Aronis, Jonsson, Sagonas, POPL'14). Happens-before is kept as vector clocks: an event's
 * clock counts, per thread, the events of that thread that happen before it (itself included).
 *
 * The dependence relation is LVars' own, and it is conditional on the execution (the paper allows
 * this: it needs only that swapping two adjacent independent events gives an equivalent execution):
 * - two puts to one LVar commute (join is commutative and associative);
 * - a threshold get is independent of an earlier put or freeze when the get would already have
 *   returned the same threshold in the state just before that put: thresholds stay met, so it may
 *   move before it; otherwise the put (or freeze) enabled it;
 * - a get is independent of later puts and freezes (its threshold stays met, its answer is unique);
 * - freeze does not commute with puts to the same LVar, nor writes of refs with anything on the ref;
 * - handler pools, quiesce and freezeAfter depend on which handler threads run: dependent on everything.
 */

export type Clock = ReadonlyMap<string, number>;

export interface Event {
  readonly thread: string;
  /** This event's number among its thread's events, from 1. */
  readonly local: number;
  clock: Clock;
  readonly footprint: Footprint;
  /** The configuration the event was taken from (the thread is poised at it there). */
  readonly before: Config;
}

/** `e` happens before (or is) the event whose clock is `c`. */
export const precedes = (e: Event, c: Clock): boolean => (c.get(e.thread) ?? 0) >= e.local;

export function joinClocks(a: Clock, b: Clock): Map<string, number> {
  const out = new Map(a);
  for (const [t, n] of b) if ((out.get(t) ?? 0) < n) out.set(t, n);
  return out;
}

/**
 * The footprint of thread `thread`'s step from `before` to `after`: the shared operation's, plus the
 * future its thread writes when the step ends it (an `await` on it reads that future).
 */
export function stepFootprint(before: Config, after: Config, thread: string): Footprint {
  const f = footprint(before, thread);
  if (f.global) return f;
  const t = before.threads.find((x) => x.id === thread)!;
  const accesses = [...f.accesses];
  if (t.pending!.op === 'await') accesses.push({ loc: `future:${(t.pending!.args[0] as Handle).id}`, mode: 'write' });
  if (before.futures.has(thread) && before.futures.get(thread) === undefined && after.futures.get(thread) !== undefined) accesses.push({ loc: `future:${thread}`, mode: 'write' });
  return { global: false, accesses };
}

/**
 * What a get-like step returns from `config` when its LVar is replaced by `cell` (undefined when
 * it would block there), as a key: the test of the conditional independence above.
 */
function answerWith(world: World, config: Config, thread: string, cell: LVarCell | undefined): string | undefined {
  const c = cell ? { ...config, lvars: new Map(config.lvars).set(cell.id, cell) } : config;
  if (!world.runnable(c).includes(thread)) return undefined;
  const p = c.threads.find((t) => t.id === thread && t.mode === Mode.Poised)!.pending!;
  if (p.op === 'get/1') return stateKey(c.lvars.get((p.args[0] as Handle).id)!.state);
  const v = world.reachedThreshold(c, p);
  return v === undefined ? undefined : valueKey(v);
}

/** A get `later` on an LVar that `earlier` changed: could it have been taken before `earlier`, with the same answer? */
function getMovesBefore(world: World, earlier: Event, later: Event, lvar: string): boolean {
  const answer = answerWith(world, later.before, later.thread, undefined);
  return answer !== undefined && answerWith(world, later.before, later.thread, earlier.before.lvars.get(lvar)) === answer;
}

/** Does `later` depend on `earlier` (taken before it in this execution, by another thread)? */
export function dependent(world: World, earlier: Event, later: Event): boolean {
  const a = earlier.footprint;
  const b = later.footprint;
  if (a.global || b.global) return true;
  for (const x of a.accesses)
    for (const y of b.accesses) {
      if (x.loc !== y.loc) continue;
      if (x.mode === 'write' || y.mode === 'write') return true;
      if (reads(y)) {
        if (!reads(x) && !getMovesBefore(world, earlier, later, x.loc)) return true;
      } else if (!reads(x) && !sameChange(x, y)) return true;
    }
  return false;
}

/**
 * The races of a new event `e` (its clock not yet set) with the events before it, given the
 * clock of its thread so far: the earlier events it depends on that do not already happen before
 * it through other events. Latest first, each joined into the clock as it is found (so a race is
 * "immediate" in the paper's sense); returns them and sets `e.clock`.
 */
export function racesOf(world: World, events: readonly Event[], e: Event, threadClock: Clock): number[] {
  let clock = new Map(threadClock);
  const races: number[] = [];
  for (let j = events.length - 1; j >= 0; j--) {
    const x = events[j]!;
    if (x.thread === e.thread || precedes(x, clock) || !dependent(world, x, e)) continue;
    races.push(j);
    clock = joinClocks(clock, x.clock);
  }
  clock.set(e.thread, e.local);
  e.clock = clock;
  return races;
}

/**
 * The paper's I_[E'](v) for v = notdep(e_j, E).e: the threads that can start v, that is whose
 * first event in v has no happens-before predecessor in v. Here `events` is E, `j` the race's
 * first event and `e` the new event that races with it.
 */
export function initials(events: readonly Event[], j: number, e: Event): string[] {
  const first = events[j]!;
  const v = events.slice(j + 1).filter((x) => !precedes(first, x.clock));
  v.push(e);
  const seen = new Set<string>();
  const out: string[] = [];
  v.forEach((x, k) => {
    if (seen.has(x.thread)) return;
    seen.add(x.thread);
    if (!v.slice(0, k).some((w) => precedes(w, x.clock))) out.push(x.thread);
  });
  return out;
}

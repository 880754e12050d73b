import type { Scenario } from '../scenario/types.ts';

/**
 * Safe boot. A start that froze or crashed the page (saved work too heavy to show, say) must not
 * do it again at every later visit. Each boot sets a marker in localStorage before the lab shows
 * the work it opens, beats it (writes the time) while the page answers, and clears it once the
 * page has kept its timers on time for a few seconds. A boot that finds a marker whose beat has
 * stopped knows the last one never got there: it opens the work without running it, says so, and
 * offers to run it. A marker that still beats is another tab starting up at the same time (two
 * links opened together), not a freeze.
 */
export const BOOTING_KEY = 'latticework.booting';
/** How long the page must keep answering before a boot counts as finished. */
export const RESPONSIVE_MS = 3000;
const TICK_MS = 250;
/** A timer this late means the main thread was blocked: the count starts again. */
const LATE_MS = 1000;
/** A marker not beaten for this long belongs to a page that froze, crashed or went away unfinished. */
export const STALE_MS = 2000;

const beat = (store: Storage, wallClock: () => number) => store.setItem(BOOTING_KEY, JSON.stringify({ beat: wallClock() }));

/** When the marker was last beaten (epoch ms), or −∞ for a marker of another shape. */
function lastBeat(text: string): number {
  try {
    const value = JSON.parse(text) as { beat?: unknown };
    return typeof value.beat === 'number' ? value.beat : -Infinity;
  } catch {
    return -Infinity;
  }
}

/** Sets the marker; returns true when a previous boot never finished (its marker is there and no longer beats). */
export function beginBoot(store: Storage | undefined, wallClock: () => number = Date.now): boolean {
  if (!store) return false;
  try {
    const previous = store.getItem(BOOTING_KEY);
    const unfinished = previous !== null && wallClock() - lastBeat(previous) > STALE_MS;
    beat(store, wallClock);
    return unfinished;
  } catch {
    return false;
  }
}

/**
 * Clears the marker once timers have fired on time for RESPONSIVE_MS, or when the page goes away
 * normally (a reload or a link opened a second after the start is not a freeze; a frozen or
 * crashed page fires no `pagehide`). Returns a function that stops watching.
 */
export function watchBoot(
  store: Storage,
  now: () => number = () => performance.now(),
  page: EventTarget | undefined = globalThis.window,
  wallClock: () => number = Date.now,
): () => void {
  let last = now();
  let calm = 0;
  let timer: ReturnType<typeof setTimeout>;
  const finish = () => {
    clearTimeout(timer);
    page?.removeEventListener('pagehide', finish);
    try {
      store.removeItem(BOOTING_KEY);
    } catch {
      // Storage went away: the next boot will simply not find the marker either way.
    }
  };
  const tick = () => {
    const t = now();
    calm = t - last > LATE_MS ? 0 : calm + (t - last);
    last = t;
    if (calm >= RESPONSIVE_MS) return finish();
    try {
      beat(store, wallClock);
    } catch {
      // Storage went away: nothing to beat.
    }
    timer = setTimeout(tick, TICK_MS);
  };
  timer = setTimeout(tick, TICK_MS);
  page?.addEventListener('pagehide', finish);
  return () => {
    clearTimeout(timer);
    page?.removeEventListener('pagehide', finish);
  };
}

/** The scenario with its lab's "run on open" flag (`view.ran`, every lab has it) turned off; the same object when it was off. */
export function withoutRun(scenario: Scenario): Scenario {
  const view = scenario.view as { ran?: unknown } | null;
  if (typeof view !== 'object' || view === null || view.ran !== true) return scenario;
  return { ...scenario, view: { ...view, ran: false } };
}

import type { Scenario } from '../scenario/types.ts';

/**
 * Safe boot. A start that froze or crashed the page (saved work too heavy to show, say) must not
 * do it again at every later visit. Each boot sets a marker in localStorage before the lab shows
 * the work it opens, and clears it once the page has kept its timers on time for a few seconds.
 * A boot that finds the marker still set knows the last one never got there: it opens the work
 * without running it, says so, and offers to run it.
 */
export const BOOTING_KEY = 'latticework.booting';
/** How long the page must keep answering before a boot counts as finished. */
export const RESPONSIVE_MS = 3000;
const TICK_MS = 250;
/** A timer this late means the main thread was blocked: the count starts again. */
const LATE_MS = 1000;

/** Sets the marker; returns true when the previous boot never finished (its marker is still there). */
export function beginBoot(store: Storage | undefined): boolean {
  if (!store) return false;
  try {
    const unfinished = store.getItem(BOOTING_KEY) !== null;
    store.setItem(BOOTING_KEY, new Date().toISOString());
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
export function watchBoot(store: Storage, now: () => number = () => performance.now(), page: EventTarget | undefined = globalThis.window): () => void {
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
    if (calm >= RESPONSIVE_MS) finish();
    else timer = setTimeout(tick, TICK_MS);
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

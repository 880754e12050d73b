/** Thrown by a search's hooks to stop it cleanly (budget spent); the solvers turn it into `unknown`. */
export class SearchStopped extends Error {
  constructor(readonly why: string) {
    super(why);
  }
}

/** Runs a search; a SearchStopped becomes `{ stopped: why }`, anything else propagates. */
export function untilStopped<T>(run: () => T): { value: T } | { stopped: string } {
  try {
    return { value: run() };
  } catch (e) {
    if (e instanceof SearchStopped) return { stopped: e.why };
    throw e;
  }
}

/**
 * The spend callback for expensive steps (an exact simplex pivot can take milliseconds): a step
 * costs the work it reports (rational operations, 1 when not given), and the clock is read every
 * time, so a time budget is kept to the pivot.
 */
export function pivotSpender(hooks: { tick(n: number): void; stop(): boolean }): (work?: number) => void {
  return (work = 1) => {
    hooks.tick(work);
    if (hooks.stop()) throw new SearchStopped('the time budget is spent during a simplex check');
  };
}

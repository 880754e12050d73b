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

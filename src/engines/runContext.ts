import { BudgetExceeded, type Budget, type Progress, type RunContext } from './contract.ts';

export const DEFAULT_BUDGET: Budget = { maxSteps: 5_000_000_000, maxMillis: 120_000 };
export const PROGRESS_INTERVAL_MS = 100;
/** Steps between clock reads: reading the clock on every step would cost more than the step. */
const CLOCK_STRIDE = 4096;

export interface RunContextHandle<Detail = unknown> extends RunContext<Detail> {
  /** Delivers the last progress report that the throttle held back. */
  flush(): void;
}

export function createRunContext<Detail = unknown>(
  budget: Budget = DEFAULT_BUDGET,
  onProgress: (p: Progress<Detail>) => void = () => {},
  now: () => number = () => performance.now(),
): RunContextHandle<Detail> {
  const start = now();
  let spent = 0;
  let nextClock = CLOCK_STRIDE;
  let lastReport = -Infinity;
  let pending: Progress<Detail> | undefined;

  const checkClock = () => {
    const t = now() - start;
    if (t > budget.maxMillis) throw new BudgetExceeded('time', t);
  };

  return {
    budget,
    tick(n = 1) {
      spent += n;
      if (spent > budget.maxSteps) throw new BudgetExceeded('steps', budget.maxSteps);
      if (spent >= nextClock) {
        nextClock = spent + CLOCK_STRIDE;
        checkClock();
      }
    },
    expired: () => now() - start > budget.maxMillis,
    steps: () => spent,
    elapsed: () => now() - start,
    progress(p) {
      const t = now();
      if (t - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = t;
        pending = undefined;
        onProgress(p);
      } else {
        pending = p;
      }
    },
    flush() {
      if (pending) onProgress(pending);
      pending = undefined;
    },
  };
}

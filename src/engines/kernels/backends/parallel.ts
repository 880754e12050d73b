import type { ParallelPool } from '../api.ts';
import type { Executor } from './compiled.ts';

/**
 * The parallel backend's executor: each loop's range split into `workers` contiguous parts (on
 * multiples of `align`, the reduction block) run by the pool over shared memory; the pool's
 * promise resolving is the barrier before the next step (or the next stencil iteration).
 */
export function poolExecutor(pool: ParallelPool, workers: number): Executor {
  return {
    shared: true,
    async loop(code, buffers, scalars, n, align) {
      const ranges = splitRange(n, workers, align);
      await pool.run({ code, buffers: buffers as SharedArrayBuffer[], scalars: Array.from(scalars) }, ranges);
    },
  };
}

/** [0, n) in at most `parts` contiguous ranges whose inner ends are multiples of `align`. */
export function splitRange(n: number, parts: number, align: number): [number, number][] {
  const units = Math.ceil(n / align);
  const ranges: [number, number][] = [];
  let lo = 0;
  for (let k = 0; k < parts && lo < n; k++) {
    const hi = Math.min(n, Math.round((units * (k + 1)) / parts) * align);
    if (hi > lo) ranges.push([lo, hi]);
    lo = hi;
  }
  return ranges;
}

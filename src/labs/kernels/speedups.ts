import type { BackendId, BackendTiming } from '../../engines/kernels/api.ts';

/**
 * The speed-up chart's data: each backend's time against the naive backend's at the same array
 * size (measured in the same run), by size or by worker count, and the ideal line of linear scaling.
 */
export interface SpeedupPoint {
  x: number;
  speedup: number;
  timing: BackendTiming;
}

export interface SpeedupSeries {
  backend: BackendId;
  points: SpeedupPoint[];
}

const usable = (t: BackendTiming) => t.unavailable === undefined && t.millis > 0 && Number.isFinite(t.millis);

/** The naive backend's median time at each size it ran at. */
export function naiveTimes(timings: readonly BackendTiming[]): Map<number, number> {
  const naive = new Map<number, number>();
  for (const t of timings) if (t.backend === 'naive' && usable(t) && !naive.has(t.size)) naive.set(t.size, t.millis);
  return naive;
}

/** The speed-up of one timing against naive at its size, or undefined when naive did not run there. */
export function speedupOf(t: BackendTiming, naive: Map<number, number>): number | undefined {
  const base = naive.get(t.size);
  return base === undefined || !usable(t) ? undefined : base / t.millis;
}

/** The backends whose loops run on the pool's workers (timed at each worker count). */
export const onWorkers = (b: BackendId): boolean => b === 'parallel' || b === 'wasm';

/** By array size: one series per backend other than naive; parallel and wasm at the scenario's worker count. */
export function bySize(timings: readonly BackendTiming[], workers: number): SpeedupSeries[] {
  const naive = naiveTimes(timings);
  const out: SpeedupSeries[] = [];
  for (const backend of ['fused', 'parallel', 'wasm', 'webgpu'] as const) {
    const points = timings
      .filter((t) => t.backend === backend && (!onWorkers(backend) || t.workers === workers))
      .flatMap((t) => {
        const s = speedupOf(t, naive);
        return s === undefined ? [] : [{ x: t.size, speedup: s, timing: t }];
      })
      .sort((a, b) => a.x - b.x);
    if (points.length > 0) out.push({ backend, points });
  }
  return out;
}

/**
 * By worker count, at one size: the parallel backend, and the ideal line, which scales the fused
 * backend's one-worker speed-up linearly with the workers (or the parallel one's at one worker
 * when fused did not run).
 */
export function byWorkers(timings: readonly BackendTiming[], size: number): { parallel: SpeedupPoint[]; wasm: SpeedupPoint[]; ideal: [number, number][] } {
  const naive = naiveTimes(timings);
  const series = (backend: BackendId) =>
    timings
      .filter((t) => t.backend === backend && t.size === size)
      .flatMap((t) => {
        const s = speedupOf(t, naive);
        return s === undefined ? [] : [{ x: t.workers, speedup: s, timing: t }];
      })
      .sort((a, b) => a.x - b.x);
  const parallel = series('parallel');
  const wasm = series('wasm');
  const fused = timings.find((t) => t.backend === 'fused' && t.size === size && usable(t));
  const base = fused ? speedupOf(fused, naive) : parallel.find((p) => p.x === 1)?.speedup;
  const counts = [...new Set([1, ...parallel.map((p) => p.x), ...wasm.map((p) => p.x)])].sort((a, b) => a - b);
  return { parallel, wasm, ideal: base === undefined ? [] : counts.map((w) => [w, base * w]) };
}

import { describe, expect, it } from 'vitest';
import type { BackendTiming } from '../../engines/kernels/api.ts';
import { bySize, byWorkers } from './speedups.ts';

const t = (backend: BackendTiming['backend'], size: number, millis: number, workers = 1, unavailable?: string): BackendTiming => ({
  backend,
  size,
  millis,
  workers,
  temporaryBytes: 0,
  checksum: '',
  maxUlpsFromNaive: 0,
  ...(unavailable ? { unavailable } : {}),
});

const timings = [
  t('naive', 1000, 40),
  t('naive', 10_000, 400),
  t('fused', 1000, 10),
  t('fused', 10_000, 80),
  t('parallel', 10_000, 50, 2),
  t('parallel', 10_000, 90, 1),
  t('parallel', 1000, 8, 2),
  t('webgpu', 1000, 0, 1, 'no adapter'),
];

describe('speed-ups against naive', () => {
  it('by size: each backend against naive at the same size, parallel at the chosen worker count', () => {
    const series = bySize(timings, 2);
    expect(series.map((s) => s.backend)).toEqual(['fused', 'parallel']);
    expect(series[0]!.points.map((p) => [p.x, p.speedup])).toEqual([
      [1000, 4],
      [10_000, 5],
    ]);
    expect(series[1]!.points.map((p) => [p.x, p.speedup])).toEqual([
      [1000, 5],
      [10_000, 8],
    ]);
  });

  it('by workers: the parallel backend, and the ideal line scaling fused linearly', () => {
    const arraySize = 10_000; // the timings' array length (elements), not a time
    const { parallel, ideal } = byWorkers(timings, arraySize);
    expect(parallel.map((p) => [p.x, Number(p.speedup.toFixed(3))])).toEqual([
      [1, 4.444],
      [2, 8],
    ]);
    expect(ideal).toEqual([
      [1, 5],
      [2, 10],
    ]);
  });
});

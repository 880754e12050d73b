import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'kernels',
  title: 'Kernels',
  summary: 'Array code compiled ParallelAccelerator-style: fused, parallel and on the GPU, timed against naive',
  order: 4,
  load: () => import('./index.tsx').then((m) => m.lab),
};

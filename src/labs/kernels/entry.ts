import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'kernels',
  title: 'Kernels',
  summary: 'Array code compiled ParallelAccelerator-style: fused, parallel and on the GPU, timed against naive',
  about: {
    text: "Write array code in a small language of whole-array operations and stencils, and watch it compiled the ParallelAccelerator way: the Domain IR, fusion into parallel loops (and why fusion stops), the generated code, and timings of the naive, fused, parallel and GPU backends against each other.",
    reference: "T. A. Anderson, H. Liu, L. Kuper, E. Totoni, J. Vitek, T. Shpeisman. Parallelizing Julia with a Non-Invasive DSL. ECOOP 2017.",
  },
  order: 4,
  load: () => import('./index.tsx').then((m) => m.lab),
};

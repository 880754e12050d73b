import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'solver',
  title: 'Solver',
  summary: 'Verify ReLU networks Reluplex-style, on the ACAS Xu networks, with the search tree',
  order: 3,
  load: () => import('./index.tsx').then((m) => m.lab),
};

import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'lvars',
  title: 'LVars',
  summary: 'Lattice-based deterministic parallelism: every schedule explored',
  order: 1,
  load: () => import('./index.tsx').then((m) => m.lab),
};

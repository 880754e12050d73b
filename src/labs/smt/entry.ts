import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'smt',
  title: 'SAT/SMT',
  summary: 'The Solver lab’s lazy-SMT view: CDCL search, the implication graph at each conflict, DPLL(T) over linear real arithmetic, eager against lazy',
  // Right after the Solver lab (order 3), before Kernels.
  order: 3.5,
  load: () => import('./index.tsx').then((m) => m.lab),
};

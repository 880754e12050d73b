import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'dynamo',
  title: 'Dynamo',
  summary: 'A deterministic simulation of Amazon’s Dynamo: the ring, quorums, versions and failures',
  order: 2,
  load: () => import('./index.tsx').then((m) => m.lab),
};

import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'solver',
  title: 'Solver',
  summary: 'Verify ReLU networks Reluplex-style, on the ACAS Xu networks, with the search tree',
  about: {
    text: "Verify a property of a ReLU network (the ACAS Xu collision-avoidance networks among them): bound propagation and input splitting, or Reluplex's simplex with ReLU case splits. The search tree shows every split and how each box or case was closed; a counterexample is checked on the network.",
    reference: "G. Katz, C. Barrett, D. L. Dill, K. Julian, M. J. Kochenderfer. Reluplex: An Efficient SMT Solver for Verifying Deep Neural Networks. CAV 2017.",
  },
  order: 3,
  load: () => import('./index.tsx').then((m) => m.lab),
};

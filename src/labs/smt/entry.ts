import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'smt',
  title: 'SAT/SMT',
  summary: 'The Solver lab’s lazy-SMT view: CDCL search, the implication graph at each conflict, DPLL(T) over linear real arithmetic, eager against lazy',
  // Right after the Solver lab (order 3), before Kernels.
  about: {
    text: "Solve a CNF formula or an SMT-LIB query over linear real arithmetic and replay the search: CDCL's decisions, propagations and conflicts, the implication graph and the first-UIP cut a learnt clause comes from, and DPLL(T) consulting a simplex. Compare the eager encoding (one mixed-integer problem) with the lazy one on the same formula.",
    reference: "J. P. Marques-Silva, K. A. Sakallah. GRASP: A Search Algorithm for Propositional Satisfiability. IEEE Trans. Computers 1999; R. Nieuwenhuis, A. Oliveras, C. Tinelli. Solving SAT and SAT Modulo Theories: From an Abstract Davis-Putnam-Logemann-Loveland Procedure to DPLL(T). JACM 2006.",
  },
  order: 3.5,
  load: () => import('./index.tsx').then((m) => m.lab),
};

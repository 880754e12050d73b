import type { LabEntry } from '../registry.ts';

export const entry: LabEntry = {
  id: 'lvars',
  title: 'LVars',
  summary: 'Lattice-based deterministic parallelism: every schedule explored',
  about: {
    text: "Write a small parallel program over LVars (lattice variables: writes are joins, reads are threshold reads) and explore every schedule. The lab checks the program's determinism level, finds every outcome with a witness schedule, and replays any schedule on the threads, the store and the lattice. Deterministic programs give one answer on every schedule; with freeze, quasi-determinism allows an error instead, never a different value.",
    reference: "L. Kuper, A. Turon, N. R. Krishnaswami, R. R. Newton. Freeze After Writing: Quasi-Deterministic Parallel Programming with LVars. POPL 2014; L. Kuper, A. Todd, S. Tobin-Hochstadt, R. R. Newton. Taming the Parallel Effect Zoo. PLDI 2014.",
  },
  order: 1,
  load: () => import('./index.tsx').then((m) => m.lab),
};

import type { LatticeKind } from '../../config.ts';

/** Every lattice a replicated value can live in, in the order the settings list them. */
export const LATTICE_KINDS = ['max-register', 'g-counter', 'pn-counter', 'two-phase-set', 'or-set', 'user'] as const satisfies readonly LatticeKind[];

export const LATTICE_NAMES: Record<LatticeKind, string> = {
  'max-register': 'max register',
  'g-counter': 'G-counter',
  'pn-counter': 'PN-counter',
  'two-phase-set': '2P-set',
  'or-set': 'OR-set',
  user: 'declared lattice',
};

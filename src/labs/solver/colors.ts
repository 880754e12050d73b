import { Fate } from '../../engines/solver/trace/tree.ts';

/** Fates and phases in colours that survive a projector and colour-blind eyes (distinct in lightness too). */
export const FATE_COLORS: Record<number, string> = {
  [Fate.open]: '#dbe7fb',
  [Fate.split]: '#c9ced6',
  [Fate.verified]: '#2e8b57',
  [Fate.infeasible]: '#116f8f',
  [Fate.counterexample]: '#d4351c',
  [Fate.spurious]: '#e58a00',
  [Fate.stopped]: '#f2c744',
};

export const PHASE_COLORS = {
  active: '#e8772e',
  inactive: '#4a5a8a',
  undecided: '#eef0f3',
};

/** One colour per output (advisory) in the input-space view; COC is the calm grey-green. */
export const OUTPUT_COLORS = ['#cfe3d6', '#8fb8e8', '#f2b38f', '#3d6fb8', '#c4502a', '#a08bc4', '#d8c35a', '#6cb7a8'];

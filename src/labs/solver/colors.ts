import { Fate } from '../../engines/solver/trace/tree.ts';
import { OKABE_ITO, type Category, type Shape } from '../../ui/chart/palette.tsx';

/**
 * Fates in the Okabe–Ito palette (src/ui/chart/palette.tsx), each with a shape of its own so a
 * fate never rests on hue alone (the tree draws the shapes; the legend and exports show both).
 */
export const FATE_COLORS: Record<number, string> = {
  [Fate.open]: '#dbe7fb',
  [Fate.split]: '#c9ced6',
  [Fate.verified]: OKABE_ITO.bluishGreen,
  [Fate.infeasible]: OKABE_ITO.blue,
  [Fate.counterexample]: OKABE_ITO.vermillion,
  [Fate.spurious]: OKABE_ITO.orange,
  [Fate.stopped]: OKABE_ITO.yellow,
};

export const FATE_SHAPES: Record<number, Shape> = {
  [Fate.open]: 'circle',
  [Fate.split]: 'circle',
  [Fate.verified]: 'square',
  [Fate.infeasible]: 'diamond',
  [Fate.counterexample]: 'star',
  [Fate.spurious]: 'triangle',
  [Fate.stopped]: 'cross',
};

export const fateCategory = (fate: number): Category => ({ color: FATE_COLORS[fate] ?? '#cccccc', shape: FATE_SHAPES[fate] ?? 'circle' });

export const PHASE_COLORS = {
  active: '#e8772e',
  inactive: '#4a5a8a',
  undecided: '#eef0f3',
};

/** One colour per output (advisory) in the input-space view; COC is the calm grey-green. */
export const OUTPUT_COLORS = ['#cfe3d6', '#8fb8e8', '#f2b38f', '#3d6fb8', '#c4502a', '#a08bc4', '#d8c35a', '#6cb7a8'];

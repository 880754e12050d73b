import { Fate } from '../../engines/solver/trace/tree.ts';
import { OKABE_ITO, type Category, type Shape } from '../../ui/chart/palette.tsx';
import { fillPattern } from '../../ui/chart/patterns.ts';

/**
 * Fates in the Okabe–Ito palette (src/ui/chart/palette.tsx), each with a shape of its own so a
 * fate never rests on hue alone (the tree draws the shapes; the legend and exports show both).
 * Open (pale blue) and split (grey) are not Okabe–Ito's: the grey is dark enough to stay apart
 * from the blue under every colour-vision deficiency (categorical.test.ts), and an open node waits
 * as a downward triangle, a split is a circle.
 */
export const FATE_COLORS: Record<number, string> = {
  [Fate.open]: '#dbe7fb',
  [Fate.split]: '#aab2bd',
  [Fate.verified]: OKABE_ITO.bluishGreen,
  [Fate.infeasible]: OKABE_ITO.blue,
  [Fate.counterexample]: OKABE_ITO.vermillion,
  [Fate.spurious]: OKABE_ITO.orange,
  [Fate.stopped]: OKABE_ITO.yellow,
};

export const FATE_SHAPES: Record<number, Shape> = {
  [Fate.open]: 'triangleDown',
  [Fate.split]: 'circle',
  [Fate.verified]: 'square',
  [Fate.infeasible]: 'diamond',
  [Fate.counterexample]: 'star',
  [Fate.spurious]: 'triangle',
  [Fate.stopped]: 'cross',
};

export const fateCategory = (fate: number): Category => ({ color: FATE_COLORS[fate] ?? '#cccccc', shape: FATE_SHAPES[fate] ?? 'circle' });

/**
 * ReLU phases in the Okabe–Ito palette: orange (light) against blue (dark), so lightness tells them
 * apart without hue; the network view hatches inactive cells, adds per-layer counts in words and outlines split neurons.
 */
export const PHASE_COLORS = {
  active: OKABE_ITO.orange,
  inactive: OKABE_ITO.blue,
  undecided: '#eef0f3',
};

/** Each decided phase's fill pattern over its colour: inactive neurons are hatched (in cells large enough to show it). */
export const PHASE_PATTERNS = { active: fillPattern(0), inactive: fillPattern(1) } as const;

/**
 * One colour per output (advisory) in the input-space view, Okabe–Ito's without black (a region
 * must not hide the marks drawn over it); each region is also labelled with its output's name.
 */
export const OUTPUT_COLORS = [OKABE_ITO.skyBlue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.yellow, OKABE_ITO.reddishPurple, OKABE_ITO.blue, OKABE_ITO.vermillion];

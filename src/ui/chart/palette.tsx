import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, symbolWye, type SymbolType } from 'd3';

/**
 * Okabe and Ito's colour-universal-design palette (2008): eight colours told apart under the
 * common colour-vision deficiencies and on a washed-out projector. Every categorical view takes
 * its colours from here and pairs each with a second cue (a shape here, or a label or dash in
 * the view), so no category rests on hue alone.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

export type Shape = 'circle' | 'square' | 'triangle' | 'triangleDown' | 'diamond' | 'cross' | 'star' | 'wye';

/** An equilateral triangle standing on its tip, of `area` px²: an eighth shape, told from d3's triangle by its direction. */
const symbolTriangleDown: SymbolType = {
  draw(context, area) {
    const side = Math.sqrt((4 * area) / Math.sqrt(3));
    const h = (side * Math.sqrt(3)) / 2;
    // The centroid at the origin: the base a third of the height above it, the tip two thirds below.
    context.moveTo(-side / 2, -h / 3);
    context.lineTo(side / 2, -h / 3);
    context.lineTo(0, (2 * h) / 3);
    context.closePath();
  },
};

const SYMBOLS: Record<Shape, SymbolType> = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  triangleDown: symbolTriangleDown,
  diamond: symbolDiamond,
  cross: symbolCross,
  star: symbolStar,
  wye: symbolWye,
};

export interface Category {
  color: string;
  shape: Shape;
}

/** Categories in order: eight colours and eight shapes, so colour and shape each tell all eight apart. */
export const CATEGORIES: readonly Category[] = [
  { color: OKABE_ITO.blue, shape: 'circle' },
  { color: OKABE_ITO.orange, shape: 'square' },
  { color: OKABE_ITO.bluishGreen, shape: 'triangle' },
  { color: OKABE_ITO.reddishPurple, shape: 'diamond' },
  { color: OKABE_ITO.skyBlue, shape: 'star' },
  { color: OKABE_ITO.vermillion, shape: 'wye' },
  { color: OKABE_ITO.yellow, shape: 'cross' },
  { color: OKABE_ITO.black, shape: 'triangleDown' },
];

const cycle = <T,>(list: readonly T[], i: number): T => list[((i % list.length) + list.length) % list.length]!;

export const category = (i: number): Category => cycle(CATEGORIES, i);

/** Dash patterns for lines told apart without colour, in order ('' is a solid line). */
export const DASHES = ['', '7 3', '2 3', '9 3 2 3', '4 4', '1 5', '12 4', '5 2 1 2'] as const;

/** A categorical series: a colour, a mark's shape and a line's dash, all three differing from one series to the next. */
export interface SeriesStyle extends Category {
  dash: string;
}

export const seriesStyle = (i: number): SeriesStyle => ({ ...category(i), dash: cycle(DASHES, i) });

/** The SVG path of a shape centred on the origin, about `diameter` px across. */
export function shapePath(shape: Shape, diameter: number): string {
  // d3 sizes symbols by area; a circle of this diameter has area π d² / 4.
  return symbol(SYMBOLS[shape], (Math.PI * diameter * diameter) / 4)() ?? '';
}

/** A category's mark in an SVG drawing, centred on (x, y): the second cue beside its colour. */
export function Mark({ category: c, x, y, size = 9, title }: { category: Category; x: number; y: number; size?: number; title?: string }) {
  return (
    <path d={shapePath(c.shape, size)} transform={`translate(${x},${y})`} fill={c.color} stroke="#16191d" strokeWidth={0.8} className="chart-mark">
      {title && <title>{title}</title>}
    </path>
  );
}

/** A category's mark as an inline icon for HTML (tables, legends). */
export function MarkIcon({ category: c, size = 12, title }: { category: Category; size?: number; title?: string }) {
  return (
    <svg className="mark-icon" width={size} height={size} viewBox={`${-size / 2} ${-size / 2} ${size} ${size}`} aria-hidden={title ? undefined : true} role={title ? 'img' : undefined} aria-label={title}>
      <path d={shapePath(c.shape, size * 0.9)} fill={c.color} stroke="#16191d" strokeWidth={0.6} />
    </svg>
  );
}

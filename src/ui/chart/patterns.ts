import * as d3 from 'd3';

/**
 * Fill patterns: the second cue of a categorical region (a map's areas, where a shape cannot mark
 * every cell). Each is a tile of `size` px whose strokes `d` repeat across the region, drawn in a
 * light or dark ink by the colour under it, so the pattern reads on every Okabe–Ito colour and
 * without colour at all. 'plain' (no strokes) is a cue too, among patterned neighbours.
 */
export interface FillPattern {
  name: string;
  size: number;
  d: string;
}

export const PATTERNS: readonly FillPattern[] = [
  { name: 'plain', size: 8, d: '' },
  { name: 'diagonal', size: 8, d: 'M-2,2L2,-2M0,8L8,0M6,10L10,6' },
  { name: 'dots', size: 7, d: 'M3.5,3.5h0.01' },
  { name: 'horizontal', size: 6, d: 'M0,3H6' },
  { name: 'antidiagonal', size: 8, d: 'M-2,6L2,10M0,0L8,8M6,-2L10,2' },
  { name: 'crosshatch', size: 8, d: 'M-2,2L2,-2M0,8L8,0M6,10L10,6M-2,6L2,10M0,0L8,8M6,-2L10,2' },
  { name: 'vertical', size: 6, d: 'M3,0V6' },
];

export const fillPattern = (i: number): FillPattern => PATTERNS[((i % PATTERNS.length) + PATTERNS.length) % PATTERNS.length]!;

/** The ink a pattern is drawn in over `color`: white over dark colours, near-black over light ones. */
export const patternInk = (color: string): string => (d3.hsl(color).l < 0.45 ? '#ffffff' : '#16191d');

/** A pattern's stroke (dots are round caps of a zero-length stroke, so one kind of element draws them all). */
export const PATTERN_STROKE = { width: (p: FillPattern) => (p.name === 'dots' ? 2.6 : 1.3), opacity: 0.6 } as const;

const NS = 'http://www.w3.org/2000/svg';

/** A `<pattern>` element for an SVG document built outside React (d3 views, exported files). */
export function patternElement(doc: Document, id: string, p: FillPattern, ink: string): SVGPatternElement {
  const pattern = doc.createElementNS(NS, 'pattern');
  pattern.setAttribute('id', id);
  pattern.setAttribute('width', String(p.size));
  pattern.setAttribute('height', String(p.size));
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  const path = doc.createElementNS(NS, 'path');
  path.setAttribute('d', p.d);
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', ink);
  path.setAttribute('stroke-width', String(PATTERN_STROKE.width(p)));
  path.setAttribute('stroke-opacity', String(PATTERN_STROKE.opacity));
  path.setAttribute('stroke-linecap', 'round');
  pattern.append(path);
  return pattern;
}

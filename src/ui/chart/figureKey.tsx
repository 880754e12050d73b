import { useId } from 'react';
import { MarkIcon, shapePath, type Shape } from './palette.tsx';
import { PATTERN_STROKE, patternElement, patternInk, type FillPattern } from './patterns.ts';
import { flowLegend } from './wrap.ts';

/**
 * A figure's key, given once: shown under the figure in the page and drawn into its exported SVG
 * (Figure's `figureKey`), so an exported figure stands alone on a slide. An entry is a mark (a
 * palette shape, or a square swatch) in a fill, optionally outlined, dashed or patterned, and its label.
 */
export interface KeyItem {
  label: string;
  fill: string;
  shape?: Shape;
  /** An outline (a swatch's border, e.g. "fixed by a split" or the property's dashed box). */
  stroke?: string;
  dashed?: boolean;
  /** The swatch's fill pattern over its colour (patterns.ts): a region's second cue. */
  pattern?: FillPattern;
}

/** A patterned swatch in the page: the colour, the pattern over it in its ink. */
function PatternSwatch({ fill, pattern }: { fill: string; pattern: FillPattern }) {
  const id = `key-pattern-${useId().replace(/[^a-zA-Z0-9-]/g, '')}`;
  return (
    <svg className="figure-key-swatch patterned" width={20} height={20} viewBox="0 0 20 20" aria-hidden>
      <defs>
        <pattern id={id} width={pattern.size} height={pattern.size} patternUnits="userSpaceOnUse">
          <path d={pattern.d} fill="none" stroke={patternInk(fill)} strokeWidth={PATTERN_STROKE.width(pattern)} strokeOpacity={PATTERN_STROKE.opacity} strokeLinecap="round" />
        </pattern>
      </defs>
      <rect width={20} height={20} rx={3} fill={fill} stroke="#16191d" strokeWidth={0.8} />
      <rect width={20} height={20} rx={3} fill={`url(#${id})`} />
    </svg>
  );
}

/** The key in the page: a wrapping row of marks and labels. */
export function KeyList({ items, label }: { items: readonly KeyItem[]; label: string }) {
  return (
    <ul className="figure-key" aria-label={label}>
      {items.map((it) => (
        <li key={it.label}>
          {it.shape ? (
            <MarkIcon category={{ color: it.fill, shape: it.shape }} size={14} />
          ) : it.pattern ? (
            <PatternSwatch fill={it.fill} pattern={it.pattern} />
          ) : (
            <span className="figure-key-swatch" style={{ background: it.fill, borderColor: it.stroke, borderStyle: it.dashed ? 'dashed' : 'solid', borderWidth: it.stroke ? 2 : 1 }} />
          )}
          {it.label}
        </li>
      ))}
    </ul>
  );
}

const NS = 'http://www.w3.org/2000/svg';
const KEY_FONT = 13;
const KEY_ROW = 20;
const KEY_MARK = 14;

/**
 * Draws the key into an exported SVG document, in rows under its drawing (the document grows by
 * the rows' height): how many px it added.
 */
export function appendKey(svg: SVGSVGElement, items: readonly KeyItem[], width: number, top: number): number {
  if (items.length === 0) return 0;
  const placed = flowLegend(items.map((i) => i.label), width - 16, KEY_FONT, KEY_MARK);
  const g = document.createElementNS(NS, 'g');
  g.setAttribute('transform', `translate(8,${top + 6})`);
  g.setAttribute('style', `font-family:sans-serif;font-size:${KEY_FONT}px;fill:#16191d`);
  items.forEach((it, i) => {
    const entry = document.createElementNS(NS, 'g');
    entry.setAttribute('transform', `translate(${placed[i]!.x},${placed[i]!.row * KEY_ROW + KEY_ROW / 2})`);
    const mark = document.createElementNS(NS, it.shape ? 'path' : 'rect');
    if (it.shape) {
      mark.setAttribute('d', shapePath(it.shape, KEY_MARK * 0.9));
      mark.setAttribute('transform', `translate(${KEY_MARK / 2},0)`);
    } else {
      mark.setAttribute('x', '1');
      mark.setAttribute('y', String(-KEY_MARK / 2 + 1));
      mark.setAttribute('width', String(KEY_MARK - 2));
      mark.setAttribute('height', String(KEY_MARK - 2));
      mark.setAttribute('rx', '2');
    }
    mark.setAttribute('fill', it.fill);
    mark.setAttribute('stroke', it.stroke ?? '#16191d');
    mark.setAttribute('stroke-width', it.stroke ? '2' : '0.6');
    if (it.dashed) mark.setAttribute('stroke-dasharray', '3 2');
    entry.append(mark);
    if (it.pattern && !it.shape) {
      const id = `key-pattern-${i}`;
      g.append(patternElement(document, id, it.pattern, patternInk(it.fill)));
      const over = mark.cloneNode() as SVGElement;
      over.setAttribute('fill', `url(#${id})`);
      over.setAttribute('stroke', 'none');
      entry.append(over);
    }
    const text = document.createElementNS(NS, 'text');
    text.setAttribute('x', String(KEY_MARK + KEY_FONT * 0.4));
    text.setAttribute('dominant-baseline', 'central');
    text.textContent = it.label;
    entry.append(text);
    g.append(entry);
  });
  svg.append(g);
  return placed.rows * KEY_ROW + 12;
}

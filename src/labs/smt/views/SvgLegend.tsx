import type { ReactNode } from 'react';

export interface LegendItem {
  label: string;
  /** A mark drawn around (0, 0), at most 20 pixels wide. */
  mark: ReactNode;
}

const ROW_H = 22;

/** Where each legend item goes: left to right, wrapping at `width` (text width estimated from its length). */
export function legendLayout(items: readonly LegendItem[], width: number, fontSize = 13): { at: [number, number][]; height: number } {
  const at: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const item of items) {
    const w = 34 + item.label.length * fontSize * 0.62;
    if (x > 0 && x + w > width) {
      x = 0;
      y += ROW_H;
    }
    at.push([x, y]);
    x += w;
  }
  return { at, height: y + ROW_H };
}

/** A legend drawn inside the figure's SVG, so an exported SVG or PNG explains itself. */
export function SvgLegend({ items, width, x = 14, y = 16, fontSize = 13 }: { items: readonly LegendItem[]; width: number; x?: number; y?: number; fontSize?: number }) {
  const { at } = legendLayout(items, width - x, fontSize);
  return (
    <g transform={`translate(${x},${y})`} className="svg-legend">
      {items.map((item, i) => (
        <g key={item.label} transform={`translate(${at[i]![0]},${at[i]![1]})`}>
          <g transform="translate(8,0)">{item.mark}</g>
          <text x={24} dominantBaseline="central" className="smt-legend-text" style={{ fontSize }}>
            {item.label}
          </text>
        </g>
      ))}
    </g>
  );
}

import { Mark, type Shape } from './palette.tsx';
import { flowLegend } from './wrap.ts';

/**
 * One entry of a chart's key: a line (dashed or not) or a filled box, in a colour, with its label;
 * a categorical series also shows its second cue (palette.tsx): its mark's shape, its line's dash.
 */
export interface LegendItem {
  label: string;
  color: string;
  dashed?: boolean;
  /** A dash pattern of its own (palette's DASHES), for a line among several. */
  dash?: string;
  box?: boolean;
  shape?: Shape;
}

export const LEGEND_FONT = 12;
const SWATCH = 22;
const ROW = 17;

/** The rows a legend takes at a width (0 without entries). */
export const legendRows = (items: readonly LegendItem[] | undefined, width: number): number => (items ? flowLegend(items.map((i) => i.label), width, LEGEND_FONT, SWATCH).rows : 0);

/** The height in px a legend takes above a plot. */
export const legendHeight = (items: readonly LegendItem[] | undefined, width: number): number => legendRows(items, width) * ROW;

/**
 * A chart's key, laid out in rows above the plot area (never over the marks): entries flow left
 * to right and start a new row where the next would pass `width`. It is part of the SVG, so an
 * exported chart keeps its key.
 */
export function Legend({ items, width }: { items: readonly LegendItem[]; width: number }) {
  const placed = flowLegend(items.map((i) => i.label), width, LEGEND_FONT, SWATCH);
  return (
    <g className="chart-legend">
      {items.map((it, i) => (
        <g key={it.label} transform={`translate(${placed[i]!.x},${placed[i]!.row * ROW + ROW / 2})`}>
          {it.box ? (
            <rect y={-5} width={SWATCH - 4} height={10} fill={it.color} />
          ) : (
            <line x2={SWATCH - 4} stroke={it.color} strokeWidth={2.5} strokeDasharray={it.dash || (it.dashed ? '6 3' : undefined)} />
          )}
          {it.shape && <Mark category={{ color: it.color, shape: it.shape }} x={(SWATCH - 4) / 2} y={0} />}
          <text x={SWATCH + LEGEND_FONT * 0.4 - 4} dominantBaseline="central" fontSize={LEGEND_FONT}>
            {it.label}
          </text>
        </g>
      ))}
    </g>
  );
}

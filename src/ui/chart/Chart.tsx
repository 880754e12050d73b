import * as d3 from 'd3';
import type { CSSProperties, ReactNode } from 'react';
import { BottomAxis, LeftAxis } from './Axis.tsx';
import { tickCount } from './format.ts';
import { LINE_EM } from './labelLayout.ts';
import { Legend, legendHeight, type LegendItem } from './Legend.tsx';
import { CHAR_EM } from './wrap.ts';

export type Scale = d3.ScaleLinear<number, number> | d3.ScaleLogarithmic<number, number>;

interface ChartProps {
  width: number;
  height: number;
  x: Scale;
  y: Scale;
  xLabel: string;
  yLabel: string;
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  xTicks?: number[];
  yTicks?: number[];
  /** The player's position on the x axis, drawn as a cursor with its label ("now 1.2 s"). */
  cursor?: number;
  /** The cursor's label for its position (default: the position in the x axis's format). */
  cursorLabel?: (v: number) => string;
  children: ReactNode;
  label: string;
  /** The chart's key, drawn above the plot area (pass the same items to `inner`). */
  legend?: readonly LegendItem[];
  /**
   * The tick labels' type size in px, for a chart whose text must reach a size (presentation
   * mode's floor): the axis titles are a little larger and the margins grow to hold both (pass
   * the same to `inner`). Without it the chart's text is sized by CSS in the fixed margins.
   */
  font?: number;
}

export const MARGIN = { top: 12, right: 16, bottom: 46, left: 62 };

type Margin = typeof MARGIN & { labelX: number; labelY: number };

/**
 * The margins around the plot that hold the axes' text: tick values of up to five characters
 * (CHAR_EM of the size wide) and the axis titles' lines, at the chart's type size. The y title is
 * turned upright, so its ascent (about one size) lies to the left of its anchor.
 */
export function marginFor(font?: number): Margin {
  if (font === undefined) return { ...MARGIN, labelX: 48, labelY: 38 };
  const title = axisTitleSize(font);
  const left = Math.ceil(6 + 5 * font * CHAR_EM + 8 + title * 1.3);
  const labelY = Math.ceil(8 + font * LINE_EM + title * 0.9);
  return { top: Math.ceil(font * 0.7), right: Math.ceil(font * 1.4), bottom: Math.ceil(labelY + title * 0.35 + 4), left, labelX: Math.floor(left - title * 1.05 - 1), labelY };
}

const axisTitleSize = (font: number) => Math.round(font * 1.1);

/** Plot area size for a chart of the given outer size (and the key it shows above the plot, and its type size). */
export const inner = (width: number, height: number, legend?: readonly LegendItem[], font?: number) => {
  const m = marginFor(font);
  return {
    w: Math.max(40, width - m.left - m.right),
    h: Math.max(40, height - m.top - m.bottom - legendHeight(legend, width - m.left - m.right)),
  };
};

/**
 * An SVG chart with labelled axes (d3 scales and ticks, drawn by React), for any lab. The
 * children draw the marks in plot coordinates; the axes carry units in their labels; `cursor`
 * marks where the Player stands.
 */
export function Chart({ width, height, x, y, xLabel, yLabel, xFormat, yFormat, xTicks, yTicks, cursor, cursorLabel, children, label, legend, font }: ChartProps) {
  const m = marginFor(font);
  const { w, h } = inner(width, height, legend, font);
  const top = m.top + legendHeight(legend, w);
  const xs = xTicks ?? x.ticks(tickCount(w, 80));
  const ys = yTicks ?? y.ticks(tickCount(h, 40));
  const fx = xFormat ?? x.tickFormat(xs.length);
  const fy = yFormat ?? y.tickFormat(ys.length);
  return (
    <svg width={width} height={height} className="chart" role="img" aria-label={label} style={font === undefined ? undefined : ({ '--chart-tick': `${font}px`, '--chart-title': `${axisTitleSize(font)}px` } as CSSProperties)}>
      {legend && (
        <g transform={`translate(${m.left},4)`}>
          <Legend items={legend} width={w} />
        </g>
      )}
      <g transform={`translate(${m.left},${top})`}>
        <LeftAxis y={y} ticks={ys} format={fy} height={h} grid={w} label={yLabel} labelX={m.labelX} />
        <g transform={`translate(0,${h})`}>
          <BottomAxis x={x} ticks={xs} format={fx} to={w} label={xLabel} labelY={m.labelY} tickY={font === undefined ? 18 : Math.ceil(6 + font * 0.95)} />
        </g>
        <g>{children}</g>
        {cursor !== undefined && Number.isFinite(x(cursor)) && x(cursor) >= 0 && x(cursor) <= w && (
          <Cursor at={x(cursor)} h={h} w={w} text={(cursorLabel ?? fx)(cursor)} />
        )}
      </g>
    </svg>
  );
}

/**
 * The player's position: a line across the plot and its label at the top, on the side with more
 * room (a halo keeps it readable over the marks it crosses).
 */
function Cursor({ at, h, w, text }: { at: number; h: number; w: number; text: string }) {
  const right = at <= w / 2;
  return (
    <g className="chart-cursor-mark">
      <line x1={at} x2={at} y2={h} className="chart-cursor" />
      <text x={right ? at + 4 : at - 4} y={3} textAnchor={right ? 'start' : 'end'} dominantBaseline="hanging" className="chart-tick chart-cursor-label">
        {text}
      </text>
    </g>
  );
}

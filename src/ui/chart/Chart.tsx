import * as d3 from 'd3';
import type { ReactNode } from 'react';
import { BottomAxis, LeftAxis } from './Axis.tsx';
import { tickCount } from './format.ts';
import { Legend, legendHeight, type LegendItem } from './Legend.tsx';

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
  /** The player's position on the x axis, drawn as a cursor. */
  cursor?: number;
  children: ReactNode;
  label: string;
  /** The chart's key, drawn above the plot area (pass the same items to `inner`). */
  legend?: readonly LegendItem[];
}

export const MARGIN = { top: 12, right: 16, bottom: 46, left: 62 };

/** Plot area size for a chart of the given outer size (and the key it shows above the plot). */
export const inner = (width: number, height: number, legend?: readonly LegendItem[]) => ({
  w: Math.max(40, width - MARGIN.left - MARGIN.right),
  h: Math.max(40, height - MARGIN.top - MARGIN.bottom - legendHeight(legend, width - MARGIN.left - MARGIN.right)),
});

/**
 * An SVG chart with labelled axes (d3 scales and ticks, drawn by React), for any lab. The
 * children draw the marks in plot coordinates; the axes carry units in their labels; `cursor`
 * marks where the Player stands.
 */
export function Chart({ width, height, x, y, xLabel, yLabel, xFormat, yFormat, xTicks, yTicks, cursor, children, label, legend }: ChartProps) {
  const { w, h } = inner(width, height, legend);
  const top = MARGIN.top + legendHeight(legend, w);
  const xs = xTicks ?? x.ticks(tickCount(w, 80));
  const ys = yTicks ?? y.ticks(tickCount(h, 40));
  const fx = xFormat ?? x.tickFormat(xs.length);
  const fy = yFormat ?? y.tickFormat(ys.length);
  return (
    <svg width={width} height={height} className="chart" role="img" aria-label={label}>
      {legend && (
        <g transform={`translate(${MARGIN.left},4)`}>
          <Legend items={legend} width={w} />
        </g>
      )}
      <g transform={`translate(${MARGIN.left},${top})`}>
        <LeftAxis y={y} ticks={ys} format={fy} height={h} grid={w} label={yLabel} />
        <g transform={`translate(0,${h})`}>
          <BottomAxis x={x} ticks={xs} format={fx} to={w} label={xLabel} />
        </g>
        <g>{children}</g>
        {cursor !== undefined && Number.isFinite(x(cursor)) && x(cursor) >= 0 && x(cursor) <= w && (
          <line x1={x(cursor)} x2={x(cursor)} y2={h} className="chart-cursor" />
        )}
      </g>
    </svg>
  );
}

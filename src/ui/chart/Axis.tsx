/**
 * Chart axes drawn by React from d3 scales: d3 chooses the scale and the ticks, React renders
 * the SVG (no d3 selection touches the DOM). Every lab's charts use these.
 */

/** Anything that maps a value to a pixel: a d3 scale. */
export type ToPixel = (v: number) => number;

interface BottomAxisProps {
  x: ToPixel;
  ticks: readonly number[];
  format(v: number): string;
  /** Where the axis line starts and ends, in pixels. */
  from?: number;
  to: number;
  label?: string;
  /** The label's baseline below the axis line. */
  labelY?: number;
  /** The tick values' baseline below the axis line. */
  tickY?: number;
}

/** How near the right end (px) a tick's value is ended at the tick rather than centred: about half a value's width at the largest tick size. */
const NEAR_END = 26;

/**
 * A horizontal axis at y = 0 of its group: the line, ticks pointing down with their values, the
 * label under them. A value at or near the axis's right end ends at its tick (centred, half of it
 * would pass the chart's narrow right margin and be cut).
 */
export function BottomAxis({ x, ticks, format, from = 0, to, label, labelY = 38, tickY = 18 }: BottomAxisProps) {
  return (
    <g className="chart-x-axis">
      {ticks.map((v) => (
        <g key={`x${v}`} transform={`translate(${x(v)},0)`}>
          <line y2={5} className="chart-axis" />
          <text y={tickY} textAnchor={x(v) >= to - NEAR_END ? 'end' : 'middle'} className="chart-tick">
            {format(v)}
          </text>
        </g>
      ))}
      <line x1={from} x2={to} className="chart-axis" />
      {label && (
        <text x={(from + to) / 2} y={labelY} textAnchor="middle" className="chart-axis-label">
          {label}
        </text>
      )}
    </g>
  );
}

interface LeftAxisProps {
  y: ToPixel;
  ticks: readonly number[];
  format(v: number): string;
  /** The plot's height: the axis line runs from 0 to here. */
  height: number;
  /** Grid lines across the plot this wide (0: none). */
  grid?: number;
  label?: string;
  /** The label's distance left of the axis line. */
  labelX?: number;
}

/** A vertical axis at x = 0 of its group: the line, tick values to its left with optional grid lines, the label turned upright. */
export function LeftAxis({ y, ticks, format, height, grid = 0, label, labelX = 48 }: LeftAxisProps) {
  return (
    <g className="chart-y-axis">
      {ticks.map((v) => (
        <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
          {grid > 0 && <line x2={grid} className="chart-grid" />}
          <text x={-6} textAnchor="end" dominantBaseline="central" className="chart-tick">
            {format(v)}
          </text>
        </g>
      ))}
      <line y2={height} className="chart-axis" />
      {label && (
        <text transform={`translate(${-labelX},${height / 2}) rotate(-90)`} textAnchor="middle" className="chart-axis-label">
          {label}
        </text>
      )}
    </g>
  );
}

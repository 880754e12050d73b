import * as d3 from 'd3';
import type { LatencyWindow } from '../../../engines/dynamo/measure/metrics.ts';
import type { NodeQueueing } from '../../../engines/dynamo/measure/queueing.ts';
import { Chart, inner } from '../../../ui/chart/Chart.tsx';
import type { LegendItem } from '../../../ui/chart/Legend.tsx';
import { percent } from '../../../ui/chart/format.ts';
import { formatMs, nodeColor, nodeName, nowLabel } from '../names.ts';
import { nodeAxis } from './nodeAxis.ts';

interface PlotProps {
  width: number;
  height: number;
}

const READ = '#178a45';
const WRITE = '#1f5fd1';
const LOAD = '#6b7280';

/** One curve of latency over time: its run's slices, a label, a colour, and the value of a slice (NaN: none). */
export interface LatencyCurve {
  windows: readonly LatencyWindow[];
  label: string;
  color: string;
  dashed?: boolean;
  value(w: LatencyWindow): number;
}

/** Figure 4's four curves for one run: reads and writes, their average (dashed) and 99.9th percentile. */
export function figure4Curves(windows: readonly LatencyWindow[]): LatencyCurve[] {
  return [
    { windows, label: 'reads, 99.9th', color: READ, value: (w) => w.read.p999Ms },
    { windows, label: 'reads, average', color: READ, dashed: true, value: (w) => w.read.meanMs },
    { windows, label: 'writes, 99.9th', color: WRITE, value: (w) => w.write.p999Ms },
    { windows, label: 'writes, average', color: WRITE, dashed: true, value: (w) => w.write.meanMs },
  ];
}

const mid = (w: LatencyWindow) => (w.fromMs + w.toMs) / 2;

/** A log axis's ticks at 1, 2 and 5 times the powers of ten in its domain, or the powers alone where those crowd its height. */
function logTicks(y: d3.ScaleLogarithmic<number, number>, height: number): number[] {
  const leading = (v: number) => Math.round(v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9)));
  const ticks = y.ticks(6).filter((v) => [1, 2, 5].includes(leading(v)));
  return ticks.length * 22 > height ? ticks.filter((v) => leading(v) === 1) : ticks;
}

/**
 * Latency over time (SOSP'07 Figure 4; Figure 5 with a curve per run): per slice of the run by
 * start time, on a log axis; a slice without a successful request is a gap in its line.
 */
export function LatencyOverTimePlot({ width, height, curves, now, label }: PlotProps & { curves: LatencyCurve[]; now: number; label: string }) {
  const legend: LegendItem[] = curves.map((c) => ({ label: c.label, color: c.color, dashed: c.dashed }));
  const { w, h } = inner(width, height, legend);
  const shown = (c: LatencyCurve, win: LatencyWindow) => Number.isFinite(c.value(win)) && c.value(win) > 0;
  const values = curves.flatMap((c) => c.windows.filter((win) => shown(c, win)).map((win) => c.value(win)));
  const lo = values.length ? Math.min(...values) : 1;
  const hi = values.length ? Math.max(...values) : 10;
  const end = Math.max(1e-6, ...curves.map((c) => c.windows[c.windows.length - 1]?.toMs ?? 0));
  const x = d3.scaleLinear().domain([0, end]).range([0, w]);
  const y = d3.scaleLog().domain([lo / 1.4, hi * 1.4]).range([h, 0]).nice();
  const path = (c: LatencyCurve) =>
    d3
      .line<LatencyWindow>()
      .defined((win) => shown(c, win))
      .x((win) => x(mid(win)))
      .y((win) => y(c.value(win)))(c.windows as LatencyWindow[]) ?? '';
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="simulated time (requests by start)" yLabel="latency (ms, log scale)" xFormat={formatMs} yTicks={logTicks(y, h)} yFormat={(v) => String(+v.toPrecision(2))} cursor={now} cursorLabel={nowLabel} label={label} legend={legend}>
      {curves.map((c) => (
        <path key={c.label} d={path(c)} fill="none" stroke={c.color} strokeWidth={c.dashed ? 1.6 : 2.2} strokeDasharray={c.dashed ? '6 3' : undefined} />
      ))}
    </Chart>
  );
}

/** The offered load over the same slices: operations started per second (the daily cycle of Figure 4). */
export function LoadCurvePlot({ width, height, windows, now }: PlotProps & { windows: readonly LatencyWindow[]; now: number }) {
  const { w, h } = inner(width, height);
  const rate = (win: LatencyWindow) => ((win.read.count + win.write.count) * 1000) / Math.max(1e-9, win.toMs - win.fromMs);
  const end = Math.max(1e-6, windows[windows.length - 1]?.toMs ?? 1);
  const x = d3.scaleLinear().domain([0, end]).range([0, w]);
  const y = d3.scaleLinear().domain([0, Math.max(1, ...windows.map(rate))]).nice().range([h, 0]);
  const area = d3
    .area<LatencyWindow>()
    .x((win) => x(mid(win)))
    .y0(h)
    .y1((win) => y(rate(win)))(windows as LatencyWindow[]);
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="simulated time" yLabel="ops / s" xFormat={formatMs} yFormat={(v) => d3.format('~s')(v)} cursor={now} cursorLabel={nowLabel} label="Load over time">
      <path d={area ?? ''} fill={LOAD} fillOpacity={0.25} stroke={LOAD} strokeWidth={1.5} />
    </Chart>
  );
}

/**
 * Per node: the share of the time it was serving (ρ, the bar) and the mean number of operations
 * at it (L, the label when there is room); hot nodes show as tall bars, load imbalance as spread.
 */
export function QueuePerNodePlot({ width, height, nodes, total }: PlotProps & { nodes: NodeQueueing[]; total: number }) {
  const { w, h } = inner(width, height);
  const x = d3.scaleLinear().domain([0, Math.max(1, nodes.length)]).range([0, w]);
  const y = d3.scaleLinear().domain([0, Math.max(0.1, ...nodes.map((n) => n.utilisation))]).nice().range([h, 16]);
  const slot = w / Math.max(1, nodes.length);
  const bw = Math.max(2, slot * 0.7);
  const labelled = slot >= 34;
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel={labelled ? 'node (label: mean operations at the node, L)' : 'node'} yLabel="busy (utilisation ρ)" {...nodeAxis(nodes.map((n) => n.node), w)} yFormat={(v) => percent(v, 0)} label="Utilisation and queue per node">
      {nodes.map((n, i) => (
        <g key={n.node}>
          <rect x={x(i) + (slot - bw) / 2} width={bw} y={y(n.utilisation)} height={h - y(n.utilisation)} fill={nodeColor(n.node, total)}>
            <title>{`${nodeName(n.node)}: busy ${percent(n.utilisation, 1)}, ${n.meanJobs.toFixed(2)} operations at the node on average${n.mm1Jobs === null ? '' : ` (M/M/1: ${n.mm1Jobs.toFixed(2)})`}, longest wait ${formatMs(n.maxWaitMs)}, ${n.jobs.toLocaleString('en-US')} served`}</title>
          </rect>
          {labelled && (
            <text x={x(i + 0.5)} y={y(n.utilisation) - 4} textAnchor="middle" className="dyn-bar-label">
              {n.meanJobs.toFixed(2)}
            </text>
          )}
        </g>
      ))}
    </Chart>
  );
}

import * as d3 from 'd3';
import { Chart, inner } from '../../../ui/chart/Chart.tsx';
import type { LegendItem } from '../../../ui/chart/Legend.tsx';
import { formatMs } from '../names.ts';

/** One run's per-bucket series: a label, a colour, values per metric bucket (null: no value there). */
export interface BucketCurve {
  label: string;
  color: string;
  dashed?: boolean;
  bucketMs: number;
  values: readonly (number | null)[];
}

interface Props {
  width: number;
  height: number;
  curves: BucketCurve[];
  now: number;
}

/** The target's line: dark grey, apart from the player's cursor and the runs' colours. */
const TARGET = '#374151';

function scales(width: number, height: number, curves: BucketCurve[], legend: LegendItem[], floor: number) {
  const { w, h } = inner(width, height, legend);
  const end = Math.max(1e-6, ...curves.map((c) => c.values.length * c.bucketMs));
  const hi = Math.max(floor, ...curves.flatMap((c) => c.values.filter((v): v is number => v !== null)));
  return { w, h, x: d3.scaleLinear().domain([0, end]).range([0, w]), y: d3.scaleLinear().domain([0, hi * 1.08]).nice().range([h, 0]) };
}

/** The curve through its buckets that have a value (the controller's windows are several buckets long: the line joins them). */
function line(c: BucketCurve, x: d3.ScaleLinear<number, number>, y: d3.ScaleLinear<number, number>): string {
  const points = c.values.flatMap((v, b): [number, number][] => (v === null ? [] : [[x((b + 0.5) * c.bucketMs), y(v)]]));
  return d3.line()(points) ?? '';
}

const curveLegend = (curves: BucketCurve[]): LegendItem[] => curves.map((c) => ({ label: c.label, color: c.color, dashed: c.dashed }));

/**
 * What the admission controller watches (SOSP'07 §6.5): at the end of each of its windows, the
 * 99th percentile of foreground disk reads at the worst node, one line per run, against its target.
 */
export function DiskReadTailPlot({ width, height, curves, now, targetMs }: Props & { targetMs: number }) {
  const legend = [...curveLegend(curves), { label: `target ${formatMs(targetMs)}`, color: TARGET, dash: '2 3' }];
  const { w, x, y } = scales(width, height, curves, legend, targetMs);
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="simulated time" yLabel="disk reads, 99th (ms)" xFormat={formatMs} cursor={now} label="Foreground disk reads: the 99th percentile" legend={legend}>
      <line x1={0} x2={w} y1={y(targetMs)} y2={y(targetMs)} stroke={TARGET} strokeWidth={1.6} strokeDasharray="2 3" />
      {curves.map((c) => (
        <path key={c.label} d={line(c, x, y)} fill="none" stroke={c.color} strokeWidth={2.2} strokeDasharray={c.dashed ? '6 3' : undefined} />
      ))}
    </Chart>
  );
}

/** Background work still to do over time, one line per run: hinted versions waiting for their node. */
export function BackgroundProgressPlot({ width, height, curves, now }: Props) {
  const legend = curveLegend(curves);
  const { x, y } = scales(width, height, curves, legend, 1);
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="simulated time" yLabel="hints pending" xFormat={formatMs} yFormat={(v) => d3.format('~s')(v)} cursor={now} label="Background work still to do" legend={legend}>
      {curves.map((c) => (
        <path key={c.label} d={line(c, x, y)} fill="none" stroke={c.color} strokeWidth={2.2} strokeDasharray={c.dashed ? '6 3' : undefined} />
      ))}
    </Chart>
  );
}

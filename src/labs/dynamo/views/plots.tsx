import * as d3 from 'd3';
import type { DynamoConfig } from '../../../engines/dynamo/config.ts';
import type { Series } from '../../../engines/dynamo/engine.ts';
import { LATENCY_BINS, latencyBinEdge } from '../../../engines/dynamo/measure/metrics.ts';
import type { StalenessTheory } from '../../../engines/dynamo/measure/theory.ts';
import { visibilityTimes } from '../../../engines/dynamo/measure/theory.ts';
import { percent } from '../../../ui/chart/format.ts';
import { formatMs, nodeColor, nodeName, nowLabel } from '../names.ts';
import { histogramPercentile, over, type MetricsAt } from '../seriesAt.ts';
import { Chart, inner } from '../../../ui/chart/Chart.tsx';
import { nodeAxis } from './nodeAxis.ts';
import type { LegendItem } from '../../../ui/chart/Legend.tsx';
import { OKABE_ITO } from '../../../ui/chart/palette.tsx';

interface PlotProps {
  width: number;
  height: number;
}

// Okabe–Ito colours; writes are also dashed, so the pair never rests on colour alone.
const READ = OKABE_ITO.bluishGreen;
const WRITE = OKABE_ITO.blue;
const BACKLOG = OKABE_ITO.reddishPurple;
const DIVERGENT = OKABE_ITO.vermillion;
const THEORY = OKABE_ITO.vermillion;
const MEASURED = OKABE_ITO.skyBlue;
const share = (x: number, total: number) => (total === 0 ? NaN : x / total);

/** Availability per time bucket (requests finishing in it that succeeded), reads and writes. */
export function AvailabilityPlot({ width, height, series, now, failures }: PlotProps & { series: Series; now: number; failures: { from: number; to: number; label: string; short: string }[] }) {
  const legend: LegendItem[] = [{ label: 'reads', color: READ }, { label: 'writes', color: WRITE, dashed: true }];
  const { w, h } = inner(width, height, legend);
  const end = series.buckets * series.bucketMs;
  const x = d3.scaleLinear().domain([0, end]).range([0, w]);
  const y = d3.scaleLinear().domain([0, 1]).range([h, 0]);
  const b = Math.min(series.buckets - 1, Math.floor(now / series.bucketMs));
  const quiet = quietSince(series, b);
  const line = (ok: number, fail: number) =>
    d3
      .line<[number, number]>()
      .defined((d) => Number.isFinite(d[1]))
      .x((d) => x(d[0]))
      .y((d) => y(d[1]))(
      Array.from({ length: b + 1 }, (_, i) => [(i + 0.5) * series.bucketMs, share(series.outcomes[i * 4 + ok]!, series.outcomes[i * 4 + ok]! + series.outcomes[i * 4 + fail]!)]),
    ) ?? '';
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="simulated time" yLabel="succeeded" xFormat={formatMs} yFormat={(v) => percent(v, 0)} cursor={now} cursorLabel={nowLabel} label="Availability over time" legend={legend}>
      {failures.map((f, i) => (
        <g key={i}>
          <rect x={x(f.from)} width={Math.max(1, x(Math.min(f.to, end)) - x(f.from))} height={y(0)} className="dyn-failure-band">
            <title>{f.label}</title>
          </rect>
          {x(Math.min(f.to, end)) - x(f.from) > 40 && (
            // Bands that overlap an earlier one put their labels a row higher.
            <text x={x(f.from) + 4} y={y(0) - 6 - 15 * failures.slice(0, i).filter((e) => e.from < f.to && f.from < e.to).length} className="dyn-failure-label">
              {f.short}
            </text>
          )}
        </g>
      ))}
      {quiet !== undefined && (
        // The workload has ended and the run settles (hand-offs, anti-entropy): no request, so no availability to draw.
        <g>
          <rect x={x(quiet)} width={Math.max(1, x(Math.min(now, end)) - x(quiet))} height={y(0)} className="dyn-quiet-band">
            <title>{`No request after ${formatMs(quiet)}: the workload has ended and the run settles`}</title>
          </rect>
          {x(Math.min(now, end)) - x(quiet) > 90 && (
            <text x={x(quiet) + 4} y={y(0.5)} className="dyn-quiet-label">
              no requests
            </text>
          )}
        </g>
      )}
      <path d={line(0, 1)} fill="none" stroke={READ} strokeWidth={2} />
      <path d={line(2, 3)} fill="none" stroke={WRITE} strokeWidth={2} strokeDasharray="6 3" />
    </Chart>
  );
}

/** Where the requests ended, when no request finished in the buckets from there up to bucket `b`: the end of the last bucket that had one. */
function quietSince(series: Series, b: number): number | undefined {
  let last = b;
  while (last >= 0 && series.outcomes.subarray(last * 4, last * 4 + 4).every((n) => n === 0)) last--;
  return last < b && last >= 0 ? (last + 1) * series.bucketMs : undefined;
}

/** Hinted hand-off backlog and divergent keys over time (the repair mechanisms at work). */
export function BacklogPlot({ width, height, series, nodes, now }: PlotProps & { series: Series; nodes: number; now: number }) {
  const divergent = series.divergent[0]! >= 0 ? Array.from(series.divergent) : null;
  const legend: LegendItem[] = [{ label: 'hinted versions held', color: BACKLOG }, ...(divergent ? [{ label: 'keys whose replicas differ', color: DIVERGENT, dashed: true }] : [])];
  const { w, h } = inner(width, height, legend);
  const B = series.buckets;
  const b = Math.min(B - 1, Math.floor(now / series.bucketMs));
  const backlog = Array.from({ length: B }, (_, i) => {
    let s = 0;
    for (let n = 0; n < nodes; n++) s += series.hints[n * B + i]!;
    return s;
  });
  const top = Math.max(1, ...backlog, ...(divergent ?? [0]));
  const x = d3.scaleLinear().domain([0, B * series.bucketMs]).range([0, w]);
  const y = d3.scaleLinear().domain([0, top]).nice().range([h, 0]);
  const path = (values: number[]) => d3.line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1]))(over(series, values, b)) ?? '';
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="simulated time" yLabel="count" xFormat={formatMs} cursor={now} cursorLabel={nowLabel} label="Hinted backlog and divergent keys" legend={legend}>
      <path d={path(backlog)} fill="none" stroke={BACKLOG} strokeWidth={2} />
      {divergent && <path d={path(divergent)} fill="none" stroke={DIVERGENT} strokeWidth={2} strokeDasharray="6 3" />}
    </Chart>
  );
}

/** Latency distribution of successful reads and writes up to the player's time, on a log axis. */
export function LatencyPlot({ width, height, at }: PlotProps & { at: MetricsAt }) {
  const total = (hist: Float64Array) => hist.reduce((s, v) => s + v, 0);
  const rt = total(at.readLatency);
  const wt = total(at.writeLatency);
  const legend: LegendItem[] = [{ label: `reads (${rt.toLocaleString('en-US')})`, color: READ }, { label: `writes (${wt.toLocaleString('en-US')})`, color: WRITE, dashed: true }];
  const { w, h } = inner(width, height, legend);
  const used = (hist: Float64Array): [number, number] => {
    let lo = LATENCY_BINS;
    let hi = -1;
    hist.forEach((v, i) => {
      if (v > 0) {
        lo = Math.min(lo, i);
        hi = Math.max(hi, i);
      }
    });
    return [lo, hi];
  };
  const [r0, r1] = used(at.readLatency);
  const [w0, w1] = used(at.writeLatency);
  const lo = Math.max(0, Math.min(r0, w0) - 1);
  const hi = Math.min(LATENCY_BINS, Math.max(r1, w1, lo + 4) + 2);
  const x = d3.scaleLog().domain([latencyBinEdge(lo), latencyBinEdge(hi)]).range([0, w]);
  const top = Math.max(0.01, ...Array.from(at.readLatency, (v) => v / Math.max(1, rt)), ...Array.from(at.writeLatency, (v) => v / Math.max(1, wt)));
  const y = d3.scaleLinear().domain([0, top]).nice().range([h, 0]);
  const step = (hist: Float64Array, n: number) => {
    const pts: [number, number][] = [];
    for (let i = lo; i < hi; i++) {
      const v = n === 0 ? 0 : hist[i]! / n;
      pts.push([latencyBinEdge(i), v], [latencyBinEdge(i + 1), v]);
    }
    return d3.line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1]))(pts) ?? '';
  };
  const marks = [
    { label: 'read p99.9', v: histogramPercentile(at.readLatency, 0.999), color: READ },
    { label: 'write p99.9', v: histogramPercentile(at.writeLatency, 0.999), color: WRITE },
  ].filter((m) => Number.isFinite(m.v));
  const ticks = x.ticks(6).filter((v) => [1, 2, 5].includes(Math.round(v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9)))));
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="latency (ms, log scale)" yLabel="requests" xTicks={ticks} xFormat={(v) => String(+v.toPrecision(2))} yFormat={(v) => percent(v, 0)} label="Latency distribution" legend={legend}>
      <path d={step(at.readLatency, rt)} fill="none" stroke={READ} strokeWidth={2} />
      <path d={step(at.writeLatency, wt)} fill="none" stroke={WRITE} strokeWidth={2} strokeDasharray="6 3" />
      {marks.map((m) => (
        <g key={m.label}>
          <line x1={x(m.v)} x2={x(m.v)} y2={h} stroke={m.color} strokeWidth={1.5} strokeDasharray="2 3" />
          <title>{`${m.label} ≤ ${formatMs(m.v)}`}</title>
        </g>
      ))}
    </Chart>
  );
}

/** Successful reads by the number of versions they returned (SOSP'07 §6.3). */
export function VersionsPlot({ width, height, at }: PlotProps & { at: MetricsAt }) {
  const { w, h } = inner(width, height);
  const labels = ['1', '2', '3', '4+'];
  const total = at.versions.reduce((s, v) => s + v, 0);
  const x = d3.scaleLinear().domain([0, 4]).range([0, w]);
  // The top of the range leaves room for a full bar's value label under the plot's top edge.
  const y = d3.scaleLog().domain([1e-4, 1]).range([h, 20]).clamp(true);
  return (
    <Chart
      width={width}
      height={height}
      x={x}
      y={y}
      xLabel="versions returned by a read"
      yLabel="reads (log scale)"
      xTicks={[0.5, 1.5, 2.5, 3.5]}
      xFormat={(v) => labels[Math.floor(v)] ?? ''}
      yTicks={[1e-4, 1e-3, 1e-2, 0.1, 1]}
      yFormat={(v) => (v >= 0.01 ? percent(v, 0) : `${+(100 * v).toPrecision(1)}%`)}
      label="Versions per read"
    >
      {at.versions.map((v, i) => {
        const s = share(v, total);
        const top = v === 0 || !Number.isFinite(s) ? h : y(s);
        return (
          <g key={i}>
            <rect x={x(i) + w * 0.04} width={w / 4 - w * 0.08} y={top} height={h - top} className="dyn-bar" />
            <text x={x(i + 0.5)} y={Math.min(top, h) - 5} textAnchor="middle" className="dyn-bar-label">
              {total === 0 ? '' : `${v.toLocaleString('en-US')} (${percent(s, s < 0.01 ? 2 : 1)})`}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}

/**
 * t-visibility (PBS): the probability that a read returns the latest committed write, against
 * the time between the commit and the read's start. The dashed line is PBS's prediction (closed
 * form or WARS), drawn only where its assumptions hold.
 */
export function VisibilityPlot({ width, height, at, series, config, theory }: PlotProps & { at: MetricsAt; series: Series; config: DynamoConfig; theory: StalenessTheory }) {
  const label = theory.method === 'closed-form' ? 'closed form, writes reach only W' : 'WARS, with coordinator locality';
  const legend: LegendItem[] = [{ label: 'measured', color: READ }, ...(theory.tVisibility ? [{ label, color: THEORY, dashed: true }] : [])];
  const { w, h } = inner(width, height, legend);
  const edges = Array.from(series.visEdges);
  const step = edges.length > 1 ? edges[edges.length - 1]! - edges[edges.length - 2]! : 1;
  const xs = edges.map((e, i) => (i + 1 < edges.length ? (e + edges[i + 1]!) / 2 : e + step / 2));
  const probes = config.workload.probeDelaysMs.length > 0;
  const points = edges.map((e, i) => ({ x: probes ? e : xs[i]!, reads: at.visReads[i]!, p: share(at.visFresh[i]!, at.visReads[i]!) })).filter((d) => d.reads > 0);
  const maxX = Math.max(1, edges[edges.length - 1]! + (probes ? 0 : step));
  const x = d3.scaleLinear().domain([0, maxX]).range([0, w]);
  const times = visibilityTimes(series.visEdges, probes);
  const predicted = theory.tVisibility ? times.map((t, i) => ({ x: t, p: theory.tVisibility![i]! })) : [];
  const lowest = Math.min(1, ...points.map((d) => d.p), ...predicted.map((d) => d.p));
  const y = d3.scaleLinear().domain([Math.max(0, lowest - 0.05), 1]).nice().range([h, 0]);
  const path = d3.line<{ x: number; p: number }>().x((d) => x(d.x)).y((d) => y(d.p));
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel={`time after commit (ms)${probes ? ', probe reads' : ''}`} yLabel="saw the latest write" xFormat={(v) => String(+v.toPrecision(3))} yFormat={(v) => percent(v, 0)} label="t-visibility" legend={legend}>
      <path d={path(points) ?? ''} fill="none" stroke={READ} strokeWidth={2} />
      {predicted.length > 0 && <path d={path(predicted) ?? ''} fill="none" className="dyn-theory" />}
      {points.map((d, i) => (
        <circle key={i} cx={x(d.x)} cy={y(d.p)} r={3.5} fill={READ}>
          <title>{`${formatMs(d.x)} after commit: ${percent(d.p, 2)} of ${d.reads.toLocaleString('en-US')} reads saw the latest write`}</title>
        </circle>
      ))}
      {points.length === 0 && (
        <text x={w / 2} y={h / 2} textAnchor="middle" className="dyn-empty-chart">
          No read of a written key yet
        </text>
      )}
    </Chart>
  );
}

/** k-staleness: reads within k versions of the latest, measured and in closed form (1 − p^k with coordinator locality), where it holds. */
export function KStalenessPlot({ width, height, at, theory }: PlotProps & { at: MetricsAt; theory: StalenessTheory }) {
  const closed = theory.withinK;
  const legend: LegendItem[] = [{ label: 'measured', color: MEASURED, box: true }, ...(closed ? [{ label: 'closed form, writes reach only W', color: THEORY, dashed: true }] : [])];
  const { w, h } = inner(width, height, legend);
  const rows = at.withinK.filter((d) => d.reads > 0);
  const lowest = Math.min(1, ...rows.map((d) => d.within / d.reads), ...(closed ?? []));
  const x = d3.scaleLinear().domain([0.5, at.withinK.length + 0.5]).range([0, w]);
  const y = d3.scaleLinear().domain([Math.max(0, lowest - 0.05), 1]).nice().range([h, 0]);
  const bw = (w / at.withinK.length) * 0.55;
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="k (versions)" yLabel="within k versions" xTicks={at.withinK.map((d) => d.k)} xFormat={(v) => String(v)} yFormat={(v) => percent(v, 0)} label="k-staleness" legend={legend}>
      {at.withinK.map((d, i) => {
        const p = share(d.within, d.reads);
        const predicted = closed?.[i];
        return (
          <g key={d.k}>
            {Number.isFinite(p) && <rect x={x(d.k) - bw / 2} width={bw} y={y(p)} height={h - y(p)} className="dyn-bar" />}
            {predicted !== undefined && <line x1={x(d.k) - bw / 2 - 4} x2={x(d.k) + bw / 2 + 4} y1={y(predicted)} y2={y(predicted)} className="dyn-theory" />}
            <title>{`k = ${d.k}: ${Number.isFinite(p) ? percent(p, 2) : 'no reads'} measured over ${d.reads.toLocaleString('en-US')} reads${predicted !== undefined ? `; the closed form gives ${percent(predicted, 2)}` : ''}`}</title>
          </g>
        );
      })}
    </Chart>
  );
}

/** Replica operations per node up to the player's time, with the mean and the ±15% band of §6.2. */
export function LoadPlot({ width, height, at, members, total }: PlotProps & { at: MetricsAt; members: number[]; total: number }) {
  const { w, h } = inner(width, height);
  const loads = members.map((m) => at.load[m]!);
  const mean = loads.reduce((s, v) => s + v, 0) / Math.max(1, loads.length);
  const x = d3.scaleLinear().domain([0, members.length]).range([0, w]);
  const y = d3.scaleLinear().domain([0, Math.max(1, ...loads, mean * 1.2)]).nice().range([h, 0]);
  const bw = Math.max(2, (w / members.length) * 0.7);
  return (
    <Chart
      width={width}
      height={height}
      x={x}
      y={y}
      xLabel="node"
      yLabel="replica operations"
      {...nodeAxis(members, w)}
      yFormat={(v) => d3.format('~s')(v)}
      label="Load per node"
    >
      <rect x={0} width={w} y={y(mean * 1.15)} height={y(mean * 0.85) - y(mean * 1.15)} className="dyn-band" />
      {members.map((m, i) => (
        <rect key={m} x={x(i) + (w / members.length - bw) / 2} width={bw} y={y(loads[i]!)} height={h - y(loads[i]!)} fill={nodeColor(m, total)}>
          <title>{`${nodeName(m)}: ${loads[i]!.toLocaleString('en-US')} replica operations (${percent(loads[i]! / Math.max(1e-9, mean) - 1, 0)} against the mean)`}</title>
        </rect>
      ))}
      <line x1={0} x2={w} y1={y(mean)} y2={y(mean)} className="dyn-mean" />
    </Chart>
  );
}


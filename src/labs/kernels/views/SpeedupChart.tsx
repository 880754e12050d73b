import * as d3 from 'd3';
import type { BackendTiming } from '../../../engines/kernels/api.ts';
import { Chart, inner } from '../../../ui/chart/Chart.tsx';
import { BackendMarker, backendStyle, IDEAL_COLOR } from '../backends.tsx';
import { formatCount, formatMillis, formatRatio } from '../format.ts';
import { bySize, byWorkers, type SpeedupPoint } from '../speedups.ts';

interface Props {
  timings: readonly BackendTiming[];
  by: 'size' | 'workers';
  /** The scenario's worker count (the parallel series by size) and size (the series by workers). */
  workers: number;
  size: number;
  width: number;
  height: number;
  fontSize: number;
}

/** Log-scale ticks for a ratio axis: 1, 2, 5, 10, ... within the domain (powers of ten alone over more than two decades). */
function ratioTicks([lo, hi]: [number, number]): number[] {
  const ticks: number[] = [];
  const steps = Math.log10(hi / lo) > 2 ? [1] : [1, 2, 5];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of steps) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
    }
  }
  return ticks;
}

/** A tick's ratio, as short as it can be written (0.05×, not 0.050×), to stay clear of the axis label. */
const tickRatio = (r: number) => `${Number(r.toPrecision(2))}×`;

/** End-of-line labels pushed apart vertically so that no two overlap (they keep their order). */
function spreadLabels(ys: number[], gap: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) order[k]!.y = Math.max(order[k]!.y, order[k - 1]!.y + gap);
  const out = ys.slice();
  for (const o of order) out[o.i] = o.y;
  return out;
}

function Series({ points, color, id, x, y, label, labelY, fontSize }: { points: SpeedupPoint[]; color: string; id: BackendTiming['backend']; x: (v: number) => number; y: (v: number) => number; label: string; labelY: number; fontSize: number }) {
  const path = d3.line<SpeedupPoint>().x((p) => x(p.x)).y((p) => y(p.speedup))(points) ?? '';
  const last = points[points.length - 1]!;
  return (
    <g className="kn-series" data-backend={id} data-points={points.length}>
      <path d={path} fill="none" stroke={color} strokeWidth={2.5} />
      {points.map((p, i) => (
        <g key={i}>
          <BackendMarker id={id} x={x(p.x)} y={y(p.speedup)} size={fontSize * 6} />
          <circle cx={x(p.x)} cy={y(p.speedup)} r={fontSize} fill="transparent">
            <title>{`${label}: ${formatRatio(p.speedup)} naive at ${formatCount(p.timing.size)} elements, ${p.timing.workers} worker${p.timing.workers === 1 ? '' : 's'} (${formatMillis(p.timing.millis)})`}</title>
          </circle>
        </g>
      ))}
      <text x={x(last.x) + 9} y={labelY} dy="0.35em" fill={color} fontSize={fontSize} fontWeight={700} className="kn-series-label">
        {label}
      </text>
    </g>
  );
}

/**
 * Speed-up against naive, on log scales: by array size (each backend) or by worker count (the
 * parallel and WASM backends beside the ideal line, the fused speed-up times the workers). Direct labels
 * and marker shapes name the lines, so colour is never the only cue.
 */
export function SpeedupChart({ timings, by, workers, size, width, height, fontSize }: Props) {
  const { w, h } = inner(width, height, undefined, fontSize);
  const labelRoom = fontSize * 5.5;
  if (by === 'size') {
    const series = bySize(timings, workers);
    const all = series.flatMap((s) => s.points);
    const sizes = [...new Set(all.map((p) => p.x))];
    const ratios = [1, ...all.map((p) => p.speedup)];
    const [xlo, xhi] = d3.extent(sizes) as [number, number];
    const x = d3
      .scaleLog()
      .domain(xlo === undefined ? [1, 10] : xlo === xhi ? [xlo / 3, xhi * 3] : [xlo / 1.5, xhi * 1.5])
      .range([0, w - labelRoom]);
    const ydom: [number, number] = [Math.min(...ratios) / 1.5, Math.max(...ratios) * 1.5];
    const y = d3.scaleLog().domain(ydom).range([h, 0]);
    const labelYs = spreadLabels(series.map((s) => y(s.points[s.points.length - 1]!.speedup)), fontSize * 1.15);
    return (
      <Chart width={width} height={height} x={x} y={y} xLabel="array size (elements)" yLabel="speed-up (×)" xTicks={sizes.sort((a, b) => a - b)} xFormat={formatCount} yTicks={ratioTicks(ydom)} yFormat={tickRatio} label="Speed-up over naive by array size" font={fontSize}>
        <line x1={0} x2={w - labelRoom} y1={y(1)} y2={y(1)} stroke="#000" strokeWidth={1.5} strokeDasharray="2 3" />
        <text x={4} y={y(1) - 6} fontSize={fontSize} className="kn-ref-label">
          naive = 1×
        </text>
        {series.map((s, i) => (
          <Series key={s.backend} points={s.points} id={s.backend} color={backendStyle(s.backend).color} label={backendStyle(s.backend).name} labelY={labelYs[i]!} x={x} y={y} fontSize={fontSize} />
        ))}
      </Chart>
    );
  }
  const { parallel, wasm, ideal } = byWorkers(timings, size);
  const counts = [...new Set([1, ...parallel.map((p) => p.x), ...wasm.map((p) => p.x)])].sort((a, b) => a - b);
  const ratios = [1, ...parallel.map((p) => p.speedup), ...wasm.map((p) => p.speedup), ...ideal.map(([, v]) => v)];
  const x = d3
    .scaleLinear()
    .domain([Math.min(...counts) - 0.3, Math.max(...counts) + 0.3])
    .range([0, w - labelRoom]);
  const ydom: [number, number] = [Math.min(...ratios) / 1.5, Math.max(...ratios) * 1.5];
  const y = d3.scaleLog().domain(ydom).range([h, 0]);
  const idealPath = d3.line<[number, number]>().x((d) => x(d[0])).y((d) => y(d[1]))(ideal) ?? '';
  const lastIdeal = ideal[ideal.length - 1];
  const lastY = (points: SpeedupPoint[]) => (points.length ? y(points[points.length - 1]!.speedup) : -1e9);
  const [idealY, parallelY, wasmY] = spreadLabels([lastIdeal ? y(lastIdeal[1]) : -1e9, lastY(parallel), lastY(wasm)], fontSize * 1.15);
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel={`workers (parallel and WASM backends, ${formatCount(size)} elements)`} yLabel="speed-up (×)" xTicks={counts} xFormat={String} yTicks={ratioTicks(ydom)} yFormat={tickRatio} label="Speed-up over naive by worker count" font={fontSize}>
      <line x1={0} x2={w - labelRoom} y1={y(1)} y2={y(1)} stroke="#000" strokeWidth={1.5} strokeDasharray="2 3" />
      <text x={4} y={y(1) - 6} fontSize={fontSize} className="kn-ref-label">
        naive = 1×
      </text>
      {ideal.length > 0 && (
        <g className="kn-ideal" data-points={ideal.length}>
          <path d={idealPath} fill="none" stroke={IDEAL_COLOR} strokeWidth={2} strokeDasharray="8 5" />
          <text x={x(lastIdeal![0]) + 9} y={idealY} dy="0.35em" fill={IDEAL_COLOR} fontSize={fontSize} fontWeight={700}>
            ideal
          </text>
        </g>
      )}
      {parallel.length > 0 && <Series points={parallel} id="parallel" color={backendStyle('parallel').color} label="parallel" labelY={parallelY!} x={x} y={y} fontSize={fontSize} />}
      {wasm.length > 0 && <Series points={wasm} id="wasm" color={backendStyle('wasm').color} label="WASM" labelY={wasmY!} x={x} y={y} fontSize={fontSize} />}
    </Chart>
  );
}

import * as d3 from 'd3';
import type { BackendTiming } from '../../../engines/kernels/api.ts';
import { Chart, inner } from '../../../ui/chart/Chart.tsx';
import { backendStyle } from '../backends.tsx';
import { formatBytes } from '../format.ts';

interface Props {
  /** One timing per backend, at the scenario's size. */
  timings: readonly BackendTiming[];
  width: number;
  height: number;
  fontSize: number;
}

/**
 * Temporaries each backend allocated at the scenario's size: naive pays one array per
 * operation, fused and parallel none (or only those fusion could not remove). Each bar is named
 * under the axis and carries its value, so the colour is never the only cue.
 */
export function MemoryChart({ timings, width, height, fontSize }: Props) {
  const { w, h } = inner(width, height);
  const shown = timings.filter((t) => t.unavailable === undefined);
  const top = Math.max(1, ...shown.map((t) => t.temporaryBytes));
  const x = d3.scaleLinear().domain([0, top * 1.35]).nice().range([0, w]);
  const y = d3.scaleLinear().domain([0, Math.max(1, shown.length)]).range([0, h]);
  const band = h / Math.max(1, shown.length);
  const name = (v: number) => (shown[Math.floor(v)] ? backendStyle(shown[Math.floor(v)]!.backend).name : '');
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="bytes of temporary arrays" yLabel="" xTicks={x.ticks(Math.max(2, Math.floor(w / 90)))} xFormat={formatBytes} yTicks={shown.map((_, i) => i + 0.5)} yFormat={name} label="Temporary arrays allocated by each backend">
      {shown.map((t, i) => {
        const style = backendStyle(t.backend);
        const end = x(t.temporaryBytes);
        return (
          <g key={t.backend} data-backend={t.backend} data-bytes={t.temporaryBytes}>
            <rect x={0} width={Math.max(0, end)} y={y(i) + band * 0.2} height={band * 0.6} fill={style.color} opacity={0.85} />
            <text x={end + 6} y={y(i + 0.5)} dy="0.35em" fontSize={fontSize} fontWeight={600} className="kn-bar-label">
              {t.temporaryBytes === 0 ? 'none' : formatBytes(t.temporaryBytes)}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}

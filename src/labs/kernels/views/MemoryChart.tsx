import * as d3 from 'd3';
import type { BackendTiming } from '../../../engines/kernels/api.ts';
import { Chart, inner } from '../../../ui/Chart.tsx';
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
  const x = d3.scaleLinear().domain([0, Math.max(1, shown.length)]).range([0, w]);
  const top = Math.max(1, ...shown.map((t) => t.temporaryBytes));
  const y = d3.scaleLinear().domain([0, top * 1.15]).nice().range([h, 0]);
  const band = w / Math.max(1, shown.length);
  return (
    <Chart width={width} height={height} x={x} y={y} xLabel="backend" yLabel="temporaries allocated" xTicks={shown.map((_, i) => i + 0.5)} xFormat={(v) => (shown[Math.floor(v)] ? backendStyle(shown[Math.floor(v)]!.backend).name : '')} yFormat={formatBytes} label="Temporary arrays allocated by each backend">
      {shown.map((t, i) => {
        const style = backendStyle(t.backend);
        const barTop = y(t.temporaryBytes);
        return (
          <g key={t.backend} data-backend={t.backend} data-bytes={t.temporaryBytes}>
            <rect x={x(i) + band * 0.2} width={band * 0.6} y={barTop} height={Math.max(0, h - barTop)} fill={style.color} opacity={0.85} />
            <text x={x(i + 0.5)} y={Math.min(barTop, h) - 6} textAnchor="middle" fontSize={fontSize} fontWeight={600} className="kn-bar-label">
              {t.temporaryBytes === 0 ? 'none' : formatBytes(t.temporaryBytes)}
            </text>
          </g>
        );
      })}
    </Chart>
  );
}

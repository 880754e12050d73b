import type { KernelsResult } from '../../../engines/kernels/api.ts';
import { Figure } from '../../../ui/Figure.tsx';
import { useElementSize } from '../../../ui/useElementSize.ts';
import { formatCount } from '../format.ts';
import type { KernelsScenarioConfig } from '../scenario.ts';
import { MemoryChart } from './MemoryChart.tsx';
import { SpeedupChart } from './SpeedupChart.tsx';
import { onWorkers } from '../speedups.ts';
import { mainTimings, TimingTable } from './TimingTable.tsx';

interface Props {
  result: KernelsResult;
  /** The config the result was measured with. */
  config: KernelsScenarioConfig;
  stale: boolean;
  by: 'size' | 'workers';
  onBy(by: 'size' | 'workers'): void;
  fontSize: number;
  /** Presentation mode: the table and the speed-up chart only, large. */
  compact: boolean;
}

const ORDER = ['naive', 'fused', 'parallel', 'wasm', 'webgpu'] as const;

const show = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(6));

/** What the program returned (from the naive run): a scalar's value, an array's first elements. */
function Outputs({ outputs }: { outputs: KernelsResult['summary']['outputs'] }) {
  return (
    <ul className="kn-outputs" aria-label="Outputs">
      {outputs.map((o, i) => (
        <li key={i}>
          <code>{o.name}</code>
          {o.kind === 'scalar' ? (
            <>
              {' = '}
              <strong className="mono">{show(o.first[0] ?? NaN)}</strong>
            </>
          ) : (
            <>
              {': '}
              <span className="mono">{o.first.slice(0, 4).map(show).join(', ')}, …</span> <span className="muted">({formatCount(o.elements)} values)</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The run's measurements: a table per backend, the speed-up chart, and the temporaries each allocated. */
export function Results({ result, config, stale, by, onBy, fontSize, compact }: Props) {
  const [box, size] = useElementSize<HTMLDivElement>();
  const { timings, compilation } = result.summary;
  const mainSize = timings.some((t) => t.size === config.size) ? config.size : (timings[0]?.size ?? config.size);
  const main = mainTimings(timings, mainSize, config.workers, ORDER);
  const image = compilation.params.some((p) => p.kind === 'image');
  const picture = result.trace.images;
  const sizes = new Set(timings.map((t) => t.size)).size;
  const workerCounts = new Set(timings.filter((t) => onWorkers(t.backend)).map((t) => t.workers)).size;
  // The chosen view when it has two points or more to draw, else the other one.
  const chartBy = (by === 'size' ? sizes : workerCounts) >= 2 ? by : sizes >= 2 ? 'size' : 'workers';
  const width = Math.max(280, size.width - 18);
  const chartWidth = compact ? width : Math.max(280, Math.floor(width * 0.6) - 8);
  const height = compact ? 330 : 260;
  return (
    <div className={`kn-results${stale ? ' stale' : ''}${compact ? ' kn-compact' : ''}`} ref={box} aria-label="Results" role="region">
      <section className="panel kn-panel">
        <div className="kn-panel-bar">
          <h3>{image && picture ? `Timings on the ${picture.width}×${picture.height} image` : `Timings at ${formatCount(mainSize)} elements`}</h3>
          {stale && <span className="kn-stale">the program or the settings changed since this run</span>}
        </div>
        <TimingTable timings={main} all={timings} compilation={compilation} unit={image ? 'pixels' : 'elements'} />
        <Outputs outputs={result.summary.outputs} />
      </section>
      <div className="kn-charts">
        <Figure
          title="Speed-up over naive"
          exportName={`kernels-${compilation.name}-speedup`}
          className="kn-fig-speedup"
          actions={
            <span className="kn-tabs" role="group" aria-label="Speed-up by">
              <button type="button" aria-pressed={chartBy === 'size'} className={chartBy === 'size' ? 'active' : ''} disabled={sizes < 2} onClick={() => onBy('size')} title={sizes < 2 ? 'Add chart sizes in the run settings' : undefined}>
                by size
              </button>
              <button type="button" aria-pressed={chartBy === 'workers'} className={chartBy === 'workers' ? 'active' : ''} onClick={() => onBy('workers')}>
                by workers
              </button>
            </span>
          }
        >
          <div data-testid="speedup-chart" data-by={chartBy}>
            <SpeedupChart timings={timings} by={chartBy} workers={config.workers} size={mainSize} width={chartWidth} height={height} fontSize={fontSize} />
          </div>
        </Figure>
        {!compact && (
          <Figure title="Temporaries allocated" exportName={`kernels-${compilation.name}-memory`} className="kn-fig-memory">
            <div data-testid="memory-chart">
              <MemoryChart timings={main} width={Math.max(220, width - chartWidth - 24)} height={height} fontSize={fontSize} />
            </div>
          </Figure>
        )}
      </div>
    </div>
  );
}

import type { BackendId, BackendTiming, Compilation } from '../../../engines/kernels/api.ts';
import { BackendSwatch, backendStyle } from '../backends.tsx';
import { formatBytes, formatCount, formatMillis, formatRate, formatRatio } from '../format.ts';
import { naiveTimes, onWorkers, speedupOf } from '../speedups.ts';

interface Props {
  /** The timings at the scenario's size (and, for parallel, its worker count), one per backend. */
  timings: readonly BackendTiming[];
  all: readonly BackendTiming[];
  compilation: Compilation;
  /** What one element is, for the throughput column ("options"). */
  unit: string;
}

/** Agreement with naive, in words a reader can check: bitwise, or within so many ulps. */
function agreement(t: BackendTiming): string {
  if (t.backend === 'naive') return 'reference';
  if (t.maxUlpsFromNaive === 0) return 'bitwise equal';
  return `≤ ${t.maxUlpsFromNaive.toLocaleString('en-US')} ulp${t.maxUlpsFromNaive === 1 ? '' : 's'}${t.backend === 'webgpu' ? ' (float32)' : ''}`;
}

/**
 * One row per backend at the user's size: median time, throughput, speed-up over naive measured
 * in the same run, temporaries allocated, and whether its answer agrees with naive's.
 */
export function TimingTable({ timings, all, compilation, unit }: Props) {
  const naive = naiveTimes(all);
  const temporaries = compilation.domain.edges.filter((e) => e.temporary).length;
  return (
    <div className="kn-table-box">
    <table className="data kn-timings" aria-label="Timings">
      <thead>
        <tr>
          <th>backend</th>
          <th className="num">time (median)</th>
          <th className="num kn-col-rate">{unit}/s</th>
          <th className="num">vs naive</th>
          <th className="num kn-col-temp">temporaries</th>
          <th>result</th>
        </tr>
      </thead>
      <tbody>
        {timings.map((t) => {
          const style = backendStyle(t.backend);
          const s = speedupOf(t, naive);
          return (
            <tr key={`${t.backend}-${t.workers}`} data-backend={t.backend} data-available={t.unavailable === undefined ? 'yes' : 'no'}>
              <td title={style.description}>
                <BackendSwatch id={t.backend} /> <strong>{style.name}</strong>
                {onWorkers(t.backend) && <span className="muted"> ({t.workers} worker{t.workers === 1 ? '' : 's'})</span>}
              </td>
              {t.unavailable !== undefined ? (
                <td colSpan={5} className="kn-unavailable">
                  {t.unavailable}
                </td>
              ) : (
                <>
                  <td className="num">{formatMillis(t.millis)}</td>
                  <td className="num kn-col-rate">{formatRate(t.size, t.millis)}</td>
                  <td className="num">
                    <strong>{s === undefined ? '–' : formatRatio(s)}</strong>
                  </td>
                  <td className="num kn-col-temp" title={t.backend === 'naive' ? `${temporaries} temporary arrays of ${formatCount(t.size)} elements` : undefined}>
                    {t.temporaryBytes === 0 ? 'none' : formatBytes(t.temporaryBytes)}
                  </td>
                  <td title={`checksum ${t.checksum}`}>
                    <span className={t.maxUlpsFromNaive === 0 || t.backend === 'naive' ? 'kn-agree' : 'kn-close'}>{agreement(t)}</span>
                  </td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
    </div>
  );
}

/** The timings a table and the memory chart show: the scenario's size, parallel and wasm at its worker count, backends in order. */
export function mainTimings(all: readonly BackendTiming[], size: number, workers: number, order: readonly BackendId[]): BackendTiming[] {
  return order.flatMap((b) => {
    const t = all.find((x) => x.backend === b && x.size === size && (!onWorkers(b) || x.workers === workers)) ?? all.find((x) => x.backend === b && x.size === size);
    return t ? [t] : [];
  });
}

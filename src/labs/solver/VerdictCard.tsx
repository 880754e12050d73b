import type { SolverSummary } from '../../engines/solver/result.ts';
import { formatValue } from './SliceView.tsx';
import { completion } from '../../ui/chart/format.ts';

const BADGE = { holds: 'badge-ok', violated: 'badge-err', unknown: 'badge-warn' } as const;
const STRATEGY = {
  reluplex: 'Reluplex (2017)',
  symbolic: 'symbolic bounds + input splitting',
  interval: 'interval bounds + input splitting',
  bab: 'ReLU branch and bound (β-CROWN)',
  auto: 'automatic',
} as const;

/** The answer: holds, violated (with the counterexample and its advisory) or unknown, and the run's statistics. */
export function VerdictCard({ summary, elapsedMs, stale }: { summary: SolverSummary | undefined; elapsedMs: number | undefined; stale: boolean }) {
  if (!summary) return <p className="solver-empty">No result yet: press Verify.</p>;
  const s = summary.stats;
  const cex = summary.counterexample;
  return (
    <div className={`verdict${stale ? ' stale' : ''}`} data-testid="verdict" data-verdict={summary.verdict}>
      <p className="verdict-line">
        <span className={`badge verdict-badge ${BADGE[summary.verdict]}`}>{summary.verdict}</span>
        <span className="verdict-strategy">
          {STRATEGY[summary.strategy]}
          {summary.chosen === 'auto' ? ' (chosen automatically)' : ''}
        </span>
        {stale && <span className="verdict-stale"> (for earlier settings)</span>}
      </p>
      <p className="verdict-explanation">{summary.explanation}</p>
      {cex && (
        <table className="data cex-table" aria-label="Counterexample">
          <thead>
            <tr>
              <th>input</th>
              <th className="num">value</th>
              <th>output</th>
              <th className="num">score</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: Math.max(cex.input.length, cex.outputs.length) }, (_, i) => (
              <tr key={i}>
                <td>{summary.property.inputNames[i] ?? ''}</td>
                <td className="num">{i < cex.input.length ? formatValue(cex.input[i]!) : ''}</td>
                <td className={summary.property.outputNames[i] === cex.advisory ? 'advisory' : ''}>{summary.property.outputNames[i] ?? ''}</td>
                <td className={`num${summary.property.outputNames[i] === cex.advisory ? ' advisory' : ''}`}>{i < cex.outputs.length ? formatValue(cex.outputs[i]!) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cex && (
        <p className="verdict-note">
          Advisory at the counterexample: <strong>{cex.advisory}</strong>
          {summary.property.cases > 1 ? ` (case ${cex.caseIndex + 1} of the property)` : ''}; certified slack {formatValue(cex.margin)}.
        </p>
      )}
      <dl className="stats">
        <dt>nodes</dt>
        <dd>{s.nodes.toLocaleString('en-US')}</dd>
        <dt>splits</dt>
        <dd>{s.splits.toLocaleString('en-US')}</dd>
        <dt>max split depth</dt>
        <dd>
          {s.maxDepth}
          {summary.strategy === 'reluplex' && summary.network.activations.every((a) => a === 'relu' || a === 'identity') ? ` of ${summary.network.nonlinear}` : ''}
        </dd>
        {summary.strategy === 'reluplex' ? (
          <>
            <dt>pivots</dt>
            <dd>{s.pivots.toLocaleString('en-US')}</dd>
            <dt>updates</dt>
            <dd>{s.updates.toLocaleString('en-US')}</dd>
          </>
        ) : (
          <>
            <dt>bound passes</dt>
            <dd>{s.boundComputations.toLocaleString('en-US')}</dd>
          </>
        )}
        <dt>covered</dt>
        <dd>{completion(s.covered)}</dd>
        {elapsedMs !== undefined && (
          <>
            <dt>time</dt>
            <dd>{(elapsedMs / 1000).toFixed(2)} s</dd>
          </>
        )}
        {s.spurious > 0 && (
          <>
            <dt>spurious</dt>
            <dd>{s.spurious}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

import type { CSSProperties } from 'react';
import type { ExploreSummary } from '../../../engines/lvars/index.ts';
import { failureName } from '../../../engines/lvars/explore/outcome.ts';
import { MarkIcon } from '../../../ui/chart/palette.tsx';
import { outcomeCategory } from './ScheduleTree.tsx';

const VERDICT = {
  deterministic: { badge: 'badge-ok', text: 'Deterministic', explain: 'every schedule explored ends the same way' },
  'always-fails': { badge: 'badge-err', text: 'Always fails', explain: 'every schedule explored ends in the same error (below)' },
  'quasi-deterministic': { badge: 'badge-warn', text: 'Quasi-deterministic', explain: 'one value, or an error: never two different values (POPL’14, Theorem 1)' },
  nondeterministic: { badge: 'badge-err', text: 'Nondeterministic', explain: 'two schedules give two different values' },
  inconclusive: { badge: 'badge-warn', text: 'No verdict', explain: 'no complete run within the budget: no schedule ran to its end' },
} as const;

/** Sleep sets and DPOR count the schedules they explored, not all schedules. */
const representative = (s: ExploreSummary) => s.dpor || s.por;

const explorerName = (s: ExploreSummary) =>
  s.dpor ? 'by DPOR (source sets + sleep sets)' : s.reduction ? (s.por ? 'with state caching and sleep sets' : 'with state caching') : s.por ? 'with sleep sets' : 'with no reduction';

const fmt = (n: number) => (n >= 1e15 ? n.toExponential(2) : Math.round(n).toLocaleString('en-US'));

/** The verdict over what was explored, and every outcome with its count and a witness to replay. */
export function Outcomes({ summary, selected, onReplay }: { summary: ExploreSummary; selected: string[]; onReplay(witness: string[]): void }) {
  const v = VERDICT[summary.verdict];
  const sameWitness = (w: string[]) => w.length === selected.length && w.every((t, i) => t === selected[i]);
  return (
    <section className="lv-outcomes" aria-label="Outcomes">
      <div className="lv-verdict">
        <span className={`badge ${v.badge} lv-verdict-badge`} data-testid="verdict">
          {v.text}
        </span>
        <span className="muted">{v.explain}</span>
      </div>
      <VerdictDetail summary={summary} />
      <p className="lv-coverage">
        {summary.mode === 'exhaustive' ? (
          <>
            {representative(summary) ? `${fmt(summary.schedules)} representative schedule${summary.schedules === 1 ? '' : 's'} (at least one per class of equivalent interleavings)` : `${fmt(summary.schedules)} schedule${summary.schedules === 1 ? '' : 's'}`}
            , <span data-testid="explore-counts">{fmt(summary.states)} configurations, {fmt(summary.transitions)} steps, {fmt(summary.pruned)} pruned</span>, {explorerName(summary)}.{' '}
            {summary.exhaustive ? <strong>Every outcome was found.</strong> : <strong className="warn">Stopped early ({summary.stoppedBy === 'states' ? 'state limit' : summary.stoppedBy === 'time' ? 'time budget' : 'step budget'}): not every schedule was explored.</strong>}
          </>
        ) : (
          <>
            {fmt(summary.schedules)} random schedules, {fmt(summary.states)} steps. <SamplingNote summary={summary} />{' '}
            <strong className="warn">Sampled, not exhaustive.</strong>
          </>
        )}
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>outcome</th>
            <th className="num">schedules</th>
            <th>witness</th>
          </tr>
        </thead>
        <tbody>
          {summary.outcomes.map((o, i) => (
            <tr key={i} className={sameWitness(o.witness) ? 'selected' : ''}>
              <td>
                <span className="lv-dot">
                  <MarkIcon category={outcomeCategory(summary.outcomes, i)} size={14} />
                </span>
                <span className={`badge ${o.kind === 'value' ? 'badge-ok' : o.kind === 'error' ? 'badge-err' : 'badge-warn'}`}>{o.kind === 'value' ? 'value' : o.kind === 'error' ? 'error' : 'runs forever'}</span>{' '}
                <span className={o.kind === 'value' ? 'mono lv-value' : ''}>{o.text}</span>
              </td>
              <td className="num lv-histogram" style={{ '--share': `${summary.schedules > 0 ? (100 * o.count) / summary.schedules : 0}%` } as CSSProperties}>
                {fmt(o.count)}
                {summary.schedules > 0 && <span className="muted"> ({((100 * o.count) / summary.schedules).toFixed(o.count === summary.schedules ? 0 : 1)}%)</span>}
              </td>
              <td>
                <button type="button" onClick={() => onReplay(o.witness)} title={`Schedule: ${o.witness.join(' → ') || '(no choices)'}`}>
                  Replay ({o.witness.length} steps)
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** What the verdict rests on: the one value (for quasi-determinism, the value of every schedule that succeeds) and each kind of failure, with its line. */
function VerdictDetail({ summary }: { summary: ExploreSummary }) {
  if (summary.failures.length === 0 && summary.verdict !== 'quasi-deterministic') return null;
  return (
    <p className="lv-verdict-detail" data-testid="verdict-detail">
      {summary.value !== undefined && (
        <>
          value <span className="mono lv-value">{summary.value}</span>
          {summary.failures.length > 0 && ', or '}
        </>
      )}
      {summary.failures.map((f, i) => (
        <span key={i} className="lv-failure">
          {i > 0 && '; '}
          <strong>{failureName(f.kind)}</strong>
          {f.line !== undefined && ` on line ${f.line}`}
          <span className="muted"> ({fmt(f.count)} schedule{f.count === 1 ? '' : 's'})</span>
        </span>
      ))}
    </p>
  );
}

/** A power of ten as text: 1,234 below 10^15, else 10^42. */
const pow10 = (log10: number) => (log10 < 15 ? fmt(10 ** log10) : `10^${Math.round(log10)}`);

/** How much of the schedule space the random samples cover (distinct schedules, Knuth's estimate of the whole). */
function SamplingNote({ summary }: { summary: ExploreSummary }) {
  const s = summary.sampling;
  if (!s) return null;
  const log10Share = Math.log10(s.distinct) - s.log10Space;
  const share = log10Share > -4 ? `${Math.min(100, 100 * 10 ** log10Share).toPrecision(2)}%` : `about 1 in ${pow10(-log10Share)}`;
  return (
    <span data-testid="sampling">
      {fmt(s.distinct)} distinct, of about {pow10(s.log10Space)} schedules in all (Knuth&rsquo;s estimate): {share} of the space sampled.
    </span>
  );
}

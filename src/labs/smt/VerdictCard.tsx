import type { SmtSummary } from '../../engines/smt/api.ts';
import { count, duration } from './views/text.ts';

const BADGE = { sat: 'badge-err', unsat: 'badge-ok', unknown: 'badge-warn' } as const;

/** The answer, the checked model, and what the search cost. */
export function VerdictCard({ summary, stale, exported }: { summary: SmtSummary | undefined; stale: boolean; exported: boolean }) {
  if (!summary) return <p className="smt-empty">No answer yet: press Solve.</p>;
  const s = summary.sat;
  const m = summary.model;
  return (
    <div className={`verdict${stale ? ' stale' : ''}`} data-testid="verdict" data-verdict={summary.verdict}>
      <p className="verdict-line">
        <span className={`badge verdict-badge ${exported ? BADGE[summary.verdict] : 'badge-info'}`}>{summary.verdict}</span>
        {exported && summary.verdict !== 'unknown' && <span className="verdict-strategy">{summary.verdict === 'unsat' ? 'the property holds: no unsafe input' : 'the property is violated: the model is a counterexample'}</span>}
        {stale && <span className="verdict-stale"> (for earlier settings)</span>}
      </p>
      <p className="verdict-explanation">{summary.explanation}</p>
      {m && (m.booleans.length > 0 || m.reals.length > 0 || m.literals.length > 0) && (
        <details className="smt-model" open={m.reals.length + m.booleans.length <= 12}>
          <summary>
            Model{m.checked ? ', checked against every ' + (summary.input.kind === 'dimacs' ? 'clause' : 'assertion in exact arithmetic') : ' (not checked)'}
          </summary>
          {m.literals.length > 0 && <p className="smt-literals">{m.literals.slice(0, 200).join(' ')}{m.literals.length > 200 ? ' …' : ''}</p>}
          {(m.reals.length > 0 || m.booleans.length > 0) && (
            <table className="data" aria-label="Model">
              <tbody>
                {m.reals.slice(0, 60).map((r) => (
                  <tr key={r.name}>
                    <td>{r.name}</td>
                    <td className="num" title={r.exact}>
                      {r.decimal}
                    </td>
                  </tr>
                ))}
                {m.booleans.slice(0, 60).map((b) => (
                  <tr key={b.name}>
                    <td>{b.name}</td>
                    <td className="num">{String(b.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </details>
      )}
      <dl className="smt-stats">
        <dt>variables</dt>
        <dd>{count(summary.input.booleanVariables)}</dd>
        <dt>clauses</dt>
        <dd>{count(summary.input.clauses)}</dd>
        <dt>decisions</dt>
        <dd>{count(s.decisions)}</dd>
        <dt>propagations</dt>
        <dd>{count(s.propagations)}</dd>
        <dt>conflicts</dt>
        <dd>{count(s.conflicts)}</dd>
        <dt>learnt</dt>
        <dd>{count(s.learnt)}</dd>
        <dt>deleted</dt>
        <dd>{count(s.deleted)}</dd>
        <dt>restarts</dt>
        <dd>{count(s.restarts)}</dd>
        {summary.theory && (
          <>
            <dt>theory checks</dt>
            <dd>{count(summary.theory.checks)}</dd>
            <dt>theory conflicts</dt>
            <dd>{count(summary.theory.conflicts)}</dd>
            <dt>pivots</dt>
            <dd>{count(summary.theory.pivots)}</dd>
          </>
        )}
        <dt>time</dt>
        <dd>{duration(summary.elapsedMs)}</dd>
      </dl>
    </div>
  );
}

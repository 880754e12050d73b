import type { Frame } from '../../../engines/lvars/explore/replay.ts';
import { threadLabel } from '../threads.ts';

/** What the current step did: the shared operation, and every reduction with the rule it took. */
export function StepLog({ frame, index }: { frame: Frame; index: number }) {
  return (
    <div className="lv-steplog">
      <p className="lv-step-head">
        {frame.thread === null ? (
          <>Step 0: the initial configuration (main runs up to its first shared operation).</>
        ) : (
          <>
            Step {index}: <strong className="mono">{threadLabel(frame.thread)}</strong> performs <code>{frame.op}</code>
            {frame.loc && <span className="muted"> (line {frame.loc.line})</span>}
          </>
        )}
      </p>
      <ol className="lv-rules">
        {frame.rules.map((r, i) => (
          <li key={i} className={/^E-(Put|Get|Freeze|Spawn|Add-Handler|Quiesce|Bump|Read|Write)/.test(r.rule) ? 'shared' : ''}>
            <span className="mono rule">{r.rule}</span> <span className="muted mono">{threadLabel(r.thread)} · line {r.loc.line}</span>
          </li>
        ))}
        {frame.more > 0 && <li className="muted">… and {frame.more.toLocaleString('en-US')} more reductions</li>}
      </ol>
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { RunState } from '../bridge/useEngine.ts';

interface RunPanelProps<R> {
  state: RunState<R>;
  onRun(): void;
  onCancel(): void;
  runLabel?: string;
  /** Why the Run button is disabled (a parse error, a lattice that fails its laws), if it is. */
  blockedBy?: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** Run and Cancel, a progress bar with done/total, the elapsed time, and why a run failed. */
export function RunPanel<R>({ state, onRun, onCancel, runLabel = 'Run', blockedBy }: RunPanelProps<R>) {
  const running = state.status === 'running';
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [running]);

  const elapsed = running
    ? now - (state.startedAt ?? now)
    : (state.outcome?.elapsedMs ?? 0);
  // Progress figures describe the run while it goes; once it ends, the lab's result holds the final
  // figures, so stale ones ("241 nodes" beside a result of 263) are not shown.
  const progress = running ? state.progress : undefined;
  const total = progress?.total;
  const fraction = total && total > 0 ? Math.min(1, progress.done / total) : undefined;

  return (
    // data-status (idle, running, done, failed) is the page's signal that a run ended, for tests and tours.
    <div className="run-panel" aria-label="Run" data-status={state.status}>
      {running ? (
        <button type="button" className="danger" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        <button type="button" className="primary" onClick={onRun} disabled={blockedBy !== undefined} title={blockedBy}>
          {runLabel}
        </button>
      )}
      <div className="run-progress">
        <progress
          max={1}
          value={running ? fraction : state.status === 'done' ? 1 : 0}
          aria-label="Run progress"
        />
        <span className="run-numbers">
          {progress && (
            <>
              {progress.done.toLocaleString('en-US')}
              {total !== undefined && ` / ${total.toLocaleString('en-US')}`} {progress.label ?? ''}
            </>
          )}
          {running && <span className="run-elapsed"> · {seconds(elapsed)}</span>}
          {!running && state.outcome && (
            <span className="run-elapsed">
              {state.outcome.status === 'done' ? 'Finished' : 'Stopped'} after {seconds(elapsed)}
            </span>
          )}
          {progress?.best && <span className="run-best"> · {progress.best}</span>}
        </span>
      </div>
      {state.status === 'failed' && state.outcome?.status === 'failed' && state.outcome.error.kind !== 'cancelled' && (
        <p role="alert" className="run-error">
          {state.outcome.error.message}
        </p>
      )}
      {state.outcome?.status === 'failed' && state.outcome.error.kind === 'cancelled' && (
        <p className="run-note">Cancelled. Nothing was changed.</p>
      )}
      {blockedBy && !running && <p className="run-note">{blockedBy}</p>}
    </div>
  );
}

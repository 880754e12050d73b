import type { Replay } from '../../../engines/lvars/explore/replay.ts';
import type { ExploreSummary } from '../../../engines/lvars/index.ts';
import { threadLabel, threadTitle } from '../threads.ts';

interface Props {
  replay: Replay;
  exploration: ExploreSummary | undefined;
  onChoose(thread: string): void;
  onUndo(): void;
  onRestart(): void;
}

/** Adversarial mode: the user is the scheduler and picks the thread that moves next. */
export function SchedulerControls({ replay, exploration, onChoose, onUndo, onRestart }: Props) {
  const last = replay.frames[replay.frames.length - 1];
  const ready = last?.threads.filter((t) => last.runnable.includes(t.id)) ?? [];
  const known = exploration?.outcomes.find((o) => replay.ending && o.kind === replay.ending.kind && o.text === replay.ending.text);
  return (
    <div className="lv-scheduler" role="group" aria-label="You are the scheduler" data-picks={replay.schedule.length}>
      <strong>You are the scheduler.</strong>{' '}
      {replay.ending ? (
        <span className="lv-ending" role="status">
          The program ended: <span className="mono">{replay.ending.text}</span>.{' '}
          {exploration &&
            (known
              ? exploration.verdict === 'nondeterministic'
                ? 'One of the outcomes the explorer found: this program is nondeterministic.'
                : 'The same outcome the explorer found for every schedule.'
              : exploration.exhaustive
                ? 'The explorer did not find this outcome!'
                : 'The explorer (not exhaustive) had not found this outcome.')}
        </span>
      ) : (
        <span className="muted">Pick the thread that moves next:</span>
      )}
      <span className="lv-choices">
        {ready.map((t) => (
          <button key={t.id} type="button" onClick={() => onChoose(t.id)} title={threadTitle(t.id)}>
            <span className="mono">{threadLabel(t.id)}</span>: {t.op}
          </button>
        ))}
      </span>
      <button type="button" className="quiet" onClick={onUndo} disabled={replay.schedule.length === 0}>
        Undo
      </button>
      <button type="button" className="quiet" onClick={onRestart} disabled={replay.schedule.length === 0}>
        Restart
      </button>
    </div>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { Caption } from '../player/Caption.tsx';
import { useTourKeys } from '../player/useTourKeys.ts';
import { openChannel, type PresenterMessage } from './channel.ts';
import '../teaching.css';

type State = Extract<PresenterMessage, { type: 'state' }>;

/**
 * The presenter's second window (`?presenter=1`): the step on the projector, a preview of the
 * next one, and the keys to move both. It follows the main window over a BroadcastChannel.
 */
export function PresenterView() {
  const [state, setState] = useState<State | 'ended'>();
  const channel = useMemo(() => openChannel((m) => (m.type === 'state' ? setState(m) : m.type === 'ended' ? setState('ended') : undefined)), []);
  useEffect(() => {
    channel.post({ type: 'hello' });
    return () => channel.close();
  }, [channel]);

  const keys = useMemo(() => {
    const go = (index: number) => {
      if (typeof state === 'object') channel.post({ type: 'go', index: Math.min(state.steps.length - 1, Math.max(0, index)) });
    };
    const at = typeof state === 'object' ? state.index : 0;
    return { next: () => go(at + 1), back: () => go(at - 1), edge: (e: 'start' | 'end') => go(e === 'start' ? 0 : Number.MAX_SAFE_INTEGER), exit: () => {} };
  }, [channel, state]);
  useTourKeys(keys);

  useEffect(() => {
    document.title = 'Presenter view · Latticework';
  }, []);

  if (typeof state !== 'object')
    return (
      <main className="presenter presenter-idle" aria-label="Presenter view">
        <p>{state === 'ended' ? 'The tour has ended.' : 'Waiting for a tour in the main window…'} Start a tour there; this window follows it.</p>
      </main>
    );
  const now = state.steps[state.index];
  const next = state.steps[state.index + 1];
  return (
    <main className="presenter" aria-label="Presenter view">
      <header className="presenter-head">
        <span>{state.title}</span>
        <span className="presenter-counter" aria-label="Step">
          {state.index + 1} / {state.steps.length}
        </span>
      </header>
      <section className="presenter-now" aria-label="On the projector">
        <h2>Now · {now?.lab}</h2>
        <Caption text={now?.caption ?? ''} />
      </section>
      <section className="presenter-next" aria-label="Next step">
        <h2>Next</h2>
        {next ? <Caption text={next.caption || '(no caption)'} /> : <p>End of the tour.</p>}
      </section>
      <nav className="tour-nav">
        <button type="button" onClick={keys.back} disabled={state.index === 0}>
          ‹ Back
        </button>
        <button type="button" className="primary" onClick={keys.next} disabled={!next}>
          Next ›
        </button>
      </nav>
    </main>
  );
}

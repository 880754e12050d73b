import { useMemo, useState } from 'react';
import type { EventData } from '../../engines/solver/trace/events.ts';
import type { Namer } from './naming.ts';

interface StepLogProps {
  events: EventData | undefined;
  node: number;
  position: number;
  namer: Namer | undefined;
  onSeek(position: number): void;
}

const PAGE = 300;

/** The procedure's steps at the selected node, in order; a click moves the player there. */
export function StepLog({ events, node, position, namer, onSeek }: StepLogProps) {
  const [shown, setShown] = useState(PAGE);
  const steps = useMemo(() => {
    if (!events || node < 0) return [];
    const out: number[] = [];
    for (let i = 0; i < events.count; i++) if (events.node[i] === node) out.push(i);
    return out;
  }, [events, node]);
  if (!events || !namer) return <p className="solver-empty">The step log of the selected node appears after a run.</p>;
  if (node < 0) return <p className="solver-empty">Select a node in the search tree to see its steps.</p>;
  return (
    <div className="step-log">
      <p className="solver-caption">
        {steps.length} step{steps.length === 1 ? '' : 's'} at node {node} ({namer.node(node)})
        {events.dropped > 0 ? `; ${events.dropped.toLocaleString('en-US')} later detailed steps of the run were counted but not recorded` : ''}.
      </p>
      <ol className="step-list" aria-label={`Steps at node ${node}`}>
        {steps.slice(0, shown).map((i) => (
          <li key={i} className={i === position ? 'current' : i > position ? 'future' : ''}>
            <button type="button" className="step" onClick={() => onSeek(i)} title="Replay up to this step">
              <span className="step-index">{i}</span> {namer.event(i).replace(/^node \d+: /, '')}
            </button>
          </li>
        ))}
      </ol>
      {steps.length > shown && (
        <button type="button" className="quiet" onClick={() => setShown((s) => s + PAGE)}>
          Show {Math.min(PAGE, steps.length - shown)} more of {steps.length - shown}
        </button>
      )}
    </div>
  );
}

import type { Scenario } from '../scenario/types.ts';
import { TourEditor } from './editor/TourEditor.tsx';
import type { Tour } from './format/tour.ts';
import { BUILTIN_TOURS } from './tours/index.ts';
import './teaching.css';

interface TeachingPanelProps {
  scenario: Scenario | undefined;
  /** The scenario pinned as A for a side-by-side compare. */
  pinned: Scenario | undefined;
  onPin(scenario: Scenario): void;
  onCompare(b: Scenario): void;
  onPlay(tour: Tour, source: 'link' | 'example'): void;
  onSaveFile(tour: Tour): void;
  onProblem(message: string): void;
  onClose(): void;
}

/** The Tours panel under the header: the built-in tours, and the tour being written. */
export function TeachingPanel({ scenario, pinned, onPin, onCompare, onPlay, onSaveFile, onProblem, onClose }: TeachingPanelProps) {
  const comparable = scenario !== undefined && pinned !== undefined && pinned.lab === scenario.lab;
  return (
    <div className="teaching-panel" role="region" aria-label="Tours">
      <section className="tour-builtins" aria-label="Built-in tours">
        <h3>Guided tours</h3>
        <ul>
          {BUILTIN_TOURS.map(({ lab, tour }) => (
            <li key={lab}>
              <button type="button" onClick={() => onPlay(tour, 'example')} title={`${tour.steps.length} steps`}>
                ▶ {tour.title}
              </button>
            </li>
          ))}
        </ul>
        <p className="tour-hint">In a tour: space, → or Page Down for the next step, ← or Page Up to go back, Esc to leave.</p>
      </section>
      <section className="tour-compare" aria-label="Compare">
        <h3>Side by side</h3>
        <p className="tour-hint">{pinned ? `A: “${pinned.title}”. Change something (or open another example of the lab), then compare.` : 'Pin the open scenario as A, change it, then compare A with it.'}</p>
        <button type="button" disabled={!scenario} onClick={() => scenario && onPin(scenario)}>
          Pin this scenario as A
        </button>{' '}
        <button type="button" disabled={!comparable} onClick={() => scenario && onCompare(scenario)} title={comparable ? undefined : 'A and the open scenario must be of the same lab'}>
          Compare A with this
        </button>
      </section>
      <TourEditor scenario={scenario} onPlay={(tour) => onPlay(tour, 'link')} onSaveFile={onSaveFile} onProblem={onProblem} />
      <button type="button" className="quiet teaching-close" onClick={onClose} aria-label="Close the tours panel">
        ✕
      </button>
    </div>
  );
}

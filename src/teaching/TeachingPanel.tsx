import type { Scenario } from '../scenario/types.ts';
import { TourEditor } from './editor/TourEditor.tsx';
import type { Tour } from './format/tour.ts';
import { BUILTIN_TOURS } from './tours/index.ts';
import './teaching.css';

interface TeachingPanelProps {
  scenario: Scenario | undefined;
  onPlay(tour: Tour, source: 'link' | 'example'): void;
  onSaveFile(tour: Tour): void;
  onProblem(message: string): void;
  onClose(): void;
}

/** The Tours panel under the header: the built-in tours, and the tour being written. */
export function TeachingPanel({ scenario, onPlay, onSaveFile, onProblem, onClose }: TeachingPanelProps) {
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
      <TourEditor scenario={scenario} onPlay={(tour) => onPlay(tour, 'link')} onSaveFile={onSaveFile} onProblem={onProblem} />
      <button type="button" className="quiet teaching-close" onClick={onClose} aria-label="Close the tours panel">
        ✕
      </button>
    </div>
  );
}

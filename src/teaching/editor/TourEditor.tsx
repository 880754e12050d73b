import { useState } from 'react';
import { FileButton } from '../../ui/FileButton.tsx';
import { findLab } from '../../labs/registry.ts';
import type { Scenario } from '../../scenario/types.ts';
import { MAX_CAPTION_CHARS, MAX_STEPS, parseTourText, type Tour } from '../format/tour.ts';
import { tourFitsLink, tourLink } from '../format/tourLink.ts';
import { pageTargets } from './pageTargets.ts';
import { draftTour, useTourDraft } from './useTourDraft.ts';

interface TourEditorProps {
  scenario: Scenario | undefined;
  onPlay(tour: Tour): void;
  onSaveFile(tour: Tour): void;
  onProblem(message: string): void;
}

/**
 * Writing a tour (or a deck, when its steps span labs) in the app: record the open scenario as a
 * step, write its caption and what it highlights, reorder, then play, share as a link or save.
 */
export function TourEditor({ scenario, onPlay, onSaveFile, onProblem }: TourEditorProps) {
  const { draft, full, setTitle, record, editStep, move, remove, replace } = useTourDraft();
  const [targets, setTargets] = useState<string[]>([]);
  const [link, setLink] = useState<string>();
  const tour = draftTour(draft);

  const share = () => {
    if (!tour) return;
    if (!tourFitsLink(tour)) return onProblem('This tour is too large for a link. Use Save tour to share it as a file.');
    const url = tourLink(location.href, tour);
    setLink(url);
    void navigator.clipboard?.writeText(url).catch(() => {});
  };

  return (
    <section className="tour-editor" aria-label="Write a tour">
      <h3>Write a tour</h3>
      <label className="tour-editor-title">
        Title <input value={draft.title} maxLength={200} onChange={(e) => setTitle(e.target.value)} aria-label="Tour title" />
      </label>
      <datalist id="tour-targets">
        {targets.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <ol className="tour-editor-steps">
        {draft.steps.map((step, i) => (
          <li key={i} className="tour-editor-step">
            <div className="tour-editor-step-head">
              <span>
                {findLab(step.scenario?.lab ?? step.example?.lab ?? '')?.title ?? '?'} · {step.scenario?.title ?? step.example?.id}
              </span>
              <button type="button" className="quiet" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move step ${i + 1} up`}>
                ↑
              </button>
              <button type="button" className="quiet" onClick={() => move(i, 1)} disabled={i === draft.steps.length - 1} aria-label={`Move step ${i + 1} down`}>
                ↓
              </button>
              <button type="button" className="quiet" onClick={() => remove(i)} aria-label={`Remove step ${i + 1}`}>
                ✕
              </button>
            </div>
            <textarea
              aria-label={`Caption of step ${i + 1}`}
              value={step.caption}
              maxLength={MAX_CAPTION_CHARS}
              rows={2}
              placeholder="One or two sentences; **bold**, *emphasis* and `code` are allowed."
              onChange={(e) => editStep(i, { caption: e.target.value })}
            />
            <div className="tour-editor-highlight">
              <input
                list="tour-targets"
                aria-label={`Highlight of step ${i + 1}`}
                placeholder="Highlight (a view's name)"
                value={step.highlight?.target ?? ''}
                maxLength={120}
                onFocus={() => setTargets(pageTargets())}
                onChange={(e) => {
                  const target = e.target.value;
                  editStep(i, target ? { highlight: { target, ...(step.highlight?.mark ? { mark: step.highlight.mark } : {}) } } : { highlight: undefined, wait: 'none' });
                }}
              />
              <input
                aria-label={`Text to mark in step ${i + 1}`}
                placeholder="…within it, the text (optional)"
                value={step.highlight?.mark ?? ''}
                maxLength={120}
                disabled={!step.highlight}
                onChange={(e) => step.highlight && editStep(i, { highlight: { target: step.highlight.target, ...(e.target.value ? { mark: e.target.value } : {}) } })}
              />
              <label>
                <input type="checkbox" checked={step.wait === 'target'} disabled={!step.highlight} onChange={(e) => editStep(i, { wait: e.target.checked ? 'target' : 'none' })} /> wait for it
              </label>
            </div>
          </li>
        ))}
      </ol>
      <div className="tour-editor-actions">
        <button
          type="button"
          className="primary"
          disabled={!scenario || full}
          title={full ? `A tour has at most ${MAX_STEPS} steps` : 'Add the scenario open now as the next step'}
          onClick={() => {
            if (!scenario) return;
            record(scenario);
            setTargets(pageTargets());
          }}
        >
          Record this scenario as a step
        </button>
        <button type="button" disabled={!tour} onClick={() => tour && onPlay(tour)}>
          Play
        </button>
        <button type="button" disabled={!tour} onClick={share}>
          Share link
        </button>
        <button type="button" disabled={!tour} onClick={() => tour && onSaveFile(tour)}>
          Save tour
        </button>
        <FileButton
          label="Open tour…"
          title="Open a tour file (.json)"
          accept=".json,application/json"
          inputLabel="Tour file"
          testId="tour-file"
          onFile={(file) => {
            if (file.size > 4 * 1024 * 1024) return onProblem(`“${file.name}” is larger than 4 MB, too large for a tour.`);
            void file.text().then((text) => {
              const parsed = parseTourText(text, 'file');
              if (parsed.ok) replace(parsed.value);
              else onProblem(`“${file.name}” could not be opened. ${parsed.error.message}`);
            });
          }}
        />
      </div>
      {link && (
        <label className="tour-editor-link">
          Tour link <input readOnly value={link} aria-label="Tour link" onFocus={(e) => e.target.select()} />
        </label>
      )}
    </section>
  );
}

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Scenario } from '../../scenario/types.ts';
import type { Tour, TourStep } from '../format/tour.ts';
import { Caption } from './Caption.tsx';
import { awayFrom, contentBoxes, cornerBoxes, CORNERS, leastHiding, type Corner } from './captionPlace.ts';
import '../teaching.css';
import { HighlightRing, useHighlight } from './HighlightRing.tsx';
import { useStepScenario } from './useStepScenario.ts';
import { useTourKeys } from './useTourKeys.ts';

interface TourPlayerProps {
  tour: Tour;
  /** Where the tour came from: a built-in tour's examples are trusted like examples, the rest like links. */
  source: 'link' | 'example';
  index: number;
  onIndex(index: number): void;
  onExit(): void;
  /** The scenario on screen, for the share link, the QR code and the handout. */
  onScenario?(scenario: Scenario | undefined): void;
}

/** The presenter view (this step, the next one and the keys) in a second window, kept in step over a BroadcastChannel. */
const openPresenter = () => window.open(`${location.pathname}?presenter=1`, 'latticework-presenter', 'popup,width=900,height=640');

/**
 * Plays a tour: each step sets up its scenario on the real engine (the lab runs it as it would
 * from a link), rings the element it names and shows its caption. Keys move between steps;
 * going back sets the earlier step up again from its own scenario, so it looks exactly as before.
 */
export function TourPlayer({ tour, source, index, onIndex, onExit, onScenario }: TourPlayerProps) {
  const last = tour.steps.length - 1;
  const at = Math.min(Math.max(0, index), last);
  const step = tour.steps[at]!;
  const setup = useStepScenario(step, at, source);
  // What the lab changed in this step's scenario (the player moved, a view switched); a new step starts afresh.
  const [edited, setEdited] = useState<{ step: TourStep; scenario: Scenario }>();
  const scenario = setup.state === 'ready' ? (edited?.step === step ? edited.scenario : setup.scenario) : undefined;
  const main = useRef<HTMLElement>(null);
  const { box, settled } = useHighlight(main, step.highlight, at);

  useEffect(() => onScenario?.(scenario), [onScenario, scenario]);

  const waiting = step.highlight !== undefined && step.wait === 'target' && !settled;
  const ready = setup.state === 'ready' && !waiting;
  // The caption goes where it hides least of the page once the lab has drawn it (a lab's numbers and labels, never the ringed element).
  const caption = useRef<HTMLElement>(null);
  const [corner, setCorner] = useState<Corner>();
  useLayoutEffect(() => {
    const el = caption.current;
    if (!el || !main.current) return;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    const boxes = cornerBoxes({ width: el.offsetWidth, height: el.offsetHeight }, { width: window.innerWidth, height: window.innerHeight }, rem);
    setCorner((now) => CORNERS[leastHiding(boxes, box, contentBoxes(main.current!), CORNERS.indexOf(now ?? awayFrom(box)))]);
  }, [box, ready, at]);

  const keys = useMemo(
    () => ({
      next: () => onIndex(Math.min(last, at + 1)),
      back: () => onIndex(Math.max(0, at - 1)),
      edge: (edge: 'start' | 'end') => onIndex(edge === 'start' ? 0 : last),
      exit: onExit,
    }),
    [at, last, onExit, onIndex],
  );
  useTourKeys(keys);

  return (
    <>
      <main ref={main} key={at} className={`lab lab-${setup.state === 'ready' ? setup.lab.id : 'empty'} touring`} aria-busy={setup.state === 'loading'}>
        {setup.state === 'ready' && scenario && setup.lab.render({ scenario, onChange: (next) => setEdited({ step, scenario: next }), mode: 'present' })}
        {setup.state === 'loading' && <p className="loading">Setting up step {at + 1}…</p>}
        {setup.state === 'failed' && (
          <p role="alert" className="tour-problem">
            Step {at + 1} cannot be shown. {setup.message}
          </p>
        )}
      </main>
      {box && <HighlightRing box={box} />}
      <aside ref={caption} className={`tour-caption ${corner ?? awayFrom(box)}`} aria-label="Tour step" data-step={at} data-ready={ready}>
        <div className="tour-caption-head">
          <span className="tour-title">{tour.title}</span>
          <span className="tour-counter">
            {at + 1} / {tour.steps.length}
          </span>
        </div>
        <Caption text={step.caption} className="tour-text" />
        {waiting && <p className="tour-waiting">Waiting for the engine…</p>}
        <div className="tour-nav">
          <button type="button" className="quiet tour-presenter" onClick={openPresenter} title="Open a presenter view (next step preview) in a second window">
            Presenter view
          </button>
          <button type="button" className="quiet" onClick={keys.back} disabled={at === 0} aria-label="Previous step" title="Previous step (←, Page Up)">
            ‹ Back
          </button>
          <button type="button" className="quiet" onClick={onExit} title="Leave the tour (Esc)">
            Leave tour
          </button>
          <button type="button" className="primary" onClick={keys.next} disabled={at === last} aria-label="Next step" title="Next step (space, →, Page Down)">
            Next ›
          </button>
        </div>
      </aside>
    </>
  );
}

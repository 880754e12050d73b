import { useEffect, useState, type RefObject } from 'react';
import type { Highlight } from '../format/tour.ts';
import { findRegion, findTarget } from './findTarget.ts';
import { PageSearch } from './pageSearch.ts';
import { PaneSearch } from './paneSearch.ts';

export type Box = { x: number; y: number; width: number; height: number };

const ATTRIBUTE = 'data-tour-highlight';
/** How often the ring looks for its element again: the lab renders as its engine reports. */
const POLL_MS = 200;

/** A run in progress: a lab's run panel offers Cancel while its engine works (src/ui/RunPanel.tsx). */
const engineBusy = (root: HTMLElement): boolean =>
  [...root.querySelectorAll('[aria-label="Run"] button')].some((b) => b.textContent?.trim() === 'Cancel');

/** For how many polls (some 6 s) a step keeps its element in view; then the presenter may scroll freely. */
const FOLLOW_POLLS = 30;

/** Polls in a row the engine must be idle, with the element there, before a waiting step is ready. */
const SETTLED_POLLS = 2;

export interface Spot {
  box: Box | undefined;
  /** The element is there and no run is going: what a step that waits for the engine waits for. */
  settled: boolean;
}

/**
 * Draws a ring over the element a step highlights, scrolled into view, and reports where it is
 * (undefined while the element is not there yet, e.g. a run still going). The element also gets
 * `data-tour-highlight`, so a test can ask whether the highlighted element is visible.
 */
export function useHighlight(root: RefObject<HTMLElement | null>, highlight: Highlight | undefined, step: number): Spot {
  const [box, setBox] = useState<Box>();
  const [idlePolls, setIdlePolls] = useState(0);
  useEffect(() => {
    setBox(undefined);
    setIdlePolls(0);
    if (!highlight) return;
    let marked: Element | undefined;
    // Kept in view for the first polls of a step, while the lab lays itself out (figures grow as runs report).
    let polls = 0;
    let idleRun = 0;
    const panes = new PaneSearch();
    const pages = new PageSearch();
    const update = () => {
      const el = root.current ? findTarget(root.current, highlight) : undefined;
      const idle = el !== undefined && root.current !== null && !engineBusy(root.current);
      idleRun = idle ? idleRun + 1 : 0;
      setIdlePolls(Math.min(idleRun, SETTLED_POLLS));
      if (el !== marked) {
        marked?.removeAttribute(ATTRIBUTE);
        el?.setAttribute(ATTRIBUTE, String(step));
        marked = el;
      }
      if (!el) {
        // The region is on screen but not its mark: its other pages first, then the other sections and panes.
        const region = root.current && highlight.mark ? findRegion(root.current, highlight.target) : undefined;
        if (!region || !pages.turn(region)) panes.miss();
        return setBox(undefined);
      }
      panes.reset();
      pages.reset();
      const r = el.getBoundingClientRect();
      polls += 1;
      const outOfView = r.top < 0 || (r.bottom > window.innerHeight - BOTTOM_BARS && r.top > window.innerHeight * 0.2);
      if (polls <= FOLLOW_POLLS && outOfView) el.scrollIntoView({ block: r.height > window.innerHeight * 0.8 ? 'start' : 'center', inline: 'nearest' });
      setBox((old) => (old && old.x === r.x && old.y === r.y && old.width === r.width && old.height === r.height ? old : { x: r.x, y: r.y, width: r.width, height: r.height }));
    };
    update();
    const timer = setInterval(update, POLL_MS);
    window.addEventListener('resize', update);
    window.addEventListener('scroll', update, true);
    return () => {
      clearInterval(timer);
      window.removeEventListener('resize', update);
      window.removeEventListener('scroll', update, true);
      marked?.removeAttribute(ATTRIBUTE);
    };
  }, [root, highlight, step]);
  return { box, settled: box !== undefined && idlePolls >= SETTLED_POLLS };
}

const PAD = 6;
/** What a lab keeps fixed at the bottom of a projected page (its player): an element under it is not seen. */
const BOTTOM_BARS = 140;

export function HighlightRing({ box }: { box: Box }) {
  return (
    <div
      className="tour-ring"
      aria-hidden="true"
      style={{ left: box.x - PAD, top: box.y - PAD, width: box.width + 2 * PAD, height: box.height + 2 * PAD }}
    />
  );
}

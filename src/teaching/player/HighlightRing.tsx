import { useEffect, useState, type RefObject } from 'react';
import type { Highlight } from '../format/tour.ts';
import { findTarget } from './findTarget.ts';

export type Box = { x: number; y: number; width: number; height: number };

const ATTRIBUTE = 'data-tour-highlight';
/** How often the ring looks for its element again: the lab renders as its engine reports. */
const POLL_MS = 200;

/**
 * Draws a ring over the element a step highlights, scrolled into view, and reports where it is
 * (undefined while the element is not there yet, e.g. a run still going). The element also gets
 * `data-tour-highlight`, so a test can ask whether the highlighted element is visible.
 */
export function useHighlight(root: RefObject<HTMLElement | null>, highlight: Highlight | undefined, step: number): Box | undefined {
  const [box, setBox] = useState<Box>();
  useEffect(() => {
    setBox(undefined);
    if (!highlight) return;
    let marked: Element | undefined;
    let scrolled = false;
    const update = () => {
      const el = root.current ? findTarget(root.current, highlight) : undefined;
      if (el !== marked) {
        marked?.removeAttribute(ATTRIBUTE);
        el?.setAttribute(ATTRIBUTE, String(step));
        marked = el;
      }
      if (!el) return setBox(undefined);
      if (!scrolled) {
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        scrolled = true;
      }
      const r = el.getBoundingClientRect();
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
  return box;
}

const PAD = 6;

export function HighlightRing({ box }: { box: Box }) {
  return (
    <div
      className="tour-ring"
      aria-hidden="true"
      style={{ left: box.x - PAD, top: box.y - PAD, width: box.width + 2 * PAD, height: box.height + 2 * PAD }}
    />
  );
}

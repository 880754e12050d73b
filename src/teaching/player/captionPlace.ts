import type { Box } from './HighlightRing.tsx';

/** The caption's four places, as the CSS classes that put it there (teaching.css). */
export const CORNERS = ['at-bottom at-right', 'at-bottom at-left', 'at-top at-right', 'at-top at-left'] as const;
export type Corner = (typeof CORNERS)[number];

/** The caption's margins from the viewport's edges, in rem, as teaching.css sets them (the top one clears the presentation bar). */
const MARGIN = { top: 2.6, side: 1, bottom: 1 };

/** Covering the ringed element costs this much per pixel more than covering a lab's text: a step's point is what it rings. */
const HIGHLIGHT_WEIGHT = 1000;

/** Another corner must hide at most this share of what the current one hides before the caption moves: a caption that hops is worse than one over a label. */
const MOVE_GAIN = 0.6;

/** Where a caption of this size sits in each corner of a viewport, in the order of `CORNERS`. */
export function cornerBoxes(size: { width: number; height: number }, viewport: { width: number; height: number }, rem: number): Box[] {
  const left = MARGIN.side * rem;
  const right = viewport.width - MARGIN.side * rem - size.width;
  const top = MARGIN.top * rem;
  const bottom = viewport.height - MARGIN.bottom * rem - size.height;
  return CORNERS.map((corner) => ({ x: corner.endsWith('at-right') ? right : left, y: corner.startsWith('at-bottom') ? bottom : top, ...size }));
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** What a caption in this box hides: the ringed element (weighted) and the lab's text and images under it, in pixels. */
export function hidden(caption: Box, highlight: Box | undefined, content: readonly Box[]): number {
  let sum = highlight ? HIGHLIGHT_WEIGHT * overlap(caption, highlight) : 0;
  for (const box of content) sum += overlap(caption, box);
  return sum;
}

/**
 * The corner where the caption hides least of the page: never the ringed element if a corner
 * avoids it, then as little of the lab's labels, numbers and images as it can. The caption stays
 * where it is unless another corner hides clearly less.
 */
export function leastHiding(boxes: readonly Box[], highlight: Box | undefined, content: readonly Box[], current: number): number {
  const costs = boxes.map((box) => hidden(box, highlight, content));
  let best = current;
  for (let i = 0; i < costs.length; i++) if (costs[i]! < costs[best]!) best = i;
  return costs[best]! <= MOVE_GAIN * costs[current]! ? best : current;
}

/** The boxes of what a reader reads in a lab: each line of text (HTML and SVG) and each image or canvas, within the viewport. */
export function contentBoxes(root: HTMLElement): Box[] {
  const boxes: Box[] = [];
  const inView = (r: DOMRect) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth;
  const range = document.createRange();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim()) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (inView(r)) boxes.push({ x: r.left, y: r.top, width: r.width, height: r.height });
  }
  for (const el of root.querySelectorAll('img, canvas')) {
    const r = el.getBoundingClientRect();
    if (inView(r)) boxes.push({ x: r.left, y: r.top, width: r.width, height: r.height });
  }
  return boxes;
}

/** The corner away from the highlighted element: where a step's caption starts, before the page is measured. */
export function awayFrom(box: Box | undefined): Corner {
  if (!box) return 'at-bottom at-right';
  const bottom = box.y + box.height / 2 <= window.innerHeight * 0.55;
  const right = box.x + box.width / 2 <= window.innerWidth / 2;
  return `${bottom ? 'at-bottom' : 'at-top'} ${right ? 'at-right' : 'at-left'}` as Corner;
}

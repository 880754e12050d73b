import { describe, expect, it } from 'vitest';
import { cornerBoxes, CORNERS, hidden, leastHiding } from './captionPlace.ts';

const viewport = { width: 1280, height: 720 };
const size = { width: 580, height: 180 };
const boxes = cornerBoxes(size, viewport, 16);
const at = (corner: (typeof CORNERS)[number]) => CORNERS.indexOf(corner);

describe('where the tour caption goes', () => {
  it('puts each corner inside the viewport at the stylesheet\'s margins', () => {
    expect(boxes[at('at-bottom at-right')]).toEqual({ x: 1280 - 16 - 580, y: 720 - 16 - 180, ...size });
    expect(boxes[at('at-top at-left')]).toEqual({ x: 16, y: 2.6 * 16, ...size });
  });

  it('moves off the KPI row to the corner with less text under it', () => {
    // A KPI row across the top right, a few axis labels bottom right, the ring on the left.
    const kpis = [0, 1, 2, 3].map((i) => ({ x: 560 + i * 180, y: 110, width: 150, height: 45 }));
    const axis = [{ x: 900, y: 560, width: 40, height: 14 }];
    const ring = { x: 20, y: 250, width: 380, height: 380 };
    const best = leastHiding(boxes, ring, [...kpis, ...axis], at('at-top at-right'));
    expect(CORNERS[best]).toBe('at-bottom at-right');
    expect(hidden(boxes[best]!, ring, [...kpis, ...axis])).toBeLessThan(hidden(boxes[at('at-top at-right')]!, ring, [...kpis, ...axis]));
  });

  it('never covers the ringed element when a corner avoids it, whatever text is elsewhere', () => {
    const ring = { x: 700, y: 500, width: 500, height: 200 };
    const text = [{ x: 20, y: 50, width: 580, height: 180 }];
    const best = boxes[leastHiding(boxes, ring, text, at('at-bottom at-right'))]!;
    expect(hidden(best, ring, [])).toBe(0);
  });

  it('stays where it is unless another corner hides clearly less', () => {
    const left = { x: 0, y: 0, width: 640, height: 720 };
    const topRight = { x: 700, y: 60, width: 100, height: 20 };
    // Top right hides 2,000 px², bottom right 1,600: not gain enough to move; 1,000 is.
    expect(leastHiding(boxes, undefined, [left, topRight, { x: 700, y: 600, width: 80, height: 20 }], at('at-top at-right'))).toBe(at('at-top at-right'));
    expect(leastHiding(boxes, undefined, [left, topRight, { x: 700, y: 600, width: 50, height: 20 }], at('at-top at-right'))).toBe(at('at-bottom at-right'));
  });
});

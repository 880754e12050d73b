import { describe, expect, it } from 'vitest';
import { boxesOverlap, collisions, labelBox, largestFittingSize, spreadRow } from './labelLayout.ts';

describe('label boxes', () => {
  it('overlap only when they share area (and the gap asked for)', () => {
    const a = labelBox(0, 0, 'AA', 10);
    expect(boxesOverlap(a, labelBox(a.width - 1, 0, 'AA', 10))).toBe(true);
    expect(boxesOverlap(a, labelBox(a.width + 0.5, 0, 'AA', 10))).toBe(false);
    expect(boxesOverlap(a, labelBox(a.width + 0.5, 0, 'AA', 10), 1)).toBe(true);
    expect(boxesOverlap(a, labelBox(0, a.height + 0.5, 'AA', 10))).toBe(false);
    expect(collisions([a, labelBox(1, 1, 'B', 10), labelBox(100, 0, 'C', 10)])).toEqual([[0, 1]]);
  });

  it('take the largest size at which no two collide, and the minimum when none fits', () => {
    const anchors = [
      { x: 0, y: 0, text: 'AA' },
      { x: 30, y: 6, text: 'AB' },
    ];
    const size = largestFittingSize(anchors, 8, 20);
    expect(size).toBeLessThan(20);
    expect(collisions(anchors.map((a) => labelBox(a.x, a.y, a.text, size)), 1)).toEqual([]);
    expect(collisions(anchors.map((a) => labelBox(a.x, a.y, a.text, size + 0.5)), 1).length).toBe(1);
    expect(largestFittingSize([{ x: 0, y: 0, text: 'A' }, { x: 0, y: 0, text: 'B' }], 8, 20)).toBe(8);
  });
});

describe('spreadRow', () => {
  it('keeps boxes where they want to be when they do not touch', () => {
    expect(spreadRow([20, 60, 100], [10, 10, 10], 4, 0, 200)).toEqual([20, 60, 100]);
  });

  it('pushes touching boxes apart in order, inside the row, with the gap between them', () => {
    const widths = [60, 80, 40, 70];
    const x = spreadRow([50, 60, 70, 80], widths, 10, 0, 300);
    for (let i = 1; i < x.length; i++) expect(x[i]! - x[i - 1]!).toBeGreaterThanOrEqual((widths[i]! + widths[i - 1]!) / 2 + 10 - 1e-9);
    expect(x[0]! - widths[0]! / 2).toBeGreaterThanOrEqual(0);
    expect(x[3]! + widths[3]! / 2).toBeLessThanOrEqual(300);
  });

  it('pulls boxes wanted past the end back inside', () => {
    const x = spreadRow([190, 195], [20, 20], 0, 0, 200);
    expect(x).toEqual([170, 190]);
  });
});

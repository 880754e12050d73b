import { describe, expect, it } from 'vitest';
import { regionLabels } from './sliceLabels.ts';

describe('regionLabels', () => {
  it('names each large region at a cell of its own, and skips slivers', () => {
    // 10×10: output 0 on the left half, 1 on the right half, a single cell of 2.
    const r = 10;
    const grid = Array.from({ length: r * r }, (_, i): number => (i % r < 5 ? 0 : 1));
    grid[0] = 2;
    const labels = regionLabels(grid, r);
    expect(labels.map((l) => l.output)).toEqual([0, 1]);
    for (const l of labels) expect(grid[l.row * r + l.col]).toBe(l.output);
  });
  it('keeps a label inside a region that wraps round another (not at its hollow centroid)', () => {
    const r = 9;
    // A ring of 0 round a 5×5 block of 1.
    const grid = Array.from({ length: r * r }, (_, i) => (Math.abs((i % r) - 4) <= 2 && Math.abs(Math.floor(i / r) - 4) <= 2 ? 1 : 0));
    const ring = regionLabels(grid, r).find((l) => l.output === 0)!;
    expect(grid[ring.row * r + ring.col]).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { regionPaths } from './sliceRegions.ts';

/** The cells a path's rectangles cover, as "col,row" in grid units. */
function cells(path: string, cellW: number, cellH: number): Set<string> {
  const out = new Set<string>();
  for (const m of path.matchAll(/M([\d.]+),([\d.]+)h([\d.]+)v[\d.]+h-[\d.]+z/g)) {
    const col = Math.round(Number(m[1]) / cellW);
    const row = Math.round(Number(m[2]) / cellH);
    const n = Math.round(Number(m[3]) / cellW);
    for (let k = 0; k < n; k++) out.add(`${col + k},${row}`);
  }
  return out;
}

describe('slice region paths', () => {
  it("cover each output's cells exactly, in one rectangle per run of a row", () => {
    // A 5×4 grid with three outputs, regions that are not convex.
    const grid = [0, 0, 1, 1, 0, 2, 0, 1, 1, 1, 2, 2, 2, 0, 0, 1, 1, 1, 1, 1];
    const paths = regionPaths(grid, 5, 3, 2.5);
    expect([...paths.keys()].sort()).toEqual([0, 1, 2]);
    for (const [output, path] of paths) {
      const expected = new Set(grid.flatMap((o, i) => (o === output ? [`${i % 5},${Math.floor(i / 5)}`] : [])));
      expect(cells(path, 3, 2.5)).toEqual(expected);
    }
    // Runs, not cells: output 1 has a run in rows 0, 1 and 3 (row 3's five cells one rectangle).
    expect(paths.get(1)!.match(/M/g)!.length).toBe(3);
  });
});

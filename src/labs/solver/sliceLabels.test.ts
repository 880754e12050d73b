import { describe, expect, it } from 'vitest';
import { counterexampleCaption, outlineBoxes, overlaps, placeRegionLabels, type Box, type PlacedLabel } from './sliceLabels.ts';

const within = (b: Box, plot: { width: number; height: number }) => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= plot.width && b.y1 <= plot.height;
/** The output at a px point of the plot. */
const outputAt = (grid: number[], r: number, plot: { width: number; height: number }, x: number, y: number) => grid[Math.floor(y / (plot.height / r)) * r + Math.floor(x / (plot.width / r))];

/** The promises a layout keeps, whatever the grid: inside the plot, clear of every obstacle, clear of each other, centred on its own region. */
function expectClear(labels: PlacedLabel[], grid: number[], r: number, plot: { width: number; height: number }, obstacles: Box[]) {
  for (const [i, l] of labels.entries()) {
    expect(within(l.box, plot), `label ${l.output} inside the plot`).toBe(true);
    for (const o of obstacles) expect(overlaps(l.box, o), `label ${l.output} clear of the mark`).toBe(false);
    for (const other of labels.slice(i + 1)) expect(overlaps(l.box, other.box), `labels ${l.output} and ${other.output} apart`).toBe(false);
    expect(outputAt(grid, r, plot, l.x, l.y)).toBe(l.output);
  }
}

describe('region labels on the input-space slice', () => {
  const size = () => ({ width: 40, height: 14 });

  it('names each large region inside itself, and skips slivers', () => {
    // 10×10 cells of 20 px: output 0 on the left half, 1 on the right half, a single cell of 2.
    const r = 10;
    const plot = { width: 200, height: 200 };
    const grid = Array.from({ length: r * r }, (_, i): number => (i % r < 5 ? 0 : 1));
    grid[0] = 2;
    const labels = placeRegionLabels({ advisory: grid, resolution: r, plot, size, obstacles: [] });
    expect(labels.map((l) => l.output)).toEqual([0, 1]);
    expectClear(labels, grid, r, plot, []);
    // The whole box is in its region where there is room: it reads as that region's name.
    for (const l of labels) for (const [x, y] of [[l.box.x0, l.box.y0], [l.box.x1 - 0.01, l.box.y1 - 0.01]] as const) expect(outputAt(grid, r, plot, x, y)).toBe(l.output);
  });

  it('keeps a label inside a region that wraps round another (not at its hollow centroid)', () => {
    const r = 9;
    const plot = { width: 270, height: 270 };
    // A ring of 0 round a 5×5 block of 1.
    const grid = Array.from({ length: r * r }, (_, i) => (Math.abs((i % r) - 4) <= 2 && Math.abs(Math.floor(i / r) - 4) <= 2 ? 1 : 0));
    const labels = placeRegionLabels({ advisory: grid, resolution: r, plot, size, obstacles: [] });
    expect(labels.map((l) => l.output)).toEqual([0, 1]);
    expectClear(labels, grid, r, plot, []);
  });

  it('moves a label off the counterexample mark and its caption when the mark sits where the label would', () => {
    const r = 20;
    const plot = { width: 400, height: 300 };
    const grid = Array.from({ length: r * r }, (_, i): number => (i % r < 10 ? 0 : 1));
    const free = placeRegionLabels({ advisory: grid, resolution: r, plot, size, obstacles: [] });
    const home = free.find((l) => l.output === 0)!;
    // The mark exactly on the label's own place, its caption above right.
    const cx = home.x;
    const cy = home.y;
    const caption = counterexampleCaption(cx, cy, 10.5, { width: 110, height: 16 }, plot);
    const obstacles = [{ x0: cx - 10.5, y0: cy - 10.5, x1: cx + 10.5, y1: cy + 10.5 }, caption.box];
    expect(overlaps(home.box, obstacles[0]!)).toBe(true);
    const labels = placeRegionLabels({ advisory: grid, resolution: r, plot, size, obstacles });
    expect(labels.map((l) => l.output)).toEqual([0, 1]);
    expectClear(labels, grid, r, plot, obstacles);
  });

  it("keeps a label off the property box's outline where the outline runs through the label's place", () => {
    const r = 20;
    const plot = { width: 400, height: 300 };
    const grid = new Array<number>(r * r).fill(0);
    const home = placeRegionLabels({ advisory: grid, resolution: r, plot, size, obstacles: [] })[0]!;
    // A box whose left edge passes through the label's centre.
    const edges = outlineBoxes({ x0: home.x, y0: 40, x1: 380, y1: 260 }, 2);
    const labels = placeRegionLabels({ advisory: grid, resolution: r, plot, size, obstacles: [], avoid: edges });
    expect(labels).toHaveLength(1);
    expectClear(labels, grid, r, plot, edges);
  });

  it("still names a region whose only room crosses the box's outline (a name over a dashed edge, not none)", () => {
    // A region one label wide, split down the middle by the box's edge.
    const r = 20;
    const plot = { width: 400, height: 300 };
    const grid = Array.from({ length: r * r }, (_, i): number => (i % r < 2 ? 1 : 0));
    const edges = outlineBoxes({ x0: 20, y0: -10, x1: 390, y1: 310 }, 2);
    const labels = placeRegionLabels({ advisory: grid, resolution: r, plot, size, obstacles: [], avoid: edges });
    expect(labels.map((l) => l.output)).toEqual([0, 1]);
    expectClear(labels, grid, r, plot, []);
  });

  it('keeps every label in the plot and clear of the mark and of each other, on many grids', () => {
    // Deterministic pseudo-random grids of Voronoi-like regions and a mark anywhere.
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const r = 40;
    const plot = { width: 320, height: 240 };
    for (let trial = 0; trial < 30; trial++) {
      const sites = Array.from({ length: 2 + Math.floor(rand() * 4) }, () => [rand() * r, rand() * r] as const);
      const grid = Array.from({ length: r * r }, (_, i) => {
        const d = sites.map(([sx, sy]) => ((i % r) - sx) ** 2 + (Math.floor(i / r) - sy) ** 2);
        return d.indexOf(Math.min(...d));
      });
      const cx = rand() * plot.width;
      const cy = rand() * plot.height;
      const caption = counterexampleCaption(cx, cy, 10.5, { width: 110, height: 16 }, plot);
      const obstacles = [{ x0: cx - 10.5, y0: cy - 10.5, x1: cx + 10.5, y1: cy + 10.5 }, caption.box];
      const labels = placeRegionLabels({ advisory: grid, resolution: r, plot, size: (o) => ({ width: 30 + 12 * o, height: 16 }), obstacles });
      expectClear(labels, grid, r, plot, obstacles);
    }
  });

  it("puts the counterexample's caption where it stays on the plot: flipped left at the right edge, below at the top", () => {
    const plot = { width: 300, height: 200 };
    const text = { width: 110, height: 16 };
    const corners = [
      [20, 100],
      [290, 100],
      [20, 4],
      [290, 4],
      [150, 196],
    ] as const;
    for (const [cx, cy] of corners) {
      const c = counterexampleCaption(cx, cy, 10.5, text, plot);
      expect(within(c.box, plot), `caption at ${cx},${cy} on the plot`).toBe(true);
      expect(overlaps(c.box, { x0: cx - 10.5, y0: cy - 10.5, x1: cx + 10.5, y1: cy + 10.5 }), `caption at ${cx},${cy} clear of its mark`).toBe(false);
    }
    expect(counterexampleCaption(290, 100, 10.5, text, plot).anchor).toBe('end');
    expect(counterexampleCaption(20, 4, 10.5, text, plot).dy).toBeGreaterThan(0);
  });
});

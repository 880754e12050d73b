/** A box on the slice's plot, in px from its top-left corner. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PlacedLabel {
  output: number;
  /** The label's centre, in px. */
  x: number;
  y: number;
  box: Box;
}

/** How much room a label keeps from the counterexample mark and from other labels, in px. */
const GAP = 3;

export const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (a: Box, plot: { width: number; height: number }): boolean => a.x0 >= 0 && a.y0 >= 0 && a.x1 <= plot.width && a.y1 <= plot.height;
const grow = (b: Box, by: number): Box => ({ x0: b.x0 - by, y0: b.y0 - by, x1: b.x1 + by, y1: b.y1 + by });

/** A rectangle's outline as four thin boxes (a label may sit inside the property's box, not across its dashed edge). */
export function outlineBoxes(b: Box, stroke: number): Box[] {
  const h = stroke / 2;
  return [
    { x0: b.x0 - h, y0: b.y0 - h, x1: b.x1 + h, y1: b.y0 + h },
    { x0: b.x0 - h, y0: b.y1 - h, x1: b.x1 + h, y1: b.y1 + h },
    { x0: b.x0 - h, y0: b.y0 - h, x1: b.x0 + h, y1: b.y1 + h },
    { x0: b.x1 - h, y0: b.y0 - h, x1: b.x1 + h, y1: b.y1 + h },
  ];
}

/**
 * Each output's cells that win at least `minShare` of the grid, nearest the mean of its cells first:
 * the places its name could go, best first (the first is inside the region even where it is not convex).
 */
function regionCandidates(advisory: ArrayLike<number>, resolution: number, minShare: number): Map<number, number[]> {
  const cells = new Map<number, number[]>();
  for (let i = 0; i < advisory.length; i++) {
    const list = cells.get(advisory[i]!) ?? [];
    list.push(i);
    cells.set(advisory[i]!, list);
  }
  const out = new Map<number, number[]>();
  for (const [output, list] of [...cells].sort((a, b) => a[0] - b[0])) {
    if (list.length < minShare * advisory.length) continue;
    const col = (i: number) => i % resolution;
    const row = (i: number) => Math.floor(i / resolution);
    const mc = list.reduce((s, i) => s + col(i), 0) / list.length;
    const mr = list.reduce((s, i) => s + row(i), 0) / list.length;
    const d = (i: number) => (col(i) - mc) ** 2 + (row(i) - mr) ** 2;
    // Ties by cell index: the same grid gives the same layout.
    out.set(output, list.map((i) => [i, d(i)] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]).map(([i]) => i));
  }
  return out;
}

interface LabelLayout {
  advisory: ArrayLike<number>;
  resolution: number;
  plot: { width: number; height: number };
  /** Each output's label size in px (measured in the page). */
  size(output: number): { width: number; height: number };
  /** What no label may cover: the counterexample mark and its caption. */
  obstacles: readonly Box[];
  /** What a label keeps off where its region has room elsewhere: the property box's outline (a name across a dashed edge still reads). */
  avoid?: readonly Box[];
  minShare?: number;
}

/**
 * The region labels laid out so that none leaves the plot, covers the counterexample mark, or
 * covers another label: each output's name goes at the cell of its region nearest the region's
 * mean where its box fits (first where the box's corners are in the region too, so the label
 * reads as that region's, and off the property box's outline; else wherever its centre is). A region with no room keeps its colour
 * and pattern (the figure's key names it) but no label.
 */
export function placeRegionLabels({ advisory, resolution, plot, size, obstacles, avoid = [], minShare = 0.02 }: LabelLayout): PlacedLabel[] {
  const cellW = plot.width / resolution;
  const cellH = plot.height / resolution;
  const rows = Math.floor(advisory.length / resolution);
  const at = (x: number, y: number) => advisory[Math.min(rows - 1, Math.max(0, Math.floor(y / cellH))) * resolution + Math.min(resolution - 1, Math.max(0, Math.floor(x / cellW)))];
  const blocked = obstacles.map((b) => grow(b, GAP));
  const kept = avoid.map((b) => grow(b, GAP));
  const placed: PlacedLabel[] = [];
  for (const [output, cells] of regionCandidates(advisory, resolution, minShare)) {
    const { width, height } = size(output);
    const boxAt = (i: number): Box => {
      const x = ((i % resolution) + 0.5) * cellW;
      const y = (Math.floor(i / resolution) + 0.5) * cellH;
      return { x0: x - width / 2, y0: y - height / 2, x1: x + width / 2, y1: y + height / 2 };
    };
    const fits = (b: Box) => inside(b, plot) && !blocked.some((o) => overlaps(b, o)) && !placed.some((p) => overlaps(b, grow(p.box, GAP)));
    const clear = (b: Box) => fits(b) && !kept.some((o) => overlaps(b, o));
    const own = (b: Box) => [at(b.x0, b.y0), at(b.x1, b.y0), at(b.x0, b.y1), at(b.x1, b.y1)].every((o) => o === output);
    // Best first: wholly in its region and off the box's outline; then centred in its region off the outline; then anywhere it fits.
    const cell = cells.find((i) => own(boxAt(i)) && clear(boxAt(i))) ?? cells.find((i) => clear(boxAt(i))) ?? cells.find((i) => fits(boxAt(i)));
    if (cell === undefined) continue;
    const box = boxAt(cell);
    placed.push({ output, x: (box.x0 + box.x1) / 2, y: (box.y0 + box.y1) / 2, box });
  }
  return placed;
}

/**
 * Where the counterexample's caption goes beside its mark (a circle of `radius` at cx, cy): above
 * right, flipped left where it would leave the plot's right edge, below where it would leave the top.
 * The offset is to the caption's centre line (draw it with dominant-baseline central); the box is on the plot.
 */
export function counterexampleCaption(cx: number, cy: number, radius: number, text: { width: number; height: number }, plot: { width: number; height: number }): { dx: number; dy: number; anchor: 'start' | 'end'; box: Box } {
  const right = cx + radius + GAP + text.width <= plot.width;
  const above = cy - radius - text.height >= 0;
  const dx = right ? radius + GAP : -(radius + GAP);
  const dy = above ? -(radius + text.height / 2) : radius + text.height / 2;
  const x0 = right ? cx + dx : cx + dx - text.width;
  return { dx, dy, anchor: right ? 'start' : 'end', box: { x0, y0: cy + dy - text.height / 2, x1: x0 + text.width, y1: cy + dy + text.height / 2 } };
}

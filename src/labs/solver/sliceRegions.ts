/**
 * The input-space slice's regions as SVG paths, one per output: each grid row's runs of cells
 * where that output wins, as rectangles of `cellW` × `cellH` px. A region's fill pattern is drawn
 * through its path, so the pattern (the second cue beside the colour) covers exactly its cells.
 */
export function regionPaths(advisory: ArrayLike<number>, resolution: number, cellW: number, cellH: number): Map<number, string> {
  const parts = new Map<number, string[]>();
  const rows = Math.floor(advisory.length / resolution);
  const px = (v: number) => +v.toFixed(2);
  for (let row = 0; row < rows; row++) {
    let start = 0;
    for (let col = 1; col <= resolution; col++) {
      const output = advisory[row * resolution + start]!;
      if (col < resolution && advisory[row * resolution + col] === output) continue;
      const list = parts.get(output) ?? [];
      list.push(`M${px(start * cellW)},${px(row * cellH)}h${px((col - start) * cellW)}v${px(cellH)}h${px(-(col - start) * cellW)}z`);
      parts.set(output, list);
      start = col;
    }
  }
  return new Map([...parts].map(([output, list]) => [output, list.join('')]));
}

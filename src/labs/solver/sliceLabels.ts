/**
 * Where to name each output's region in the input-space slice, so a region is told by its label
 * as well as its colour: for every output that wins at least `minShare` of the grid, the cell of
 * its own nearest the mean of its cells (inside the region even where the region is not convex).
 */
export function regionLabels(advisory: ArrayLike<number>, resolution: number, minShare = 0.02): { output: number; col: number; row: number }[] {
  const sums = new Map<number, { n: number; col: number; row: number }>();
  for (let i = 0; i < advisory.length; i++) {
    const s = sums.get(advisory[i]!) ?? { n: 0, col: 0, row: 0 };
    s.n++;
    s.col += i % resolution;
    s.row += Math.floor(i / resolution);
    sums.set(advisory[i]!, s);
  }
  const labels: { output: number; col: number; row: number }[] = [];
  for (const [output, s] of [...sums].sort((a, b) => a[0] - b[0])) {
    if (s.n < minShare * advisory.length) continue;
    const mc = s.col / s.n;
    const mr = s.row / s.n;
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < advisory.length; i++) {
      if (advisory[i] !== output) continue;
      const d = (i % resolution - mc) ** 2 + (Math.floor(i / resolution) - mr) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    }
    labels.push({ output, col: best % resolution, row: Math.floor(best / resolution) });
  }
  return labels;
}

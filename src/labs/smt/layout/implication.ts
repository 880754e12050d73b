import type { UipCut } from '../../../engines/smt/api.ts';

/**
 * Where the implication graph's nodes go. Columns follow the implications (a literal stands one
 * column right of the latest literal that implied it), the conflict κ stands last; a literal of an
 * earlier decision level, which the analysis does not expand, stands just left of where it is used.
 * Within a column nodes are ordered by the mean height of what implied them (barycentre), so edges
 * cross as little as a simple layered layout allows.
 */
export type Side = 'conflict' | 'reason' | 'other';

export interface PlacedLiteral {
  /** The literal, or 0 for the conflict node κ. */
  lit: number;
  level: number;
  decision: boolean;
  side: Side;
  uip: boolean;
  column: number;
  x: number;
  y: number;
}

export interface ImplicationEdge {
  from: PlacedLiteral;
  to: PlacedLiteral;
  /** The edge crosses the first-UIP cut (reason side to conflict side): its tail is in the learnt clause. A level-0 literal also feeds the conflict side, but it is true for good and left out. */
  cut: boolean;
}

export interface ImplicationLayout {
  nodes: PlacedLiteral[];
  edges: ImplicationEdge[];
  columns: number;
  level: number;
}

export function layoutImplication(cut: UipCut, conflictLits: readonly number[], level: number, width: number, height: number): ImplicationLayout {
  const conflictSide = new Set(cut.conflictSide);
  const reasonSide = new Set(cut.reasonSide);
  const byLit = new Map(cut.graph.map((n) => [n.lit, n]));
  const consumers = new Map<number, number[]>();
  for (const n of cut.graph) for (const a of n.antecedents) consumers.set(a, [...(consumers.get(a) ?? []), n.lit]);
  const kappaInputs = conflictLits.map((l) => -l).filter((l) => byLit.has(l));
  for (const a of kappaInputs) consumers.set(a, [...(consumers.get(a) ?? []), 0]);

  // Longest path from the current level's sources; the graph is acyclic (trail order).
  const depth = new Map<number, number>();
  const depthOf = (lit: number, seen = new Set<number>()): number => {
    const known = depth.get(lit);
    if (known !== undefined) return known;
    const n = byLit.get(lit)!;
    const inputs = n.antecedents.filter((a) => byLit.has(a) && !seen.has(a));
    seen.add(lit);
    const d = n.level === level || inputs.length > 0 ? (inputs.length ? 1 + Math.max(...inputs.map((a) => depthOf(a, seen))) : 0) : -1;
    depth.set(lit, d);
    return d;
  };
  for (const n of cut.graph) depthOf(n.lit);
  const kappaColumn = 1 + Math.max(0, ...kappaInputs.map((l) => depth.get(l) ?? 0));
  // Earlier-level literals: one column before their first consumer.
  for (const n of cut.graph) {
    if (depth.get(n.lit) !== -1) continue;
    const uses = (consumers.get(n.lit) ?? []).map((c) => (c === 0 ? kappaColumn : (depth.get(c) ?? 0)));
    depth.set(n.lit, Math.max(0, Math.min(kappaColumn, ...uses) - 1));
  }
  const columns = kappaColumn + 1;
  const place = (lit: number, lvl: number, decision: boolean): PlacedLiteral => ({
    lit,
    level: lvl,
    decision,
    side: lit === 0 || conflictSide.has(lit) ? 'conflict' : reasonSide.has(lit) ? 'reason' : 'other',
    uip: lit === cut.uip,
    column: lit === 0 ? kappaColumn : depth.get(lit)!,
    x: 0,
    y: 0,
  });
  const nodes = cut.graph.map((n) => place(n.lit, n.level, n.reason === null));
  const kappa = place(0, level, false);
  nodes.push(kappa);
  const at = new Map(nodes.map((n) => [n.lit, n]));

  const dx = columns > 1 ? width / (columns - 1) : 0;
  const rows: PlacedLiteral[][] = Array.from({ length: columns }, () => []);
  for (const n of nodes) rows[n.column]!.push(n);
  const inputsOf = (n: PlacedLiteral) => (n.lit === 0 ? kappaInputs : (byLit.get(n.lit)?.antecedents ?? []));
  rows.forEach((row, c) => {
    // Barycentre of the inputs already placed (columns to the left); earlier levels first, then by literal, for ties.
    const key = (n: PlacedLiteral) => {
      const ys = inputsOf(n).map((a) => at.get(a)).filter((p) => p !== undefined && p.column < c).map((p) => p!.y);
      return ys.length ? ys.reduce((s, y) => s + y, 0) / ys.length : height / 2;
    };
    row.sort((a, b) => key(a) - key(b) || a.level - b.level || Math.abs(a.lit) - Math.abs(b.lit));
    const dy = height / (row.length + 1);
    row.forEach((n, i) => {
      n.x = columns > 1 ? c * dx : width / 2;
      n.y = (i + 1) * dy;
    });
  });

  const edges: ImplicationEdge[] = [];
  for (const n of nodes) {
    for (const a of inputsOf(n)) {
      const from = at.get(a);
      if (from) edges.push({ from, to: n, cut: from.side === 'reason' && n.side === 'conflict' });
    }
  }
  return { nodes, edges, columns, level };
}

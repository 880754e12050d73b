import type { GraphNode, UipCut } from '../../../engines/smt/api.ts';
import type { TrailEntry } from './trail.ts';

/**
 * The analysis touches only the literals after the first UIP and the reason side. For teaching,
 * the graph also shows how the UIP itself was reached: the current level's literals that implied
 * the touched ones, back to the level's decision (rebuilt from the trail and the reason clauses;
 * they stand on neither side of the cut). Earlier-level literals stay leaves.
 */
export function withContext(cut: UipCut, trail: readonly TrailEntry[], clauses: ReadonlyMap<number, readonly number[]>, level: number): UipCut {
  const byLit = new Map(cut.graph.map((n) => [n.lit, n]));
  const entry = new Map(trail.map((t) => [t.lit, t]));
  const extra: GraphNode[] = [];
  const queue = cut.graph.filter((n) => n.level === level).flatMap((n) => n.antecedents);
  while (queue.length > 0) {
    const lit = queue.pop()!;
    if (byLit.has(lit)) continue;
    const t = entry.get(lit);
    if (!t) continue;
    const reasonLits = t.reason === null ? [] : (clauses.get(t.reason) ?? []);
    const antecedents = t.level === level ? reasonLits.filter((l) => l !== lit).map((l) => -l) : [];
    const node: GraphNode = { lit, level: t.level, reason: t.reason, antecedents };
    byLit.set(lit, node);
    extra.push(node);
    queue.push(...antecedents);
  }
  return extra.length === 0 ? cut : { ...cut, graph: [...cut.graph, ...extra] };
}

import { isTop, showState, stateKey, type Lattice, type State } from './lattice.ts';

export interface HasseDiagram {
  nodes: { key: string; label: string; top: boolean }[];
  /** Covering pairs [lower, upper]: lower < upper with nothing in between. */
  edges: [number, number][];
}

/** The Hasse diagram of some elements of a lattice under its order (the transitive reduction). */
export function hasse(lattice: Lattice, elements: readonly State[], names?: (id: string) => string): HasseDiagram {
  const unique = new Map<string, State>();
  for (const e of elements) unique.set(stateKey(e), e);
  const list = [...unique.values()];
  const n = list.length;
  const below: boolean[][] = list.map((a, i) =>
    list.map((b, j) => {
      if (i === j) return false;
      try {
        return lattice.leq(a, b);
      } catch {
        return false;
      }
    }),
  );
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (!below[i]![j] || below[j]![i]) continue;
      let covered = true;
      for (let k = 0; k < n && covered; k++) if (k !== i && k !== j && below[i]![k] && below[k]![j] && !below[k]![i] && !below[j]![k]) covered = false;
      if (covered) edges.push([i, j]);
    }
  }
  return { nodes: list.map((s) => ({ key: stateKey(s), label: showState(s, names), top: isTop(s) })), edges };
}

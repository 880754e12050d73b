import * as d3 from 'd3';
import { Fate, type TreeData } from '../../engines/solver/trace/tree.ts';

/**
 * Where the search tree's nodes go. Small trees are drawn node-link (d3.tree, depth downwards);
 * large ones as an icicle: one row per depth, each node as wide as its share of the search space,
 * so a tree of a hundred thousand nodes still reads as "how much is proved, and where".
 * `position` replays the run: nodes appear when opened and take their fate when it was decided.
 */
export interface PlacedNode {
  id: number;
  x: number;
  y: number;
  /** Icicle rectangles only. */
  width: number;
  height: number;
  fate: number;
  depth: number;
}

export interface Layout {
  kind: 'tree' | 'icicle';
  nodes: PlacedNode[];
  links: { from: PlacedNode; to: PlacedNode }[];
  maxDepth: number;
  /** Rows (depth levels) and their height, for the depth axis. */
  rowHeight: number;
  visible: number;
}

export const TREE_LIMIT = 255;

export function visibleAt(tree: TreeData, id: number, position: number): boolean {
  return tree.openedAt[id]! <= position;
}

export function fateAt(tree: TreeData, id: number, position: number): number {
  return tree.closedAt[id]! >= 0 && tree.closedAt[id]! <= position ? tree.fate[id]! : Fate.open;
}

export function countVisible(tree: TreeData, position: number): number {
  let n = 0;
  for (let i = 0; i < tree.count; i++) if (tree.openedAt[i]! <= position) n++;
  return n;
}

export function layoutTree(tree: TreeData, position: number, width: number, height: number, mode: 'auto' | 'tree' | 'icicle'): Layout {
  const visible = countVisible(tree, position);
  const kind = mode === 'auto' ? (visible <= TREE_LIMIT ? 'tree' : 'icicle') : mode;
  return kind === 'tree' ? nodeLink(tree, position, width, height, visible) : icicle(tree, position, width, height, visible);
}

function nodeLink(tree: TreeData, position: number, width: number, height: number, visible: number): Layout {
  const children: number[][] = Array.from({ length: tree.count }, () => []);
  let maxDepth = 0;
  for (let i = 1; i < tree.count; i++) {
    if (!visibleAt(tree, i, position) || tree.parent[i]! < 0) continue;
    children[tree.parent[i]!]!.push(i);
    maxDepth = Math.max(maxDepth, tree.depth[i]!);
  }
  if (tree.count === 0 || !visibleAt(tree, 0, position)) return { kind: 'tree', nodes: [], links: [], maxDepth: 0, rowHeight: 0, visible };
  const root = d3.hierarchy(0, (id) => children[id]);
  const rowHeight = Math.min(70, height / (maxDepth + 1));
  d3.tree<number>().size([width, Math.max(1, rowHeight * maxDepth)]).separation((a, b) => (a.parent === b.parent ? 1 : 1.3))(root);
  const placed = new Map<number, PlacedNode>();
  const nodes: PlacedNode[] = [];
  root.each((h) => {
    const p: PlacedNode = { id: h.data, x: (h as d3.HierarchyPointNode<number>).x, y: (h as d3.HierarchyPointNode<number>).y, width: 0, height: 0, fate: fateAt(tree, h.data, position), depth: h.depth };
    placed.set(h.data, p);
    nodes.push(p);
  });
  const links = nodes.filter((n) => n.id !== 0 && tree.parent[n.id]! >= 0).map((n) => ({ from: placed.get(tree.parent[n.id]!)!, to: n }));
  return { kind: 'tree', nodes, links, maxDepth, rowHeight, visible };
}

/** Which fate a pixel of merged slivers shows: what the audience looks for first. */
const SLIVER_PRIORITY: Record<number, number> = {
  [Fate.counterexample]: 6,
  [Fate.spurious]: 5,
  [Fate.stopped]: 4,
  [Fate.open]: 3,
  [Fate.infeasible]: 2,
  [Fate.verified]: 1,
  [Fate.split]: 0,
};

function icicle(tree: TreeData, position: number, width: number, height: number, visible: number): Layout {
  // Every depth the search reached gets a row (a bisection at depth 16 is 1/65,536 of the width):
  // nodes narrower than a pixel are drawn as one-pixel slivers, one per pixel column and row,
  // showing the fate that matters most among the nodes that fall there.
  const rootShare = tree.count > 0 ? tree.share[0]! : 1;
  const scale = width / (rootShare || 1);
  let maxDepth = 0;
  for (let i = 0; i < tree.count; i++) if (visibleAt(tree, i, position)) maxDepth = Math.max(maxDepth, tree.depth[i]!);
  const rowHeight = height / (maxDepth + 1);
  const x0 = new Float64Array(tree.count);
  const next = new Float64Array(tree.count);
  const nodes: PlacedNode[] = [];
  const slivers = new Map<number, PlacedNode>();
  const columns = Math.ceil(width) + 1;
  for (let i = 0; i < tree.count; i++) {
    if (!visibleAt(tree, i, position)) continue;
    const p = tree.parent[i]!;
    if (p >= 0) {
      x0[i] = next[p]!;
      next[p] = next[p]! + tree.share[i]! * scale;
    }
    next[i] = x0[i]!;
    const w = tree.share[i]! * scale;
    const node: PlacedNode = { id: i, x: x0[i]!, y: tree.depth[i]! * rowHeight, width: w, height: rowHeight, fate: fateAt(tree, i, position), depth: tree.depth[i]! };
    if (w >= 1) {
      nodes.push(node);
      continue;
    }
    const column = Math.min(Math.floor(x0[i]!), Math.max(0, Math.ceil(width) - 1));
    const key = node.depth * columns + column;
    const there = slivers.get(key);
    if (!there || SLIVER_PRIORITY[node.fate]! > SLIVER_PRIORITY[there.fate]!) slivers.set(key, { ...node, x: column, width: 1 });
  }
  return { kind: 'icicle', nodes: [...nodes, ...slivers.values()], links: [], maxDepth, rowHeight, visible };
}

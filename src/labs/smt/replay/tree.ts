import type { SmtEvent } from '../../../engines/smt/api.ts';

/**
 * The search tree of a recorded run: one node per decision (the root is level 0), a child per
 * decision taken below it. A conflict closes the node it happened at; the backjump that follows
 * returns to an ancestor (CDCL jumps over levels, DPLL backtracks to the last one). Built once for
 * the whole trace; `openedAt` lets the views replay it up to any position.
 */
export interface TreeNode {
  id: number;
  parent: number;
  /** The decision literal (0 for the root). */
  lit: number;
  level: number;
  openedAt: number;
  /** Event index of the conflict found at this node, or -1. */
  conflictAt: number;
  /** Where the search went after the conflict here: the ancestor's level and the event index. */
  jumpTo: number;
  jumpAt: number;
  /** The kind of conflict: Boolean (a clause is falsified) or theory (the simplex found the bounds infeasible). */
  conflict: 'clause' | 'theory' | null;
}

export interface SearchTree {
  nodes: TreeNode[];
  /** Event indices of restarts (the search returns to the root). */
  restarts: number[];
  /** For every event, the decision level after it (the "levels over time" view). */
  levels: Int32Array;
  maxLevel: number;
}

export function buildSearchTree(events: readonly SmtEvent[]): SearchTree {
  const root: TreeNode = { id: 0, parent: -1, lit: 0, level: 0, openedAt: 0, conflictAt: -1, jumpTo: -1, jumpAt: -1, conflict: null };
  const nodes: TreeNode[] = [root];
  /** path[level] is the node of that level on the current branch. */
  let path: TreeNode[] = [root];
  const restarts: number[] = [];
  const levels = new Int32Array(events.length);
  let level = 0;
  let maxLevel = 0;
  const current = () => path[path.length - 1]!;
  const jump = (to: number, at: number) => {
    const here = current();
    if (here.conflictAt >= 0 && here.jumpAt < 0) {
      here.jumpTo = to;
      here.jumpAt = at;
    }
    path = path.slice(0, to + 1);
    level = to;
  };
  events.forEach((e, i) => {
    switch (e.kind) {
      case 'decide': {
        const parent = path[Math.min(e.level - 1, path.length - 1)] ?? root;
        const node: TreeNode = { id: nodes.length, parent: parent.id, lit: e.lit, level: e.level, openedAt: i, conflictAt: -1, jumpTo: -1, jumpAt: -1, conflict: null };
        nodes.push(node);
        path = [...path.slice(0, parent.level + 1), node];
        level = e.level;
        maxLevel = Math.max(maxLevel, level);
        break;
      }
      case 'conflict':
      case 'theory-conflict': {
        const here = current();
        if (here.conflictAt < 0) {
          here.conflictAt = i;
          here.conflict = e.kind === 'conflict' ? 'clause' : 'theory';
        }
        break;
      }
      case 'backjump':
        jump(e.to, i);
        break;
      case 'backtrack':
        // DPLL returns to the parent of the decision it flips; the flipped branch is the next decide.
        jump(e.to - 1, i);
        break;
      case 'restart':
        restarts.push(i);
        jump(0, i);
        break;
      default:
        break;
    }
    levels[i] = level;
  });
  return { nodes, restarts, levels, maxLevel };
}

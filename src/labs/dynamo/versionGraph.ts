import type { Reconciliation } from '../../engines/dynamo/config.ts';
import type { VersionRecord } from '../../engines/dynamo/measure/traceRecorder.ts';
import { EMPTY_VALUE, reconcile, visibleItems } from '../../engines/dynamo/versioning/values.ts';
import { compare, descends, ORDER } from '../../engines/dynamo/versioning/vectorClock.ts';
import type { Version } from '../../engines/dynamo/versioning/versions.ts';

export interface GraphNode {
  v: VersionRecord;
  /**
   * Immediate predecessors in the whole history: the versions this one directly descends from (two
   * or more: a merge), drawn or not (a merge stays a merge when a page shows only one of its parents).
   */
  parents: number[];
  /** Layer (the longest chain of ancestors among the versions drawn) and lane (branch) for drawing. */
  layer: number;
  lane: number;
  /** No later version of the whole history descends from it: part of the current frontier (siblings when several). */
  frontier: boolean;
}

const below = (a: VersionRecord, b: VersionRecord) => compare(a.clock, b.clock) === ORDER.before;

/**
 * The versions `v` directly descends from: the greatest of its ancestors (the transitive
 * reduction of the causal order), found among the ancestors latest first, so the set kept is small.
 */
function immediateParents(versions: readonly VersionRecord[], v: VersionRecord): number[] {
  const greatest: VersionRecord[] = [];
  for (let i = versions.length - 1; i >= 0; i--) {
    const u = versions[i]!;
    if (!below(u, v) || greatest.some((w) => below(u, w))) continue;
    // Kept whatever order the history is in: an ancestor of u is no longer among the greatest.
    for (let k = greatest.length - 1; k >= 0; k--) if (below(greatest[k]!, u)) greatest.splice(k, 1);
    greatest.push(u);
  }
  return greatest.map((u) => u.id).sort((a, b) => a - b);
}

/**
 * The version history of a key as a graph of vector clocks (SOSP'07 Figure 3), drawn for the
 * versions `from` to `to` of the history: an edge from u to v when v's clock descends from u's and
 * no version lies between them. Parents and the frontier are the whole history's (a page of a long
 * history draws its merges as merges, and only the true latest versions as latest); layers and
 * lanes are laid out over the versions drawn, so a long history does not push them aside.
 * Concurrent versions sit on separate lanes; a version with two parents is a merge.
 */
export function versionGraph(versions: readonly VersionRecord[], from = 0, to = versions.length): GraphNode[] {
  const drawn = versions.slice(from, to);
  const nodes: GraphNode[] = drawn.map((v) => ({
    v,
    parents: immediateParents(versions, v),
    layer: 0,
    lane: 0,
    frontier: !versions.some((w) => below(v, w)),
  }));
  const layerOf = new Map<number, number>();
  for (const node of nodes) {
    node.layer = Math.max(-1, ...node.parents.map((p) => layerOf.get(p) ?? -1)) + 1;
    layerOf.set(node.v.id, node.layer);
  }
  // Lanes: a version continues the lane of its first parent drawn unless a sibling already did.
  const taken = new Map<number, boolean>();
  const laneOf = new Map<number, number>();
  let lanes = 0;
  for (const node of nodes) {
    const first = node.parents.find((p) => laneOf.has(p));
    if (first !== undefined && !taken.get(first)) {
      node.lane = laneOf.get(first)!;
      taken.set(first, true);
    } else {
      node.lane = first === undefined && lanes === 0 ? 0 : lanes;
    }
    if (node.lane >= lanes) lanes = node.lane + 1;
    laneOf.set(node.v.id, node.lane);
  }
  return nodes;
}

const asVersion = (r: VersionRecord): Version => ({ clock: r.clock, value: { ...EMPTY_VALUE, ...r.value }, id: r.id, time: r.time, writer: r.writer });

export interface ReadOutcome {
  /** What the client made of the siblings (semantic reconciliation). */
  items: readonly number[];
  n: number;
  /** Items in the merged cart that one of the returned branches had deleted: deleted items coming back. */
  resurrected: number[];
  /** Items a branch deleted that stay deleted after the merge (a two-phase set keeps removals). */
  stayDeleted: number[];
}

/**
 * What a read's siblings reconcile to under the scenario's policy, and whether a deletion was
 * undone by the merge: an item absent from a returned version but present in one of that
 * version's ancestors was deleted on that branch.
 */
export function readOutcome(policy: Reconciliation, returned: readonly VersionRecord[], history: readonly VersionRecord[]): ReadOutcome {
  const merged = reconcile(policy, returned.map(asVersion));
  const items = visibleItems(policy, merged);
  const deleted = new Set<number>();
  for (const r of returned) {
    const own = visibleItems(policy, { ...EMPTY_VALUE, ...r.value });
    for (const a of history) {
      if (a.id === r.id || !descends(r.clock, a.clock)) continue;
      for (const item of visibleItems(policy, { ...EMPTY_VALUE, ...a.value })) if (!own.includes(item)) deleted.add(item);
    }
  }
  return {
    items,
    n: merged.n,
    resurrected: [...deleted].filter((i) => items.includes(i)).sort((a, b) => a - b),
    stayDeleted: returned.length > 1 ? [...deleted].filter((i) => !items.includes(i)).sort((a, b) => a - b) : [],
  };
}

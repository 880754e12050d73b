import type { Reconciliation } from '../../engines/dynamo/config.ts';
import type { VersionRecord } from '../../engines/dynamo/measure/traceRecorder.ts';
import { EMPTY_VALUE, reconcile, visibleItems } from '../../engines/dynamo/versioning/values.ts';
import { compare, descends, ORDER } from '../../engines/dynamo/versioning/vectorClock.ts';
import type { Version } from '../../engines/dynamo/versioning/versions.ts';

export interface GraphNode {
  v: VersionRecord;
  /** Immediate predecessors: the versions this one directly descends from (two or more: a merge). */
  parents: number[];
  /** Layer (the longest chain of ancestors) and lane (branch) for drawing. */
  layer: number;
  lane: number;
  /** No later version descends from it: part of the current frontier (siblings when several). */
  frontier: boolean;
}

/**
 * The version history of a key as a graph of vector clocks: an edge from u to v when v's clock
 * descends from u's and no version lies between them (the transitive reduction of the causal
 * order). Concurrent versions sit on separate lanes; a version with two parents is a merge.
 */
export function versionGraph(versions: readonly VersionRecord[]): GraphNode[] {
  const nodes: GraphNode[] = versions.map((v) => ({ v, parents: [], layer: 0, lane: 0, frontier: true }));
  const below = (a: VersionRecord, b: VersionRecord) => compare(a.clock, b.clock) === ORDER.before;
  const layerOf = new Map<number, number>();
  for (const node of nodes) {
    const ancestors = nodes.filter((u) => below(u.v, node.v));
    node.parents = ancestors.filter((u) => !ancestors.some((w) => w !== u && below(u.v, w.v))).map((u) => u.v.id);
    for (const a of ancestors) a.frontier = false;
    node.layer = Math.max(-1, ...node.parents.map((p) => layerOf.get(p) ?? -1)) + 1;
    layerOf.set(node.v.id, node.layer);
  }
  // Lanes: a version continues the lane of its first parent unless a sibling already did.
  const taken = new Map<number, boolean>();
  const laneOf = new Map<number, number>();
  let lanes = 0;
  for (const node of nodes) {
    const first = node.parents[0];
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

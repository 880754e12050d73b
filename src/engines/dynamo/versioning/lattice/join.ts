import { addVersion, alone, mergeSiblings, newVersion, NO_VERSIONS, type Siblings, type Version } from '../versions.ts';
import { descends, merge } from '../vectorClock.ts';
import type { ReplicatedLattice } from './replicated.ts';
import type { State } from '../../../lvars/lattice/lattice.ts';
import { latticeValue } from './values.ts';

/**
 * How a replica folds versions into what it keeps for a key. Dynamo's syntactic reconciliation
 * keeps concurrent versions as siblings (§4.4); a lattice keeps one state, the join of everything
 * it has received. Each returns the same array when nothing changed, so callers can tell.
 */
export interface VersionMerge {
  add(kept: Siblings, v: Version): Siblings;
  merge(a: Siblings, b: Siblings): Siblings;
}

export const SIBLINGS: VersionMerge = { add: addVersion, merge: mergeSiblings };

/**
 * The join of two replica states. A state is a pair (vector clock, lattice element), joined
 * componentwise: the product of two lattices is a lattice. The clock records which writes the
 * element reflects (a coordinator's counter k stands for its first k writes: it joins each write
 * into what it keeps, storage.ts `own`), so the durability and staleness audits stay the same as
 * for vector clocks; the merge itself never looks at it.
 */
export function joinStates(lat: ReplicatedLattice, a: Version, b: Version): Version {
  const element = lat.lattice.join(a.value.element as State, b.value.element as State);
  const later = b.id > a.id ? b : a;
  return newVersion(merge(a.clock, b.clock), latticeValue(lat, element), later.id, Math.max(a.time, b.time), later.writer);
}

/** Merge by join: at most one state per key, never siblings. */
export function latticeMerge(lat: ReplicatedLattice): VersionMerge {
  const add = (kept: Siblings, v: Version): Siblings => {
    if (kept.length === 0) return alone(v);
    const mine = kept[0]!;
    // What the clock already covers, the element already holds: nothing to join.
    if (descends(mine.clock, v.clock)) return kept;
    return alone(descends(v.clock, mine.clock) ? v : joinStates(lat, mine, v));
  };
  return {
    add,
    merge(a, b) {
      let out = a.length === 0 ? NO_VERSIONS : a;
      for (let i = 0; i < b.length; i++) out = add(out, b[i]!);
      return out;
    },
  };
}

import type { Observation, Replicas, Routing } from '../concerns.ts';
import { holdsItems, reconcile, visibleItems } from '../versioning/values.ts';
import { mergeSiblings, NO_VERSIONS, type Siblings } from '../versioning/versions.ts';

/** What the lost-update audit sees of the simulation. */
type AuditSim = Routing & Replicas & Observation;

export interface LostUpdates {
  /** Acknowledged writes later in real time than every version the key's replicas keep at the end: overwritten by an earlier write. */
  overwrittenByEarlier: number;
  /** Cart items whose last acknowledged write added them (they should be in the cart at the end). */
  checked: number;
  /** Of those, items missing from the cart the key's replicas reconcile to at the end. */
  lost: number;
  /** Last-write-wins choices among siblings, and those that kept a write made earlier in real time (clock skew). */
  lwwChoices: number;
  lwwEarlierWins: number;
}

/**
 * Lost updates (SOSP'07 §4.4, §6.3). Writes overwritten by earlier ones (timestamps under clock
 * skew), and cart adds: at the end of a run, each key's versions on its home
 * replicas are reconciled as a client would; an item whose last acknowledged write added it but
 * which is not in that cart was lost. A cart merged by union never loses an add (a deleted item
 * may come back instead); last-write-wins keeps one sibling and drops the others' adds, and
 * under clock skew it may keep the earlier of two writes.
 */
export function lostUpdates(sim: AuditSim): LostUpdates {
  const policy = sim.cfg.versioning.reconciliation;
  const out: LostUpdates = { overwrittenByEarlier: overwritten(sim), checked: 0, lost: 0, lwwChoices: sim.counters.lwwChoices, lwwEarlierWins: sim.counters.lwwEarlierWins };
  if (!holdsItems(policy)) return out;
  // The last acknowledged write of each (key, item): true for an add, false for a removal.
  const last = new Map<number, Map<number, boolean>>();
  for (let i = 0; i < sim.ackedKeys.length; i++) {
    const code = sim.ackedItems[i]!;
    if (code === -1) continue;
    const key = sim.ackedKeys[i]!;
    let items = last.get(key);
    if (!items) last.set(key, (items = new Map()));
    if (code >= 0) items.set(code, true);
    else items.set(-2 - code, false);
  }
  for (const [key, items] of last) {
    const versions = kept(sim, key);
    const cart = new Set(visibleItems(policy, reconcile(policy, versions)));
    for (const [item, added] of items) {
      if (!added) continue;
      out.checked++;
      if (!cart.has(item)) out.lost++;
    }
  }
  return out;
}

/** What the key's home replicas keep at the end, merged. */
function kept(sim: AuditSim, key: number): Siblings {
  let versions: Siblings = NO_VERSIONS;
  for (const h of sim.homes(sim.latestRing, key)) versions = mergeSiblings(versions, sim.stores[h]!.get(key));
  return versions;
}

/**
 * Acknowledged writes made after every version that survives on the key's replicas (version ids
 * grow in real time). With vector clocks the latest write survives or is superseded by a later
 * one; with timestamps under clock skew, an earlier write with a faster clock overwrites it.
 */
function overwritten(sim: AuditSim): number {
  const latestKept = new Map<number, number>();
  let count = 0;
  for (let i = 0; i < sim.ackedKeys.length; i++) {
    const key = sim.ackedKeys[i]!;
    let latest = latestKept.get(key);
    if (latest === undefined) latestKept.set(key, (latest = kept(sim, key).reduce((m, v) => Math.max(m, v.id), 0)));
    if (sim.ackedIds[i]! > latest) count++;
  }
  return count;
}

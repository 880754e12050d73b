import type { Observation, Replicas, Routing } from '../concerns.ts';
import { holdsItems, reconcile, visibleItems, type Value } from '../versioning/values.ts';
import { covers, NO_VERSIONS, type Siblings } from '../versioning/versions.ts';

/** What the lost-update audit sees of the simulation. */
type AuditSim = Routing & Replicas & Observation;

export interface LostUpdates {
  /** Acknowledged writes later in real time than every version the key's replicas keep at the end: overwritten by an earlier write. */
  overwrittenByEarlier: number;
  /** Cart items whose last acknowledged write added them (they should be in the cart at the end). */
  checked: number;
  /** Of those, items missing from the cart the key's replicas reconcile to at the end. */
  lost: number;
  /** Cart items whose last acknowledged write removed them: deletions. */
  removals: number;
  /** Of those, items back in the cart at the end: the deletion did not stick (§4.4's resurrection). */
  resurrected: number;
  /**
   * Counters (lattice values): acknowledged increments and decrements, those the final merged
   * state does not reflect (lost), and the counter's final value against the net acknowledged count.
   */
  counter: { acknowledged: number; lost: number; finalValue: number; expected: number } | null;
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
  const out: LostUpdates = {
    overwrittenByEarlier: overwritten(sim),
    checked: 0,
    lost: 0,
    removals: 0,
    resurrected: 0,
    counter: counterAudit(sim),
    lwwChoices: sim.counters.lwwChoices,
    lwwEarlierWins: sim.counters.lwwEarlierWins,
  };
  if (!(sim.lattice ? sim.lattice.holdsItems : holdsItems(policy))) return out;
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
    const cart = new Set(visibleItems(policy, finalValue(sim, key)));
    for (const [item, added] of items) {
      if (!added) {
        out.removals++;
        if (cart.has(item)) out.resurrected++;
        continue;
      }
      out.checked++;
      if (!cart.has(item)) out.lost++;
    }
  }
  return out;
}

/** What the key's home replicas keep at the end, merged (by join, under lattice values). */
function kept(sim: AuditSim, key: number): Siblings {
  let versions: Siblings = NO_VERSIONS;
  for (const h of sim.homes(sim.latestRing, key)) versions = sim.merge.merge(versions, sim.stores[h]!.get(key));
  return versions;
}

/** What a client would make of the key at the end: the merged lattice state, or the siblings reconciled. */
function finalValue(sim: AuditSim, key: number): Value {
  const versions = kept(sim, key);
  return sim.lattice ? (versions[0]?.value ?? reconcile(sim.cfg.versioning.reconciliation, NO_VERSIONS)) : reconcile(sim.cfg.versioning.reconciliation, versions);
}

/**
 * Counters under lattice values: every acknowledged increment (decrement) must be reflected in
 * the final merged state of its key. A write is reflected when the state's clock covers the
 * write's (a coordinator's k-th write carries its first k, lattice/join.ts).
 */
function counterAudit(sim: AuditSim): LostUpdates['counter'] {
  const lat = sim.lattice;
  if (!lat || (lat.kind !== 'g-counter' && lat.kind !== 'pn-counter')) return null;
  const finals = new Map<number, Siblings>();
  let lost = 0;
  let expected = 0;
  for (let i = 0; i < sim.ackedKeys.length; i++) {
    const key = sim.ackedKeys[i]!;
    let versions = finals.get(key);
    if (!versions) finals.set(key, (versions = kept(sim, key)));
    expected += sim.ackedItems[i] === DECREMENT ? -1 : 1;
    if (!covers(versions, sim.ackedClocks[i]!)) lost++;
  }
  let finalValue = 0;
  for (const versions of finals.values()) finalValue += versions[0]?.value.n ?? 0;
  return { acknowledged: sim.ackedKeys.length, lost, finalValue, expected };
}

/** How the commit log records a counter's decrement (replication/coordinator.ts `ackedItem`). */
export const DECREMENT = -(2 ** 30);

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

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
   * state does not reflect (lost, among the `audited` ones: measure/ackedWrites.ts), and the
   * counter's final value against the net acknowledged count.
   */
  counter: { acknowledged: number; audited: number; lost: number; finalValue: number; expected: number } | null;
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
  for (const [key, items] of sim.acked.lastOfItem) {
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
  const acked = sim.acked;
  const finals = new Map<number, Siblings>();
  let lost = 0;
  for (let i = 0; i < acked.length; i++) {
    if (!covers(finalOf(sim, finals, acked.keys[i]!), acked.clocks[i]!)) lost++;
  }
  let finalValue = 0;
  for (let key = 0; key < acked.written.length; key++) if (acked.written[key] === 1) finalValue += finalOf(sim, finals, key)[0]?.value.n ?? 0;
  return { acknowledged: acked.count, audited: acked.length, lost, finalValue, expected: acked.net };
}

/** The key's merged final versions, computed once per key. */
function finalOf(sim: AuditSim, finals: Map<number, Siblings>, key: number): Siblings {
  let versions = finals.get(key);
  if (!versions) finals.set(key, (versions = kept(sim, key)));
  return versions;
}

/** How the commit log records a counter's decrement (replication/coordinator.ts `ackedItem`). */
export const DECREMENT = -(2 ** 30);

/**
 * Acknowledged writes made after every version that survives on the key's replicas (version ids
 * grow in real time). With vector clocks the latest write survives or is superseded by a later
 * one; with timestamps under clock skew, an earlier write with a faster clock overwrites it.
 */
function overwritten(sim: AuditSim): number {
  const acked = sim.acked;
  const latestKept = new Map<number, number>();
  let count = 0;
  for (let i = 0; i < acked.length; i++) {
    const key = acked.keys[i]!;
    let latest = latestKept.get(key);
    if (latest === undefined) latestKept.set(key, (latest = kept(sim, key).reduce((m, v) => Math.max(m, v.id), 0)));
    if (acked.ids[i]! > latest) count++;
  }
  return count;
}

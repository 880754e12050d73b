import type { NodeStore } from '../../replication/storage.ts';
import type { Operation, Value } from '../values.ts';
import { newVersion, type Version } from '../versions.ts';
import { merge, type VectorClock } from '../vectorClock.ts';
import type { State } from '../../../lvars/lattice/lattice.ts';
import type { LatticeOp, ReplicatedLattice } from './replicated.ts';
import { elementOf, latticeValue } from './values.ts';

/** A workload operation as an update of the lattice: counters count writes, sets add and remove, registers put. */
export function latticeOp(lat: ReplicatedLattice, op: Operation, id: number): LatticeOp {
  const counter = lat.kind === 'g-counter' || lat.kind === 'pn-counter';
  switch (op.op) {
    case 'put':
      return counter ? { op: 'increment' } : { op: 'put', id };
    case 'add':
      return counter ? { op: 'increment' } : lat.holdsItems ? op : { op: 'put', id };
    case 'remove':
      return counter ? { op: 'decrement' } : lat.holdsItems ? op : { op: 'put', id };
  }
}

export interface LatticeWrite {
  lat: ReplicatedLattice;
  /** The coordinator's store, or null when a client library coordinates. */
  store: NodeStore | null;
  key: number;
  /** What the client last read or wrote (its context). */
  context: Value;
  /** The new write's clock (the client's context with the coordinator's counter advanced). */
  clock: VectorClock;
  operation: Operation;
  coordinator: number;
  id: number;
  time: number;
  writer: number;
}

/**
 * A put under lattice values ("put = join", LVish's put on replicated state): the coordinator
 * joins what it knows of the key (its replica, its hints, its own earlier writes) with the
 * client's context, applies the update as an inflation of that, and replicates the resulting
 * state; replicas join it into theirs. Counters change only the coordinator's own entry.
 */
export function latticeVersion(w: LatticeWrite): Version {
  const { lat, store, key } = w;
  let element: State = elementOf(lat, w.context);
  let clock = w.clock;
  const known = store ? [...store.read(key), ...(store.own.has(key) ? [store.own.get(key)!] : [])] : [];
  for (const v of known) {
    element = lat.lattice.join(element, elementOf(lat, v.value));
    clock = merge(clock, v.clock);
  }
  const updated = lat.update(element, latticeOp(lat, w.operation, w.id), w.coordinator, w.id);
  const version = newVersion(clock, latticeValue(lat, updated), w.id, w.time, w.writer);
  store?.own.set(key, version);
  return version;
}

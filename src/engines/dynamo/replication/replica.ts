import { MSG, type Message } from '../sim/messages.ts';
import type { Observation, Replicas, Wire } from '../concerns.ts';
import { FLAG, REC, STORE_CAUSE } from '../measure/traceRecorder.ts';
import type { Version } from '../versioning/versions.ts';

/** What a replica sees of the simulation. */
type ReplicaSim = Wire & Replicas & Observation;

/**
 * Applies a version at a node. With a hint (sloppy quorum, SOSP'07 §4.6) the version goes to the
 * node's hinted store for the intended node, not to its own data. Returns whether anything
 * changed; a change is recorded in the trace.
 */
export function storeVersion(sim: ReplicaSim, node: number, key: number, v: Version, hint: number, cause: number, from: number): boolean {
  const store = sim.stores[node]!;
  const hinted = hint >= 0 && hint !== node;
  const changed = hinted ? store.putHint(hint, key, v) : store.put(key, v);
  if (changed) {
    if (hinted) sim.counters.hintsStored++;
    sim.trace.record(sim.now, sim.now, REC.store, cause, from, node, key, v.id, hinted ? hint : -1, (hinted ? FLAG.HINTED : 0) | (from === node ? FLAG.LOCAL : 0));
  }
  return changed;
}

/** Counts one replica operation served by `node`. */
export function served(sim: ReplicaSim, node: number): void {
  sim.metrics.load[node * sim.metrics.buckets + sim.metrics.bucket(sim.now)]!++;
}

/** A replica receives a put: it stores the version (or keeps it as a hint) and acknowledges. */
export function onPut(sim: ReplicaSim, node: number, from: number, msg: Message): void {
  served(sim, node);
  storeVersion(sim, node, msg.key, msg.versions![0]!, msg.hint, STORE_CAUSE.put, from);
  sim.send(node, from, sim.message(MSG.putAck, msg.req, msg.key));
}

/** A replica receives a get: it answers with every version it holds, hinted ones included. */
export function onGet(sim: ReplicaSim, node: number, from: number, msg: Message): void {
  served(sim, node);
  const reply = sim.message(MSG.getReply, msg.req, msg.key);
  reply.versions = sim.stores[node]!.read(msg.key);
  sim.send(node, from, reply);
}

/** Read repair (§5): the coordinator pushes the versions a replica was missing. */
export function onRepair(sim: ReplicaSim, node: number, from: number, msg: Message): void {
  for (const v of msg.versions!) storeVersion(sim, node, msg.key, v, msg.hint, STORE_CAUSE.repair, from);
}

import { MSG, type Message } from '../sim/messages.ts';
import type { Agenda, Observation, Replicas, Serving, Wire } from '../concerns.ts';
import { mergeSiblings } from '../versioning/versions.ts';
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
  const before = sim.lattice && !hinted ? store.get(key)[0] : undefined;
  const changed = hinted ? store.putHint(hint, key, v) : store.put(key, v);
  if (changed) {
    if (hinted) sim.counters.hintsStored++;
    sim.trace.record(sim.now, sim.now, REC.store, cause, from, node, key, v.id, hinted ? hint : -1, (hinted ? FLAG.HINTED : 0) | (from === node ? FLAG.LOCAL : 0));
    if (sim.lattice && !hinted) {
      sim.trace.latticeState(sim.now, node, key, cause, from, v, before, store.get(key)[0]!);
    }
  }
  return changed;
}

/** Whether a put goes to the node's object buffer rather than to storage (§6.1): not the durable one, not a hint. */
export function buffersPut(sim: Agenda, node: number, msg: Message): boolean {
  const svc = sim.cfg.service;
  return svc.enabled && svc.bufferedWrites && !msg.durable && !(msg.hint >= 0 && msg.hint !== node);
}

/** Counts one replica operation served by `node`. */
export function served(sim: ReplicaSim, node: number): void {
  sim.metrics.load[node * sim.metrics.buckets + sim.metrics.bucket(sim.now)]!++;
}

/**
 * A replica receives a put: it stores the version (or keeps it as a hint), or with buffered
 * writes puts it in its object buffer (§6.1), and acknowledges.
 */
export function onPut(sim: ReplicaSim & Serving, node: number, from: number, msg: Message): void {
  served(sim, node);
  if (buffersPut(sim, node, msg)) sim.buffers[node]!.put(msg.key, msg.versions![0]!);
  else storeVersion(sim, node, msg.key, msg.versions![0]!, msg.hint, STORE_CAUSE.put, from);
  sim.send(node, from, sim.message(MSG.putAck, msg.req, msg.key));
}

/** A replica receives a get: it answers with every version it holds, hinted and buffered ones included. */
export function onGet(sim: ReplicaSim & Serving, node: number, from: number, msg: Message): void {
  served(sim, node);
  const reply = sim.message(MSG.getReply, msg.req, msg.key);
  const stored = sim.stores[node]!.read(msg.key);
  const buffer = sim.buffers[node]!;
  reply.versions = buffer.has(msg.key) ? mergeSiblings(stored, buffer.read(msg.key)) : stored;
  sim.send(node, from, reply);
}

/** Read repair (§5): the coordinator pushes the versions a replica was missing. */
export function onRepair(sim: ReplicaSim, node: number, from: number, msg: Message): void {
  for (const v of msg.versions!) storeVersion(sim, node, msg.key, v, msg.hint, STORE_CAUSE.repair, from);
}

import { MSG, type KeyVersions, type Message } from '../sim/messages.ts';
import { storeVersion } from '../replication/replica.ts';
import type { Observation, Replicas, Routing, Wire } from '../concerns.ts';
import { REC, STORE_CAUSE } from '../measure/traceRecorder.ts';

/** What rebalancing sees of the simulation. */
type RebalanceSim = Wire & Routing & Replicas & Observation;

const BATCH = 512;

/**
 * A node learns a newer ring (from gossip, or because the change was made at it). For every key
 * it held whose top N it has left, it sends its copy to the node that took its place (SOSP'07
 * §4.9: "when a node is added ... the nodes that are no longer responsible transfer keys to it"),
 * and deletes the copy once the new owner confirms. The keys moved are counted.
 */
export function adoptRing(sim: RebalanceSim, node: number, version: number): void {
  const old = sim.ringOf[node]!;
  if (version <= old) return;
  sim.ringOf[node] = version;
  const batches = new Map<number, KeyVersions>();
  for (const [key, versions] of sim.stores[node]!.data) {
    const before = Array.from(sim.homes(old, key));
    if (!before.includes(node)) continue;
    const after = Array.from(sim.homes(version, key));
    if (after.includes(node)) continue;
    // Leavers hand over to joiners pairwise, in preference-list order.
    const leavers = before.filter((x) => !after.includes(x));
    const joiners = after.filter((x) => !before.includes(x));
    const to = joiners[leavers.indexOf(node)];
    if (to === undefined) continue;
    let batch = batches.get(to);
    if (!batch) batches.set(to, (batch = []));
    batch.push({ key, versions });
  }
  for (const [to, batch] of batches) {
    for (let i = 0; i < batch.length; i += BATCH) {
      const m = sim.message(MSG.transfer);
      m.batch = batch.slice(i, i + BATCH);
      sim.counters.keysMoved += m.batch.length;
      sim.metrics.moved[sim.metrics.bucket(sim.now)]! += m.batch.length;
      sim.send(node, to, m);
    }
  }
}

export function onTransfer(sim: RebalanceSim, node: number, from: number, msg: Message): void {
  for (const { key, versions } of msg.batch!) for (const v of versions) storeVersion(sim, node, key, v, -1, STORE_CAUSE.transfer, from);
  const ack = sim.message(MSG.transferAck);
  ack.batch = msg.batch;
  sim.send(node, from, ack);
}

/** The new owner has the keys: the old one deletes what it sent (anything newer stays). */
export function onTransferAck(sim: RebalanceSim, node: number, msg: Message): void {
  const store = sim.stores[node]!;
  const v = sim.ringOf[node]!;
  for (const { key, versions } of msg.batch!) {
    if (sim.homes(v, key).includes(node)) continue;
    const held = store.get(key);
    const remaining = held.filter((x) => !versions.includes(x));
    if (remaining.length === 0) store.data.delete(key);
    else store.data.set(key, remaining);
    for (const v of held) if (versions.includes(v)) sim.trace.record(sim.now, sim.now, REC.release, STORE_CAUSE.transfer, -1, node, key, v.id, -1, 0);
  }
}

import { MSG, type KeyVersions, type Message } from '../sim/messages.ts';
import { storeVersion } from '../replication/replica.ts';
import { EV } from '../sim/events.ts';
import type { Nodes, Observation, Replicas, Wire } from '../concerns.ts';
import { REC, STORE_CAUSE } from '../measure/traceRecorder.ts';

/** What hinted handoff sees of the simulation. */
type HandoffSim = Wire & Nodes & Replicas & Observation;

/** Keys per hand-off message, so one round never floods the network. */
const BATCH = 256;

/**
 * Hinted handoff (SOSP'07 §4.6): a node holding replicas meant for another periodically checks
 * whether that node is back; if so it sends them over and, once they are acknowledged, deletes
 * its copy.
 */
export function onHandoff(sim: HandoffSim, node: number): void {
  const store = sim.stores[node]!;
  for (const [intended, keys] of store.hints) {
    if (sim.member[intended] === 0 || !sim.membership.alive(node, intended, sim.now)) continue;
    const batch: KeyVersions = [];
    for (const [key, versions] of keys) {
      batch.push({ key, versions });
      if (batch.length === BATCH) break;
    }
    const m = sim.message(MSG.handoff, -1, batch.length === 1 ? batch[0]!.key : -1);
    m.batch = batch;
    m.hint = intended;
    sim.sendAfterRead(node, intended, m);
  }
  sim.again(EV.handoff, node, sim.cfg.repair.handoffIntervalMs);
}

/** The intended node takes its replicas back and acknowledges. */
export function onHandoffMessage(sim: HandoffSim, node: number, from: number, msg: Message): void {
  for (const { key, versions } of msg.batch!) for (const v of versions) storeVersion(sim, node, key, v, -1, STORE_CAUSE.handoff, from);
  const ack = sim.message(MSG.handoffAck, -1, msg.key);
  ack.batch = msg.batch;
  ack.hint = msg.hint;
  sim.send(node, from, ack);
}

/** Delivered: the holder forgets those hinted versions (newer hints stay). */
export function onHandoffAck(sim: HandoffSim, node: number, msg: Message): void {
  const store = sim.stores[node]!;
  let delivered = 0;
  for (const { key, versions } of msg.batch!) {
    const before = store.hintCount;
    store.dropDelivered(msg.hint, key, versions);
    delivered += before - store.hintCount;
    for (const v of versions) sim.trace.record(sim.now, sim.now, REC.release, STORE_CAUSE.handoff, msg.hint, node, key, v.id, msg.hint, 0);
  }
  sim.counters.hintsDelivered += delivered;
  sim.metrics.handedOff[sim.metrics.bucket(sim.now)]! += delivered;
}

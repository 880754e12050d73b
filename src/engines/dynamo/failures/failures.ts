import type { FailureKind } from '../config.ts';
import { adoptRing } from '../membership/rebalance.ts';
import { addNode, removeNode } from '../ring/ring.ts';
import { EV } from '../sim/events.ts';
import type { Nodes, Observation, Replicas, Routing, Wire } from '../concerns.ts';
import { REC } from '../measure/traceRecorder.ts';

/** What failure injection sees of the simulation. */
type FailureSim = Wire & Nodes & Routing & Replicas & Observation;

/** Failure kinds in trace order (a failure record's `type` indexes this list). */
export const FAILURE_KINDS: readonly FailureKind[] = ['crash', 'recover', 'partition', 'heal', 'drop', 'delay', 'slow', 'add', 'remove'];

/** Applies the scenario's failure `index` at its time. */
export function onFailure(sim: FailureSim, index: number): void {
  const f = sim.cfg.failures[index]!;
  let node = -1;
  switch (f.kind) {
    case 'crash':
      node = f.node;
      if (sim.up[node] === 1) {
        sim.setUp(node, false);
        sim.epoch[node]!++;
      }
      break;
    case 'recover':
      node = f.node;
      if (sim.up[node] === 0 && sim.member[node] === 1) start(sim, node);
      break;
    case 'partition':
      sim.network.partition(f.groups, f.clientGroups);
      break;
    case 'heal':
      sim.network.heal();
      break;
    case 'drop':
      sim.network.dropProbability = f.probability;
      break;
    case 'delay':
      sim.network.extraDelayMs = f.extraMs;
      break;
    case 'slow':
      node = f.node;
      sim.network.slow[node] = f.factor;
      break;
    case 'add': {
      // The new node takes tokens (or steals partitions), knows the new ring, and gossips it (§4.9).
      node = sim.newNodeId();
      const ring = addNode(sim.rings[sim.latestRing]!, sim.cfg.cluster, node, f.capacity, sim.prefLen, sim.rngRing);
      sim.addRing(ring);
      sim.ringOf[node] = ring.version;
      sim.setMember(node, true);
      start(sim, node);
      break;
    }
    case 'remove': {
      // The node leaves the ring, hands its keys to their new owners, and shuts down after a grace period.
      node = f.node;
      const ring = removeNode(sim.rings[sim.latestRing]!, node, sim.prefLen, sim.rngRing);
      sim.addRing(ring);
      sim.setMember(node, false);
      if (sim.up[node] === 1) adoptRing(sim, node, ring.version);
      sim.queue.push(sim.now + sim.cfg.membership.failureTimeoutMs, EV.shutdown, node, 0, null);
      break;
    }
  }
  sim.applied.push({ at: sim.now, index, node, ring: sim.latestRing });
  sim.trace.record(sim.now, sim.now, REC.failure, FAILURE_KINDS.indexOf(f.kind), node, -1, -1, index, sim.latestRing, 0);
}

function start(sim: FailureSim, node: number): void {
  sim.setUp(node, true);
  sim.epoch[node]!++;
  sim.membership.restart(node, sim.now);
  sim.membership.beat(node, sim.now);
  sim.startTimers(node);
}

/** A removed node finishes draining and stops. */
export function onShutdown(sim: FailureSim, node: number): void {
  if (sim.up[node] === 0) return;
  sim.setUp(node, false);
  sim.epoch[node]!++;
}

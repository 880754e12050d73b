import { MSG, type Message } from '../sim/messages.ts';
import { adoptRing } from './rebalance.ts';
import { EV } from '../sim/events.ts';
import type { Nodes, Observation, Replicas, Routing, Wire } from '../concerns.ts';

/** What gossip sees of the simulation. */
type GossipSim = Wire & Nodes & Routing & Replicas & Observation;

/** Chance that a gossip round goes to a seed node rather than a random member (§4.8.2). */
const SEED_CHANCE = 0.2;

/**
 * Gossip-based membership (SOSP'07 §4.8.1–2): every round a node advances its heartbeat and
 * swaps tables (and its ring version) with a random member, sometimes with a seed node, which
 * every node knows, so that no part of the cluster stays in a separate logical ring.
 */
export function onGossip(sim: GossipSim, node: number): void {
  sim.membership.beat(node, sim.now);
  const ring = sim.rings[sim.ringOf[node]!]!;
  const seeds = Math.min(sim.cfg.cluster.seeds, ring.members.length);
  const rng = sim.rngProtocol;
  let peer: number;
  if (seeds > 0 && rng.next() < SEED_CHANCE) peer = ring.members[rng.int(seeds)]!;
  else peer = ring.members[rng.int(ring.members.length)]!;
  if (peer !== node) send(sim, node, peer, MSG.gossip);
  sim.again(EV.gossip, node, sim.cfg.membership.gossipIntervalMs);
}

function send(sim: GossipSim, from: number, to: number, type: typeof MSG.gossip | typeof MSG.gossipReply): void {
  sim.counters.gossipMessages++;
  const m = sim.message(type);
  m.table = sim.membership.table(from);
  m.ages = sim.membership.ages(from, sim.now);
  m.ring = sim.ringOf[from]!;
  sim.send(from, to, m);
}

/** A node hears a peer's table: it keeps the larger heartbeats and the newer ring, and answers a push with its own. */
export function onGossipMessage(sim: GossipSim, node: number, from: number, msg: Message): void {
  sim.membership.merge(node, msg.table!, msg.ages!, sim.now);
  adoptRing(sim, node, msg.ring);
  if (msg.type === MSG.gossip) send(sim, node, from, MSG.gossipReply);
}

/** Client-driven coordination (§6.4): every few seconds a client downloads a random node's membership view. */
export function onRefresh(sim: GossipSim, client: number): void {
  const self = sim.M + client;
  const ring = sim.rings[sim.ringOf[self]!]!;
  const node = ring.members[sim.rngProtocol.int(ring.members.length)]!;
  sim.counters.viewRefreshes++;
  sim.send(self, node, sim.message(MSG.viewRequest));
  sim.queue.push(sim.now + sim.cfg.coordination.refreshMs, EV.refresh, client, 0, null);
}

export function onViewRequest(sim: GossipSim, node: number, from: number): void {
  const m = sim.message(MSG.view);
  m.table = sim.membership.verdicts(node, sim.now);
  m.ring = sim.ringOf[node]!;
  sim.send(node, from, m);
}

export function onView(sim: GossipSim, client: number, msg: Message): void {
  sim.membership.setClientView(client, msg.table!);
  const self = sim.M + client;
  if (msg.ring > sim.ringOf[self]!) sim.ringOf[self] = msg.ring;
}

import { MSG, type Message } from '../sim/messages.ts';
import { served, storeVersion } from './replica.ts';
import { fillRequest, type Request } from './request.ts';
import { chooseTargets, keepWriteQuorumOnly, loadBalance, pickFromPreferenceList } from './targets.ts';
import { EV } from '../sim/events.ts';
import type { Cluster } from '../concerns.ts';
import { FLAG, REC, STORE_CAUSE } from '../measure/traceRecorder.ts';
import { apply, EMPTY_VALUE, reconcile, visibleItems, type Operation, type Value } from '../versioning/values.ts';
import { counterOf, EMPTY_CLOCK, merge, truncate, withCounter, type VectorClock } from '../versioning/vectorClock.ts';
import { alone, missingFrom, newVersion, NO_VERSIONS, type Siblings } from '../versioning/versions.ts';
import { OP } from '../sim/workload.ts';
import { enterLane, laneOf, leaveLane, NO_LANE } from './clientLanes.ts';
import { latticeVersion } from '../versioning/lattice/write.ts';
import { pollAnswered, startWait } from './thresholdRead.ts';
import { DECREMENT } from '../measure/lostUpdates.ts';

/**
 * get() and put() (SOSP'07 §4.5, §5, §6.4): the client side, the coordinator's state machine and
 * what happens once it is decided (commit bookkeeping, read repair, local failure detection).
 */

/** A generated put: the value it writes is the new version's id (`apply`'s putN), so one operation serves every put. */
const PUT: Operation = Object.freeze({ op: 'put', n: 0 });

/** A workload operation arrives: it starts now, or waits for its client's lane (clientLanes.ts). */
export function onOperation(sim: Cluster, index: number): void {
  const w = sim.workload;
  const op = w.op(index);
  const lane = laneOf(sim.cfg, op !== OP.get && op !== OP.wait, w.key(index));
  if (enterLane(sim, w.client(index), lane, index)) startOperation(sim, index, lane);
  else w.park(index);
}

/** An operation starts: a get, a blind write, or the get of a read-modify-write. */
function startOperation(sim: Cluster, index: number, lane: number): void {
  const w = sim.workload;
  const key = w.key(index);
  const client = w.client(index);
  const code = w.op(index);
  const pick = w.pick(index);
  const item = w.item(index);
  w.started(index);
  if (code === OP.get) return startRequest(sim, client, false, key, null, pick, EMPTY_CLOCK, EMPTY_VALUE, false, lane);
  if (code === OP.wait) return startWait(sim, client, key, item, lane);
  const operation: Operation =
    code === OP.put ? PUT : code === OP.add ? { op: 'add', item } : { op: 'remove', item };
  const { cfg } = sim;
  if (cfg.workload.writeMode === 'blind') {
    // A blind write (a put, or a cart's add or remove) continues from what this client last wrote to the key.
    const last = sim.clients[client]!.context.get(key);
    const value = last?.value ?? EMPTY_VALUE;
    const op = resolve(sim, operation, value, pick);
    return startRequest(sim, client, true, key, op, pick, last?.clock ?? EMPTY_CLOCK, value, false, lane);
  }
  startRequest(sim, client, false, key, operation, pick, EMPTY_CLOCK, EMPTY_VALUE, false, lane);
}

/** A PBS staleness probe: a read issued a fixed time after a write committed. */
export function onProbe(sim: Cluster, key: number, client: number): void {
  startRequest(sim, client, false, key, null, 0, EMPTY_CLOCK, EMPTY_VALUE, true, NO_LANE);
}

/** One read of a threshold read (replication/thresholdRead.ts): an ordinary get, answered to the wait. */
export function startPoll(sim: Cluster, client: number, key: number, lane: number, wait: number): void {
  startRequest(sim, client, false, key, null, 0, EMPTY_CLOCK, EMPTY_VALUE, false, lane, wait);
}

function startRequest(
  sim: Cluster,
  client: number,
  write: boolean,
  key: number,
  operation: Operation | null,
  pick: number,
  context: VectorClock,
  value: Value,
  probe: boolean,
  lane: number,
  wait = -1,
): void {
  const req = fillRequest(sim.takeRequest(), sim.newRequestId(), write, key, client, sim.now, operation, pick, probe, context, value);
  req.lane = lane;
  req.wait = wait;
  req.latestAtStart = write ? 0 : sim.commits.latest(key);
  sim.requests.set(req);
  const self = sim.M + client;
  sim.trace.record(sim.now, sim.now, REC.start, write ? OP.put : OP.get, self, -1, key, req.id, 0, probe ? FLAG.STALE : 0);
  const { cfg } = sim;
  const fastest = write && cfg.coordination.writeCoordinator === 'fastest-read' ? (sim.clients[client]!.readFastest.get(key) ?? -1) : -1;
  // §6.4: the write goes straight to the node that answered the client's last read of the key fastest.
  if (fastest >= 0) return sendRequest(sim, req, self, fastest);
  if (cfg.coordination.mode === 'client') {
    // Client-driven coordination (§6.4): reads are coordinated by the client library; writes go to
    // a node of the preference list, unless versions are timestamps (last-write-wins). A lattice
    // write is always coordinated by a node: it joins the update into the node's state.
    if (!write || (cfg.versioning.reconciliation === 'last-write-wins' && !sim.lattice)) return coordinate(sim, req, self);
    return sendRequest(sim, req, self, pickFromPreferenceList(sim, self, key));
  }
  // Server-driven: a load balancer hands the request to a random healthy node.
  const node = loadBalance(sim, self);
  if (node < 0) return sim.clientGivesUp(req);
  sendRequest(sim, req, self, node);
}

function sendRequest(sim: Cluster, req: Request, from: number, to: number): void {
  sim.send(from, to, sim.message(req.hops === 0 ? MSG.request : MSG.forward, req.id, req.key));
}

/**
 * A node receives a request. If it is not among the key's top N it forwards the request to the
 * first of them it believes up (§4.5); otherwise it coordinates.
 */
export function onRequest(sim: Cluster, node: number, msg: Message): void {
  const req = sim.requests.get(msg.req);
  if (req && req.coordinator < 0) route(sim, node, req);
}

/** At `node`: forward the request to a home replica, or coordinate it. */
function route(sim: Cluster, node: number, req: Request): void {
  const base = sim.lookup(node, req.key);
  const { pl, plLength } = sim;
  const n = Math.min(sim.cfg.quorum.n, plLength);
  let home = false;
  for (let i = 0; i < n; i++) if (pl[base + i] === node) home = true;
  if (!home && req.hops < MAX_HOPS) {
    let to = -1;
    for (let i = 0; i < plLength && to < 0; i++) {
      if (i >= n && !sim.cfg.quorum.sloppy) break;
      if (sim.membership.alive(node, pl[base + i]!, sim.now)) to = pl[base + i]!;
    }
    if (to >= 0 && to !== node) {
      req.hops++;
      req.forwardedTo = to;
      sim.counters.forwards++;
      return sendRequest(sim, req, node, to);
    }
  }
  coordinate(sim, req, node);
}

/** Forwards a request may take: from the load balancer's pick to a replica, and retries after a lost forward. */
const MAX_HOPS = 4;

/**
 * A forward was lost (dropped, cut off, or its target is down) and no coordinator took the
 * request within the forward timeout: the forwarder avoids that target for a while (§4.8.3) and
 * forwards the request again, to the next replica it believes up.
 */
export function onForwardRetry(sim: Cluster, id: number, node: number): void {
  const req = sim.requests.get(id);
  if (!req || req.clientDone || req.coordinator >= 0 || sim.up[node] === 0) return;
  sim.membership.suspect(node, req.forwardedTo, sim.now);
  sim.counters.suspicions++;
  sim.counters.forwardRetries++;
  route(sim, node, req);
}

/** The actor of a timestamp version's one pair (it sorts before every node). */
const TIMESTAMP_ACTOR = -1;

/**
 * The new version's vector clock: the client's context with the coordinator's counter advanced
 * (§4.4). With timestamp versions, the coordinator's clock reading alone: the later reading
 * dominates, whatever the context.
 */
function newClock(sim: Cluster, req: Request, e: number): VectorClock {
  // Shifted by the skew bound so that every reading is positive, as counters are.
  if (sim.cfg.versioning.versions === 'timestamps') return [TIMESTAMP_ACTOR, sim.localTime(e) + sim.cfg.cluster.clockSkewMs + 1, sim.now];
  let counter = counterOf(req.context, e);
  if (e < sim.M) {
    const store = sim.stores[e]!;
    const held = store.get(req.key);
    for (let i = 0; i < held.length; i++) counter = Math.max(counter, counterOf(held[i]!.clock, e));
    counter = store.counters.next(req.key, counter);
  } else {
    const client = sim.clients[e - sim.M]!;
    counter = client.counter = Math.max(client.counter, counter) + 1;
  }
  const clock = withCounter(req.context, e, counter, sim.localTime(e));
  // A lattice state's clock records which writes it holds, so it is never truncated.
  return sim.lattice ? clock : truncate(clock, sim.cfg.versioning.clockThreshold);
}

/** Endpoint e (a node, or a client library) coordinates the request. */
function coordinate(sim: Cluster, req: Request, e: number): void {
  const { cfg } = sim;
  req.coordinator = e;
  req.epoch = e < sim.M ? sim.epoch[e]! : 0;
  if (e < sim.M) sim.metrics.coordinated[e * sim.metrics.buckets + sim.metrics.bucket(sim.now)]!++;
  chooseTargets(sim, req, e);
  if (req.write) {
    if (cfg.quorum.propagation === 'quorum-only') keepWriteQuorumOnly(sim, req, e);
    const clock = newClock(sim, req, e);
    const id = sim.newVersionId();
    const op = req.operation!;
    const time = sim.localTime(e);
    const lat = sim.lattice;
    const version = lat
      ? latticeVersion({ lat, store: e < sim.M ? sim.stores[e]! : null, key: req.key, context: req.value, clock, operation: op, coordinator: e, id, time, writer: req.client })
      : newVersion(clock, apply(cfg.versioning.reconciliation, req.value, op, id), id, time, req.client);
    const { value } = version;
    req.version = version;
    req.merged = alone(version);
    sim.trace.version(id, req.key, version.clock, value, sim.now, req.client, e);
  }
  if (!req.write) for (let i = 0; i < req.targets.length; i++) req.replies.push(NO_VERSIONS);
  sim.queue.push(sim.now + cfg.timeoutMs, EV.coordinatorTimeout, req.id, 0, null);
  let local = -1;
  // Under node queueing the coordinator's own replica waits in its queue like any other: it gets a message too.
  const queued = cfg.service.enabled;
  const durable = req.write ? durableReplica(sim, req) : -1;
  for (let i = 0; i < req.targets.length; i++) {
    const t = req.targets[i]!;
    if (t === e && !queued) {
      local = i;
      continue;
    }
    const m = sim.message(req.write ? MSG.put : MSG.get, req.id, req.key);
    if (req.write) {
      m.versions = req.merged;
      m.hint = req.hints[i]!;
      m.durable = i === durable;
    }
    sim.send(e, t, m);
  }
  // The coordinator's own replica answers at once.
  if (local >= 0) {
    served(sim, e);
    if (req.write) {
      storeVersion(sim, e, req.key, req.version!, req.hints[local]!, STORE_CAUSE.put, e);
      answered(sim, req, local, NO_VERSIONS);
    } else {
      answered(sim, req, local, sim.stores[e]!.read(req.key));
    }
  }
}

/** Buffered writes (§6.1): the coordinator picks one of the write's replicas to write durably (-1: every one does). */
function durableReplica(sim: Cluster, req: Request): number {
  const svc = sim.cfg.service;
  return svc.enabled && svc.bufferedWrites ? sim.rngProtocol.int(req.targets.length) : -1;
}

/** A put-ack or get-reply reaches the coordinator. */
export function onReplicaAnswer(sim: Cluster, e: number, from: number, msg: Message): void {
  const req = sim.requests.get(msg.req);
  if (!req || req.coordinator !== e || req.finalized) return;
  if (e < sim.M && sim.epoch[e] !== req.epoch) return;
  const i = req.targets.indexOf(from);
  if (i < 0) return;
  answered(sim, req, i, msg.versions ?? NO_VERSIONS);
}

function answered(sim: Cluster, req: Request, i: number, versions: Siblings): void {
  if (req.answered & (1 << i)) return;
  req.answered |= 1 << i;
  req.acks++;
  const { quorum } = sim.cfg;
  if (!req.write) {
    if (req.acks === 1) req.fastest = req.targets[i]!;
    req.replies[i] = versions;
    req.merged = sim.merge.merge(req.merged, versions);
  }
  if (!req.decided && req.acks >= (req.write ? quorum.w : quorum.r)) decide(sim, req, true);
  if (req.acks === req.targets.length) finalize(sim, req, false);
}

/** The coordinator has its quorum (or gave up): it answers the client. */
function decide(sim: Cluster, req: Request, ok: boolean): void {
  req.decided = true;
  if (ok && req.write) commit(sim, req);
  const versions = req.merged;
  const client = sim.M + req.client;
  if (req.coordinator === client) return complete(sim, req, ok, versions);
  const reply = sim.message(MSG.reply, req.id, req.key);
  reply.ok = ok;
  reply.versions = versions;
  sim.send(req.coordinator, client, reply);
}

/** A write is committed once W replicas hold it: the observer's staleness baseline moves on. */
function commit(sim: Cluster, req: Request): void {
  const v = req.version!;
  sim.commits.commit(req.key, v.clock, sim.now);
  if (sim.lattice) sim.thresholdReads.acked(req.key, v.value.element);
  sim.acked.add(req.key, v.clock, v.id, ackedItem(req.operation));
  sim.trace.record(sim.now, sim.now, REC.commit, OP.put, req.coordinator, -1, req.key, v.id, 0, 0);
  const probes = sim.cfg.workload.probeDelaysMs;
  for (let i = 0; i < probes.length; i++) sim.queue.push(sim.now + probes[i]!, EV.probe, req.key, (req.client + 1) % sim.C, null);
}

/** What the lost-update audit records of a committed write: the item added, −2 − the item removed, DECREMENT, or −1. */
function ackedItem(op: Operation | null): number {
  if (op?.op === 'add') return op.item;
  if (op?.op === 'remove') return op.item < 0 ? DECREMENT : -2 - op.item;
  return -1;
}

/**
 * The coordinator is done: every replica answered, or the timeout passed. Replicas that stayed
 * silent are suspected (local failure detection, §4.8.3); stale replicas get read repair (§5).
 */
function finalize(sim: Cluster, req: Request, timedOut: boolean): void {
  if (req.finalized) return;
  req.finalized = true;
  const e = req.coordinator;
  if (timedOut) {
    for (let i = 0; i < req.targets.length; i++) {
      if (req.answered & (1 << i) || req.targets[i] === e) continue;
      sim.membership.suspect(e, req.targets[i]!, sim.now);
      sim.counters.suspicions++;
    }
  }
  if (!req.write && sim.cfg.repair.readRepair) {
    for (let i = 0; i < req.targets.length; i++) {
      if (!(req.answered & (1 << i))) continue;
      const missing = missingFrom(req.replies[i]!, req.merged);
      if (missing.length === 0) continue;
      sim.counters.readRepairs++;
      sim.metrics.repairs[sim.metrics.bucket(sim.now)]!++;
      const t = req.targets[i]!;
      if (t === e) {
        for (const v of missing) storeVersion(sim, e, req.key, v, req.hints[i]!, STORE_CAUSE.repair, e);
        continue;
      }
      const m = sim.message(MSG.repair, req.id, req.key);
      m.versions = missing;
      m.hint = req.hints[i]!;
      sim.send(e, t, m);
    }
  }
  release(sim, req);
}

export function onCoordinatorTimeout(sim: Cluster, id: number): void {
  const req = sim.requests.get(id);
  if (!req || req.finalized) return;
  const e = req.coordinator;
  if (e < sim.M && (sim.up[e] === 0 || sim.epoch[e] !== req.epoch)) {
    // The coordinator crashed mid-request: nobody answers, the client times out.
    req.finalized = true;
    complete(sim, req, false, NO_VERSIONS);
    return release(sim, req);
  }
  if (!req.decided) decide(sim, req, false);
  finalize(sim, req, true);
}

export function onClientTimeout(sim: Cluster, id: number): void {
  const req = sim.requests.get(id);
  if (req && !req.clientDone) complete(sim, req, false, NO_VERSIONS);
}

/** The coordinator's answer reaches the client. */
export function onReply(sim: Cluster, msg: Message): void {
  const req = sim.requests.get(msg.req);
  if (req) complete(sim, req, msg.ok, msg.versions ?? NO_VERSIONS);
}

/**
 * A request message or its answer was lost: the client will time out unless a lost forward is
 * retried in time. Whoever sent a request to a node waits for the answer it proxies back; when
 * none comes by the timeout, the sender avoids that node for a while (local failure detection,
 * §4.8.3). A forwarder notices sooner, once the forward timeout passes with no coordinator taking
 * the request (the coordinator's acceptance is not modelled as a message of its own).
 */
export function onRequestLost(sim: Cluster, msg: Message, from: number, to: number): void {
  const req = sim.requests.get(msg.req);
  if (req && !req.clientDone) sim.clientGivesUp(req);
  if (req && msg.type === MSG.forward) {
    sim.queue.push(Math.max(sim.now, msg.sent + sim.cfg.coordination.forwardTimeoutMs), EV.forwardRetry, req.id, from, null);
    return;
  }
  if (msg.type !== MSG.reply && to < sim.M) sim.queue.push(sim.now + sim.cfg.timeoutMs, EV.suspect, from, to, null);
}

/**
 * The client has its answer. A read is measured for staleness against the latest write that had
 * committed when it started; a read-modify-write reconciles the siblings (semantic
 * reconciliation) and puts the result with the merged clock as its context.
 */
function complete(sim: Cluster, req: Request, okAnswer: boolean, versions: Siblings): void {
  if (req.clientDone) return;
  req.clientDone = true;
  const { cfg } = sim;
  const ok = okAnswer && sim.now - req.start <= cfg.timeoutMs;
  let age = -1;
  let since = NaN;
  if (!req.write && ok && req.latestAtStart > 0) {
    since = req.start - sim.commits.timeOf(req.key, req.latestAtStart);
    if (!Number.isNaN(since)) age = sim.commits.age(req.key, req.latestAtStart, versions);
  }
  sim.metrics.finish(req.start, sim.now, req.write, ok, req.probe, versions.length, age, req.latestAtStart, since);
  const flags = (ok ? FLAG.OK : 0) | (age > 0 ? FLAG.STALE : 0);
  sim.trace.record(sim.now, req.start, REC.finish, req.write ? OP.put : OP.get, sim.M + req.client, req.coordinator, req.key, req.id, versions.length, flags);
  if (!req.write && ok && req.wait < 0 && !req.probe) {
    const c = sim.clients[req.client]!;
    sim.readYourWrites.read(c.context.get(req.key)?.clock, versions);
    // Only the §6.4 write coordinator asks which replica answered fastest: otherwise nothing is kept per key.
    if (req.fastest >= 0 && req.fastest < sim.M && cfg.coordination.writeCoordinator === 'fastest-read') c.readFastest.set(req.key, req.fastest);
  }
  if (!req.write && ok) for (let i = 0; i < versions.length; i++) sim.trace.record(sim.now, req.start, REC.returned, OP.get, sim.M + req.client, -1, req.key, versions[i]!.id, req.id, 0);
  const policy = cfg.versioning.reconciliation;
  let next = -1;
  if (req.wait >= 0) {
    if (pollAnswered(sim, req.wait, ok, versions)) next = leaveLane(sim, req.client, req.lane);
  } else if (!req.write && req.operation) {
    if (ok) {
      // A lattice read has one state, the join of the replies: nothing to reconcile.
      const value = sim.lattice ? (versions[0]?.value ?? EMPTY_VALUE) : reconcile(policy, versions);
      if (policy === 'last-write-wins' && versions.length > 1) countLwwChoice(sim, versions, value);
      const context = versions.reduce<VectorClock>((c, v) => merge(c, v.clock), EMPTY_CLOCK);
      startRequest(sim, req.client, true, req.key, resolve(sim, req.operation, value, req.pick), req.pick, context, value, false, req.lane);
    } else {
      next = leaveLane(sim, req.client, req.lane);
      // The write's read failed, so the write never happens: it counts as a failed write.
      sim.metrics.finish(sim.now, sim.now, true, false, false, 0, -1, 0, NaN);
    }
  } else next = leaveLane(sim, req.client, req.lane);
  if (req.write && ok && req.version) {
    // The client's context for the key: what its next blind write continues from, and what read-your-writes checks.
    sim.clients[req.client]!.context.set(req.key, req.version);
  }
  const lane = req.lane;
  release(sim, req);
  if (next >= 0) startOperation(sim, next, lane);
}

/** Last-write-wins picked one sibling by timestamp: was it the one written last in real time (the highest version id)? */
function countLwwChoice(sim: Cluster, versions: Siblings, chosen: Value): void {
  sim.counters.lwwChoices++;
  let latest = versions[0]!;
  for (const v of versions) if (v.id > latest.id) latest = v;
  if (latest.value !== chosen) sim.counters.lwwEarlierWins++;
}

/** A generated removal takes an item that is in the cart (or adds one to an empty cart); a counter's decrement has no item. */
function resolve(sim: Cluster, op: Operation, value: Value, pick: number): Operation {
  if (op.op !== 'remove' || op.item >= 0 || (sim.lattice && !sim.lattice.holdsItems)) return op;
  const present = visibleItems(sim.cfg.versioning.reconciliation, value);
  if (present.length === 0) return { op: 'add', item: Math.floor(pick * Math.max(1, sim.cfg.workload.items)) };
  return { op: 'remove', item: present[Math.floor(pick * present.length)]! };
}

function release(sim: Cluster, req: Request): void {
  if (req.clientDone && (req.finalized || req.coordinator < 0)) sim.releaseRequest(req);
}

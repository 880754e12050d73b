import type { RunContext } from '../contract.ts';
import { totalNodes, type DynamoConfig } from './config.ts';
import { EventQueue } from './sim/eventQueue.ts';
import { keyPosition } from './ring/hash.ts';
import { Membership } from './membership/membership.ts';
import { latencyClass, MessagePool, type Message, type MessageType } from './sim/messages.ts';
import { LATENCY_WINDOWS, Metrics } from './measure/metrics.ts';
import { Network } from './sim/network.ts';
import { simRandom, STREAM, type Random } from './sim/random.ts';
import type { Request } from './replication/request.ts';
import { RequestTable } from './replication/requestTable.ts';
import { initialRing, preferenceLength } from './ring/initialRing.ts';
import { preferenceList, rangeOf, type Ring } from './ring/ring.ts';
import { CommitLog } from './measure/commitLog.ts';
import { AckedWrites } from './measure/ackedWrites.ts';
import { NodeStore } from './replication/storage.ts';
import { KeyTable } from './replication/keyTable.ts';
import { FLAG, REC, TraceRecorder } from './measure/traceRecorder.ts';
import type { AppliedFailure, ClientState, Cluster, Counters, Protocol } from './concerns.ts';
import { EV } from './sim/events.ts';
import { visibilityEdges } from './measure/visibility.ts';
import { Workload } from './sim/operations.ts';
import { replicatedLattice, writeKind } from './versioning/lattice/index.ts';
import type { ReplicatedLattice } from './versioning/lattice/replicated.ts';
import { latticeMerge, SIBLINGS, type VersionMerge } from './versioning/lattice/join.ts';
import { ThresholdReads } from './measure/thresholdReads.ts';
import { ReadYourWrites } from './measure/readYourWrites.ts';
import { NodeService } from './service/nodeService.ts';
import { ObjectBuffer } from './service/objectBuffer.ts';
import { capacityOf, carriesBackgroundKeys, inMemory, jobDuration, needsService, type FlushJob } from './service/serve.ts';
import { BackgroundWork, type BackgroundHost, type BackgroundJob } from './service/background.ts';
import { AdmissionController } from './service/admission.ts';
import { MSG } from './sim/messages.ts';

/** Time buckets of the metric series the views replay. */
export const BUCKETS = 200;
/** Divergence is sampled every bucket only while keys × N stays below this. */
const DIVERGENCE_SAMPLE_LIMIT = 60_000;

/**
 * The state of one simulated Dynamo cluster and its event loop. Protocol behaviour lives in the
 * folders beside this file (replication/, membership/, failures/, measure/), wired in by
 * protocol.ts; each module sees this class through the interfaces of concerns.ts that it needs.
 * This class holds what they share and runs the agenda, one event at a time, in (time,
 * scheduling order).
 */
export class Simulation implements Cluster, BackgroundHost {
  readonly M: number;
  readonly C: number;
  readonly queue = new EventQueue(8192);
  now = 0;
  events = 0;
  readonly endTime: number;
  readonly rngNetwork: Random;
  readonly rngProtocol: Random;
  readonly rngRing: Random;
  readonly workload: Workload;
  readonly prefLen: number;
  readonly rings: Ring[] = [];
  /** Per ring version, each key's range once first asked for (-1 before), when keys outnumber ranges. */
  private readonly rangeCache: Int32Array[] = [];
  private readonly nodeRangeCache = new Map<number, Int32Array>();
  /** The ring version each endpoint (node, then client) routes with. */
  readonly ringOf: Int32Array;
  /** 1 while the node runs. */
  readonly up: Uint8Array;
  /** 1 while the node belongs to the cluster (added and not removed). */
  readonly member: Uint8Array;
  /** Bumped at every crash and recovery; timers of an older epoch are void. */
  readonly epoch: Int32Array;
  private nextNodeId: number;
  readonly stores: NodeStore[];
  readonly membership: Membership;
  readonly network: Network;
  readonly requests = new RequestTable();
  private nextRequest = 0;
  private nextVersion = 1;
  readonly clients: ClientState[];
  readonly commits: CommitLog;
  readonly acked: AckedWrites;
  /** Each endpoint's clock offset (cluster.clockSkewMs). */
  private readonly clockOffset: Float64Array;
  readonly metrics: Metrics;
  /** Lattice values (config `lattice`): the replicated lattice, or null under vector clocks. */
  readonly lattice: ReplicatedLattice | null;
  /** How replicas fold versions together: siblings, or the lattice's join. */
  readonly merge: VersionMerge;
  readonly thresholdReads: ThresholdReads;
  /** Reads by a client of keys it wrote, and how many saw its write (§6.4). */
  readonly readYourWrites: ReadYourWrites;
  readonly trace: TraceRecorder;
  readonly applied: AppliedFailure[] = [];
  readonly counters: Counters = {
    messages: 0,
    dropped: 0,
    forwards: 0,
    hintsStored: 0,
    hintsDelivered: 0,
    readRepairs: 0,
    aeExchanges: 0,
    aeCompared: 0,
    aeKeysSent: 0,
    aeKeysRepaired: 0,
    keysMoved: 0,
    gossipMessages: 0,
    viewRefreshes: 0,
    suspicions: 0,
    forwardRetries: 0,
    lwwChoices: 0,
    lwwEarlierWins: 0,
    flushes: 0,
    bufferedLost: 0,
  };
  /** Node queueing (cfg.service), or null when nodes answer at once. */
  readonly service: NodeService | null;
  readonly buffers: ObjectBuffer[];
  /** Background tasks on the storage engine and their admission control (§6.5), or null when background work costs nothing. */
  readonly background: BackgroundWork | null;
  readonly sampleDivergence: boolean;
  opsStarted = 0;
  private upCache: number[] | undefined;
  private readonly messagePool = new MessagePool();
  private readonly requestPool: Request[] = [];

  constructor(
    readonly cfg: DynamoConfig,
    seed: number,
    private readonly protocol: Protocol,
  ) {
    this.M = totalNodes(cfg);
    this.C = cfg.workload.clients;
    this.rngNetwork = simRandom(seed, STREAM.network);
    this.rngProtocol = simRandom(seed, STREAM.protocol);
    this.rngRing = simRandom(seed, STREAM.ring);
    this.commits = new CommitLog(cfg.workload.keys, cfg.versioning.versions !== 'timestamps');
    this.acked = new AckedWrites(cfg.workload.keys);
    this.lattice = replicatedLattice(cfg.lattice);
    this.merge = this.lattice ? latticeMerge(this.lattice) : SIBLINGS;
    this.thresholdReads = new ThresholdReads();
    const waitShare = this.lattice ? cfg.lattice.thresholdReads.share : 0;
    this.workload = new Workload(cfg.workload, writeKind(this.lattice, cfg.versioning.reconciliation), () => simRandom(seed, STREAM.workload), waitShare);
    const lastFailure = cfg.failures.reduce((t, f) => Math.max(t, f.at), 0);
    this.endTime = Math.max(this.workload.lastTime, lastFailure) + cfg.workload.settleMs + cfg.timeoutMs;

    const S = cfg.cluster.nodes;
    this.prefLen = preferenceLength(cfg);
    this.rings.push(initialRing(cfg, this.rngRing));

    this.ringOf = new Int32Array(this.M + this.C);
    this.up = new Uint8Array(this.M);
    this.member = new Uint8Array(this.M);
    this.epoch = new Int32Array(this.M);
    this.up.fill(1, 0, S);
    this.member.fill(1, 0, S);
    this.nextNodeId = S;
    this.stores = Array.from({ length: this.M }, () => new NodeStore(this.merge));
    this.membership = new Membership(this.M, this.C, cfg.membership.failureTimeoutMs, cfg.membership.retryMs);
    this.network = new Network(this.M, this.C, cfg.latency, this.rngNetwork);
    this.clients = Array.from({ length: this.C }, () => ({ context: new KeyTable(), readFastest: new Map(), counter: 0, busy: new Set(), waiting: new Map() }));
    this.readYourWrites = new ReadYourWrites();
    this.metrics = new Metrics(BUCKETS, this.endTime, this.M, visibilityEdges(cfg), LATENCY_WINDOWS, this.workload.lastTime);
    this.trace = new TraceRecorder(cfg.trace.maxEvents);
    this.service = cfg.service.enabled ? new NodeService(cfg.service, this.M, BUCKETS, this.metrics.bucketMs, simRandom(seed, STREAM.service)) : null;
    this.buffers = Array.from({ length: this.M }, () => new ObjectBuffer());
    const bg = cfg.service.background;
    this.background = this.service && bg.keyMs > 0 ? new BackgroundWork(this.service, this.M, BUCKETS, this.metrics.bucketMs, new AdmissionController(bg, this.M, BUCKETS)) : null;
    this.sampleDivergence = cfg.workload.keys * cfg.quorum.n <= DIVERGENCE_SAMPLE_LIMIT;
    this.clockOffset = new Float64Array(this.M + this.C);
    const skew = cfg.cluster.clockSkewMs;
    if (skew > 0) {
      const rng = simRandom(seed, STREAM.clocks);
      for (let e = 0; e < this.clockOffset.length; e++) this.clockOffset[e] = (2 * rng.next() - 1) * skew;
    }
  }

  localTime(e: number): number {
    return this.now + this.clockOffset[e]!;
  }

  /** Runs the agenda to the end of the experiment. */
  run(ctx: RunContext, progress: (done: number) => void): void {
    const q = this.queue;
    const cfg = this.cfg;
    if (this.workload.count > 0) q.push(this.workload.time(0), EV.operation, 0, 0, null);
    cfg.failures.forEach((f, i) => q.push(f.at, EV.failure, i, 0, null));
    for (let n = 0; n < cfg.cluster.nodes; n++) this.startTimers(n);
    if (cfg.coordination.mode === 'client')
      for (let c = 0; c < this.C; c++) q.push(this.rngProtocol.next() * cfg.coordination.refreshMs, EV.refresh, c, 0, null);
    for (let b = 0; b < BUCKETS; b++) q.push((b + 1) * this.metrics.bucketMs - 1e-9, EV.sample, b, 0, null);
    if (this.background) q.push(cfg.service.background.windowMs, EV.admissionWindow, 0, 0, null);

    const p = this.protocol;
    while (q.pop()) {
      if (q.now > this.endTime) break;
      this.now = q.now;
      // The step budget is spent in blocks: one call per 256 events instead of one per event.
      if ((++this.events & 255) === 0) ctx.tick(256);
      const a = q.a;
      switch (q.kind) {
        case EV.message:
          this.deliver(a, q.b, q.payload as Message);
          break;
        case EV.operation:
          this.opsStarted++;
          if (a + 1 < this.workload.count) q.push(this.workload.time(a + 1), EV.operation, a + 1, 0, null);
          p.onOperation(this, a);
          if ((a & 0x3fff) === 0) progress(this.opsStarted);
          break;
        case EV.coordinatorTimeout:
          p.onCoordinatorTimeout(this, a);
          break;
        case EV.clientTimeout:
          p.onClientTimeout(this, a);
          break;
        case EV.gossip:
          if (this.timerLive(a, q.b)) p.onGossip(this, a);
          break;
        case EV.handoff:
          if (this.timerLive(a, q.b)) p.onHandoff(this, a);
          break;
        case EV.antiEntropy:
          if (this.timerLive(a, q.b)) p.onAntiEntropy(this, a);
          break;
        case EV.refresh:
          p.onRefresh(this, a);
          break;
        case EV.failure:
          p.onFailure(this, a);
          break;
        case EV.probe:
          p.onProbe(this, a, q.b);
          break;
        case EV.sample:
          p.onSample(this, a);
          break;
        case EV.shutdown:
          p.onShutdown(this, a);
          break;
        case EV.forwardRetry:
          p.onForwardRetry(this, a, q.b);
          break;
        case EV.thresholdPoll:
          p.onThresholdPoll(this, a);
          break;
        case EV.serviced:
          this.serviced(a, q.b, q.payload as Message);
          break;
        case EV.flush:
          if (this.timerLive(a, q.b)) p.onFlush(this, a);
          break;
        case EV.flushed:
          p.onFlushed(this, a, q.b, q.payload as FlushJob);
          break;
        case EV.backgroundDone:
          this.backgroundDone(q.payload as BackgroundJob);
          break;
        case EV.admissionWindow:
          this.admissionWindow();
          break;
        case EV.suspect:
          this.membership.suspect(a, q.b, this.now);
          this.counters.suspicions++;
          break;
      }
    }
    ctx.tick(this.events & 255);
    progress(this.opsStarted);
  }

  private timerLive(node: number, epoch: number): boolean {
    return this.up[node] === 1 && this.epoch[node] === epoch;
  }

  /** Starts a node's periodic work (gossip, hand-off, anti-entropy) at random phases. */
  startTimers(node: number): void {
    const { membership, repair } = this.cfg;
    const e = this.epoch[node]!;
    const rng = this.rngProtocol;
    this.queue.push(this.now + rng.next() * membership.gossipIntervalMs, EV.gossip, node, e, null);
    if (repair.hintedHandoff) this.queue.push(this.now + rng.next() * repair.handoffIntervalMs, EV.handoff, node, e, null);
    if (repair.antiEntropy) this.queue.push(this.now + rng.next() * repair.antiEntropyIntervalMs, EV.antiEntropy, node, e, null);
    const svc = this.cfg.service;
    if (svc.enabled && svc.bufferedWrites) this.queue.push(this.now + rng.next() * svc.flushIntervalMs, EV.flush, node, e, null);
  }

  /** Schedules the next tick of a periodic timer of the current epoch. */
  again(kind: number, node: number, periodMs: number): void {
    this.queue.push(this.now + periodMs, kind, node, this.epoch[node]!, null);
  }

  /** A message to send now (taken from the pool; it returns there once delivered or lost). */
  message(type: MessageType, req = -1, key = -1): Message {
    return this.messagePool.take(type, this.now, req, key);
  }

  /** Sends a message over the network; it may be dropped now or on arrival. */
  send(from: number, to: number, msg: Message): void {
    if (from === to) {
      // A node's message to itself (its own replica, under node queueing) never crosses the network.
      this.queue.push(this.now, EV.message, from, to, msg);
      return;
    }
    this.counters.messages++;
    this.metrics.messages[this.metrics.bucket(this.now)]!++;
    const net = this.network;
    net.latency(latencyClass(msg.type), from, to);
    const delay = net.delay[0]!;
    if (net.drops() || !net.reachable(from, to)) {
      this.lose(from, to, msg, this.now + delay);
      this.messagePool.give(msg);
      return;
    }
    this.queue.push(this.now + delay, EV.message, from, to, msg);
  }

  /** A message arrives: dropped if its receiver is down or cut off, otherwise handled. */
  private deliver(from: number, to: number, msg: Message): void {
    const net = this.network;
    if (to < this.M) {
      if (this.up[to] === 0 || !net.reachable(from, to)) this.lose(from, to, msg, this.now);
      else {
        if (from !== to) {
          if (from < this.M) this.membership.heardFrom(to, from, this.now);
          this.trace.record(this.now, msg.sent, REC.message, msg.type, from, to, msg.key, msg.req, 0, 0);
        }
        if (this.service && needsService(msg.type)) return this.enqueue(from, to, msg);
        if (this.background && carriesBackgroundKeys(msg.type)) return this.backgroundTask('handle', to, from, to, msg);
        this.protocol.onNodeMessage(this, to, from, msg);
      }
    } else if (!net.reachable(from, to)) {
      this.lose(from, to, msg, this.now);
    } else {
      this.trace.record(this.now, msg.sent, REC.message, msg.type, from, to, msg.key, msg.req, 0, 0);
      this.protocol.onClientMessage(this, to - this.M, from, msg);
    }
    this.messagePool.give(msg);
  }

  /** A replica operation joins its node's queue; it is handled when its service ends. */
  private enqueue(from: number, to: number, msg: Message): void {
    const memory = inMemory(this, to, msg);
    const duration = jobDuration(this, to, memory);
    msg.arrived = this.now;
    // Served from memory: no wait for the storage engine (begun < 0 marks it).
    msg.begun = memory ? -1 : this.service!.admit(to, this.now, duration);
    msg.nodeEpoch = this.epoch[to]!;
    this.queue.push((memory ? this.now : msg.begun) + duration, EV.serviced, from, to, msg);
  }

  /** Service of a replica operation ends: the node handles it, unless it crashed meanwhile. */
  private serviced(from: number, to: number, msg: Message): void {
    if (msg.begun >= 0) {
      this.service!.record(to, msg.arrived, msg.begun, this.now);
      if (msg.type === MSG.get) this.background?.admission.observe(to, this.now - msg.arrived);
    }
    if (this.up[to] === 1 && this.epoch[to] === msg.nodeEpoch) this.protocol.onNodeMessage(this, to, from, msg);
    this.messagePool.give(msg);
  }

  sendAfterRead(from: number, to: number, msg: Message): void {
    if (!this.background) return this.send(from, to, msg);
    if (this.background.sending(from, msg.type, to)) {
      this.background.skipped++;
      this.messagePool.give(msg);
      return;
    }
    this.backgroundTask('send', from, from, to, msg);
  }

  /** A background task's storage-engine work at `node`: the keys of the message's batch, read before sending or written on receipt (§6.5). */
  private backgroundTask(kind: BackgroundJob['kind'], node: number, from: number, to: number, msg: Message): void {
    const keys = msg.batch?.length ?? 0;
    const ms = (keys * this.cfg.service.background.keyMs) / capacityOf(this, node);
    const job: BackgroundJob = { kind, node, epoch: this.epoch[node]!, from, to, msg, keys, remainingMs: ms, arrived: 0, begun: 0, sliceMs: 0 };
    this.background!.submit(this, job);
  }

  backgroundSliceEnds(at: number, job: BackgroundJob): void {
    this.queue.push(at, EV.backgroundDone, job.node, 0, job);
  }

  /** A background slice left the storage engine; a finished task's message goes on (sent, or handled where it arrived). */
  private backgroundDone(job: BackgroundJob): void {
    const bg = this.background!;
    if (bg.sliceDone(this, job, this.epoch[job.node]!) && this.up[job.node] === 1) {
      if (job.kind === 'send') this.send(job.from, job.to, job.msg);
      else {
        this.protocol.onNodeMessage(this, job.to, job.from, job.msg);
        this.messagePool.give(job.msg);
      }
    }
    bg.pump(this, job.node);
  }

  /** The admission controller's window ends: new allowances, and tasks waiting for a slice may start (§6.5). */
  private admissionWindow(): void {
    const bg = this.background!;
    bg.admission.endWindow(this.metrics.bucket(this.now));
    for (let node = 0; node < this.M; node++) if (this.up[node] === 1) bg.pump(this, node);
    this.queue.push(this.now + this.cfg.service.background.windowMs, EV.admissionWindow, 0, 0, null);
  }

  newRequestId(): number {
    return this.nextRequest++;
  }

  newVersionId(): number {
    return this.nextVersion++;
  }

  newNodeId(): number {
    return this.nextNodeId++;
  }

  /** A new ring version (after a node is added or removed). */
  addRing(ring: Ring): void {
    this.rings.push(ring);
  }

  /** A request record to fill in (recycled, like messages: requests are short-lived and many). */
  takeRequest(): Request | undefined {
    return this.requestPool.pop();
  }

  /** The request is finished everywhere: forget it and keep the record for the next one. */
  releaseRequest(req: Request): void {
    if (this.requests.get(req.id) !== req) return;
    this.requests.delete(req.id);
    this.requestPool.push(req);
  }

  private lose(from: number, to: number, msg: Message, at: number): void {
    this.counters.dropped++;
    this.metrics.dropped[this.metrics.bucket(this.now)]!++;
    this.trace.record(at, msg.sent, REC.message, msg.type, from, to, msg.key, msg.req, 0, FLAG.DROPPED);
    this.protocol.onLost(this, msg, from, to);
  }

  /** The range index of `key` in ring version v. */
  rangeOfKey(v: number, key: number): number {
    let cache = this.rangeCache[v];
    if (!cache) {
      const ring = this.rings[v]!;
      const keys = this.cfg.workload.keys;
      if (keys <= ring.bounds.length * 4) return rangeOf(ring, keyPosition(key));
      // Filled as keys are asked for: a short run never pays for the keys it does not touch.
      cache = this.rangeCache[v] = new Int32Array(keys).fill(-1);
    }
    const r = cache[key]!;
    return r >= 0 ? r : (cache[key] = rangeOf(this.rings[v]!, keyPosition(key)));
  }

  /** Set by `lookup`: the preference lists of the ring looked up, and their length. */
  pl: Uint16Array = new Uint16Array(0);
  plLength = 0;

  /**
   * Looks up the extended preference list of `key` as endpoint e sees the ring, without
   * allocating (it runs for every request): the list is pl[base … base + plLength).
   */
  lookup(e: number, key: number): number {
    const v = this.ringOf[e]!;
    const ring = this.rings[v]!;
    this.pl = ring.prefs;
    this.plLength = ring.prefLen;
    return this.rangeOfKey(v, key) * ring.prefLen;
  }

  /** The key's home replicas (top N) in ring version v. */
  homes(v: number, key: number): Uint16Array {
    return preferenceList(this.rings[v]!, this.rangeOfKey(v, key)).subarray(0, this.cfg.quorum.n);
  }

  /** The ranges of ring v that `node` is a home replica of. */
  rangesOf(v: number, node: number): Int32Array {
    const cacheKey = v * this.M + node;
    let out = this.nodeRangeCache.get(cacheKey);
    if (!out) {
      const ring = this.rings[v]!;
      const n = Math.min(this.cfg.quorum.n, ring.prefLen);
      const list: number[] = [];
      for (let r = 0; r < ring.bounds.length; r++) {
        for (let i = 0; i < n; i++) if (ring.prefs[r * ring.prefLen + i] === node) list.push(r);
      }
      this.nodeRangeCache.set(cacheKey, (out = Int32Array.from(list)));
    }
    return out;
  }

  /** A request the client gives up on: it hears nothing back before its timeout. */
  clientGivesUp(req: Request): void {
    this.queue.push(Math.max(this.now, req.start + this.cfg.timeoutMs), EV.clientTimeout, req.id, 0, null);
  }

  /** Latest ring version. */
  get latestRing(): number {
    return this.rings.length - 1;
  }

  /** Nodes currently up and in the cluster, ascending (what a load balancer's health checks see). */
  upNodes(): readonly number[] {
    if (!this.upCache) {
      this.upCache = [];
      for (let n = 0; n < this.M; n++) if (this.up[n] === 1 && this.member[n] === 1) this.upCache.push(n);
    }
    return this.upCache;
  }

  /** Marks a node up or down (or in or out of the cluster). */
  setUp(node: number, up: boolean): void {
    if (!up && this.up[node] === 1) {
      // Going down loses what only memory held: the node's queue and its object buffer (§6.1).
      this.service?.crash(node, this.now);
      this.background?.crash(node);
      this.counters.bufferedLost += this.buffers[node]!.lose();
    }
    this.up[node] = up ? 1 : 0;
    this.upCache = undefined;
  }

  setMember(node: number, member: boolean): void {
    this.member[node] = member ? 1 : 0;
    this.upCache = undefined;
  }
}

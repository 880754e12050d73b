import type { DynamoConfig } from './config.ts';
import type { CommitLog } from './measure/commitLog.ts';
import type { Metrics } from './measure/metrics.ts';
import type { TraceRecorder } from './measure/traceRecorder.ts';
import type { Membership } from './membership/membership.ts';
import type { Request } from './replication/request.ts';
import type { NodeStore } from './replication/storage.ts';
import type { KeyTable } from './replication/keyTable.ts';
import type { NodeService } from './service/nodeService.ts';
import type { ObjectBuffer } from './service/objectBuffer.ts';
import type { FlushJob } from './service/serve.ts';
import type { Ring } from './ring/ring.ts';
import type { EventQueue } from './sim/eventQueue.ts';
import type { Message, MessageType } from './sim/messages.ts';
import type { Network } from './sim/network.ts';
import type { Random } from './sim/random.ts';
import type { Workload } from './sim/operations.ts';
import type { AckedWrites } from './measure/ackedWrites.ts';
import type { Value } from './versioning/values.ts';
import type { VectorClock } from './versioning/vectorClock.ts';
import type { ReplicatedLattice } from './versioning/lattice/replicated.ts';
import type { VersionMerge } from './versioning/lattice/join.ts';
import type { ThresholdReads } from './measure/thresholdReads.ts';
import type { RequestTable } from './replication/requestTable.ts';
import type { ReadYourWrites } from './measure/readYourWrites.ts';

/**
 * The simulation as each concern sees it. `Simulation` (simulation.ts) implements all of these;
 * a protocol module asks only for the ones it uses, and sees their state read-only except through
 * the methods named here. Endpoints are numbered nodes first (0 … M-1, every node that will ever
 * exist), then clients (M … M+C-1).
 */

/** What every handler sees: the settings, the simulated time and the agenda. */
export interface Agenda {
  readonly cfg: DynamoConfig;
  readonly now: number;
  readonly queue: EventQueue;
  /** Nodes, counting those added later. */
  readonly M: number;
  /** Clients. */
  readonly C: number;
  /** The protocol's own random choices (peers, targets, phases). */
  readonly rngProtocol: Random;
  /** The time endpoint e's clock shows now (simulated time plus its skew). */
  localTime(e: number): number;
}

/** Sending messages over the simulated network (sim/network.ts). */
export interface Wire extends Agenda {
  readonly network: Network;
  /** A message to send now, from the pool. */
  message(type: MessageType, req?: number, key?: number): Message;
  send(from: number, to: number, msg: Message): void;
  /**
   * A background task's message (§6.5): the keys of its batch are read from the sender's storage
   * first (a no-op when background work costs nothing). Skipped while the same send from that
   * node is still waiting for its storage engine.
   */
  sendAfterRead(from: number, to: number, msg: Message): void;
}

/** Node queueing and object buffers (service/): null and empty buffers when service is off. */
export interface Serving extends Wire {
  readonly service: NodeService | null;
  readonly buffers: readonly ObjectBuffer[];
}

/** The nodes' lives: running or not, in the cluster or not, their epochs, views and timers. */
export interface Nodes extends Agenda {
  /** 1 while the node runs. */
  readonly up: Uint8Array;
  /** 1 while the node belongs to the cluster (added and not removed). */
  readonly member: Uint8Array;
  /** Bumped at every crash and recovery; timers of an older epoch are void. */
  readonly epoch: Int32Array;
  /** Each endpoint's view of who is alive (gossip and local failure detection). */
  readonly membership: Membership;
  /** Nodes up and in the cluster, ascending. */
  upNodes(): readonly number[];
  setUp(node: number, up: boolean): void;
  setMember(node: number, member: boolean): void;
  /** The id the next added node gets. */
  newNodeId(): number;
  startTimers(node: number): void;
  /** Schedules the next tick of a periodic timer of the node's current epoch. */
  again(kind: number, node: number, periodMs: number): void;
}

/** The ring versions (SOSP'07 §4.2) and how each endpoint routes with the one it knows. */
export interface Routing extends Agenda {
  readonly rings: readonly Ring[];
  /** The ring version each endpoint routes with. */
  readonly ringOf: Int32Array;
  readonly latestRing: number;
  /** Length of the extended preference lists. */
  readonly prefLen: number;
  /** Draws of the ring's layout (tokens of an added node). */
  readonly rngRing: Random;
  addRing(ring: Ring): void;
  /** Set by `lookup`: the preference lists of the ring looked up, and their length. */
  readonly pl: Uint16Array;
  readonly plLength: number;
  lookup(e: number, key: number): number;
  rangeOfKey(v: number, key: number): number;
  homes(v: number, key: number): Uint16Array;
  rangesOf(v: number, node: number): Int32Array;
}

/** The replicas' local stores (replication/storage.ts). */
export interface Replicas {
  readonly stores: readonly NodeStore[];
  /** Lattice values (config `lattice`), or null under vector clocks and siblings. */
  readonly lattice: ReplicatedLattice | null;
  /** How versions are folded together: siblings (§4.4), or the lattice's join. */
  readonly merge: VersionMerge;
}

export interface ClientState {
  /** Per key, the client's latest acknowledged write (the version itself, shared): its context for the next blind put. */
  context: KeyTable<{ clock: VectorClock; value: Value }>;
  /** Per key, the node that answered the client's last read of it fastest (§6.4: the read's context carries it). */
  readFastest: Map<number, number>;
  /** Counter for vector clocks of writes the client coordinates itself (§6.4, timestamp versioning). */
  counter: number;
  /** Lanes with an operation in flight (replication/clientLanes.ts), and the operations waiting in each. */
  busy: Set<number>;
  waiting: Map<number, number[]>;
}

/** Requests in flight, the clients and the workload that drives them (replication/). */
export interface Requests extends Agenda {
  readonly workload: Workload;
  readonly clients: readonly ClientState[];
  readonly requests: RequestTable;
  /** The id of the next request. */
  newRequestId(): number;
  /** The id of the next version written. */
  newVersionId(): number;
  takeRequest(): Request | undefined;
  releaseRequest(req: Request): void;
  clientGivesUp(req: Request): void;
}

export interface Counters {
  messages: number;
  dropped: number;
  forwards: number;
  hintsStored: number;
  hintsDelivered: number;
  readRepairs: number;
  aeExchanges: number;
  aeCompared: number;
  aeKeysSent: number;
  aeKeysRepaired: number;
  keysMoved: number;
  gossipMessages: number;
  viewRefreshes: number;
  suspicions: number;
  forwardRetries: number;
  /** Last-write-wins choices among siblings, and those where the winner was written earlier in real time. */
  lwwChoices: number;
  lwwEarlierWins: number;
  /** Buffered writes (§6.1): writer-thread flushes, and buffered versions lost in crashes. */
  flushes: number;
  bufferedLost: number;
}

export interface AppliedFailure {
  at: number;
  index: number;
  /** The node it concerns (the new node's id for `add`), or -1. */
  node: number;
  /** The ring version after it. */
  ring: number;
}

/** What is measured and recorded for the views and the summary (measure/). */
export interface Observation {
  readonly metrics: Metrics;
  readonly trace: TraceRecorder;
  readonly counters: Counters;
  /** The observer's log of committed writes (staleness baseline). */
  readonly commits: CommitLog;
  /** The committed writes, for the durability and lost-update audits (bounded: measure/ackedWrites.ts). */
  readonly acked: AckedWrites;
  readonly applied: AppliedFailure[];
  /** Threshold reads in flight and their outcomes (lattice values). */
  readonly thresholdReads: ThresholdReads;
  readonly readYourWrites: ReadYourWrites;
  /** Divergence is sampled every bucket only when that is affordable. */
  readonly sampleDivergence: boolean;
}

/** All of it: what the coordinator, which touches every concern, works with. */
export type Cluster = Wire & Nodes & Routing & Replicas & Requests & Observation & Serving;

/** The event handlers the protocol modules provide (protocol.ts wires them in). */
export interface Protocol {
  onOperation(sim: Cluster, index: number): void;
  onProbe(sim: Cluster, key: number, client: number): void;
  onNodeMessage(sim: Cluster, node: number, from: number, msg: Message): void;
  onClientMessage(sim: Cluster, client: number, from: number, msg: Message): void;
  onLost(sim: Cluster, msg: Message, from: number, to: number): void;
  onCoordinatorTimeout(sim: Cluster, req: number): void;
  onClientTimeout(sim: Cluster, req: number): void;
  onForwardRetry(sim: Cluster, req: number, node: number): void;
  onThresholdPoll(sim: Cluster, wait: number): void;
  onGossip(sim: Cluster, node: number): void;
  onHandoff(sim: Cluster, node: number): void;
  onAntiEntropy(sim: Cluster, node: number): void;
  onRefresh(sim: Cluster, client: number): void;
  onFailure(sim: Cluster, index: number): void;
  onSample(sim: Cluster, bucket: number): void;
  onShutdown(sim: Cluster, node: number): void;
  onFlush(sim: Cluster, node: number): void;
  onFlushed(sim: Cluster, node: number, epoch: number, job: FlushJob): void;
}

import type { Distribution } from './sim/latency.ts';
import { ringSizeProblem } from './ring/ringSize.ts';

/**
 * Everything a Dynamo experiment is made of. Times are in simulated milliseconds. Node i is
 * named by its index; nodes added during the run take the next indices in order of addition.
 */
export interface DynamoConfig {
  cluster: ClusterConfig;
  quorum: QuorumConfig;
  coordination: CoordinationConfig;
  /** A request that has not succeeded this long after the client sent it has failed. */
  timeoutMs: number;
  latency: LatencyConfig;
  /** Per-node service time and queueing, buffered writes (SOSP'07 §6, §6.1). */
  service: ServiceConfig;
  versioning: VersioningConfig;
  /** Replica values as lattice elements merged by join (WoDet'14), and threshold reads. */
  lattice: LatticeConfig;
  repair: RepairConfig;
  membership: MembershipConfig;
  workload: WorkloadConfig;
  failures: FailureEvent[];
  /** Variants run with the same seed and workload, reported side by side. */
  compare: Variant[];
  trace: { maxEvents: number };
}

/** The paper's three partitioning strategies (SOSP'07 §6.2). */
export type Strategy = 1 | 2 | 3;

export interface ClusterConfig {
  /** S, the number of nodes at the start. */
  nodes: number;
  /** Relative capacity of node i (default 1): a node of capacity 2 gets twice the tokens. */
  capacity: number[];
  strategy: Strategy;
  /** T, random tokens per node of capacity 1 (strategies 1 and 2). */
  tokensPerNode: number;
  /** Q, equal-sized partitions of the hash space (strategies 2 and 3). */
  partitions: number;
  /** The first `seeds` nodes are seed nodes: every node knows them and gossips with them. */
  seeds: number;
  /**
   * Clock skew: each node's and each client's clock is off by an offset drawn uniformly from
   * [−clockSkewMs, +clockSkewMs]. Timestamps (what last-write-wins compares) come from these clocks.
   */
  clockSkewMs: number;
}

export interface QuorumConfig {
  n: number;
  r: number;
  w: number;
  /** Sloppy quorum: the first N healthy nodes of the preference list, with hints (§4.6). */
  sloppy: boolean;
  /**
   * `all`: the coordinator sends a write to all N replicas and waits for W (Dynamo).
   * `quorum-only`: a write reaches only the W replicas that acknowledge it (the PBS worst case,
   * "no propagation beyond the write quorum").
   */
  propagation: 'all' | 'quorum-only';
}

export interface CoordinationConfig {
  /**
   * `server`: requests go through a load balancer to a random node, which forwards to the first
   * of the key's top N if it is not among them. `client`: a client library keeps a membership
   * view, coordinates reads itself and sends writes to a node of the preference list (§6.4).
   */
  mode: 'server' | 'client';
  /** How often a client downloads a fresh membership view from a random node. */
  refreshMs: number;
  /**
   * A node that forwards a request and sees no coordinator take it within this long (the request
   * was lost, or its target is down) avoids that target and forwards to the next replica.
   */
  forwardTimeoutMs: number;
  /**
   * Who coordinates a write. `routed`: as every request is routed (the load balancer and a
   * forward, or the client library's pick). `fastest-read` (§6.4): the node that answered the
   * client's previous read of the key fastest, which the read's context carries; it holds what
   * that read returned, so read-your-writes is more likely.
   */
  writeCoordinator: 'routed' | 'fastest-read';
}

/**
 * A node's capacity to serve (SOSP'07 §6): each node serves replica operations (a get or a put
 * reaching its storage engine, its own as coordinator included) one at a time, first come first
 * served; an operation waits while the node is busy. Off, a node answers at once.
 */
export interface ServiceConfig {
  enabled: boolean;
  /** Time one operation keeps a node of capacity 1 busy (a node of capacity c takes 1/c of it). */
  time: Distribution;
  /**
   * §6.1: a write lands in an in-memory object buffer (taking `bufferMs`) and a writer thread
   * flushes the buffer to storage every `flushIntervalMs`; reads look in the buffer first. Of the
   * N replicas of a write, the coordinator asks one for a durable write. A crash loses what
   * the buffer held.
   */
  bufferedWrites: boolean;
  flushIntervalMs: number;
  bufferMs: number;
  /** §6.5: background tasks on the same storage engine, and the admission control that paces them. */
  background: BackgroundConfig;
}

/**
 * SOSP'07 §6.5: background tasks (here hinted handoff and anti-entropy's key exchanges) read and
 * write through the storage engine that serves gets and puts. With admission control a task runs
 * only in time slices the controller hands out, and the controller hands out fewer when the 99th
 * percentile of foreground disk reads over a trailing window rises towards its target.
 */
export interface BackgroundConfig {
  /** Storage-engine time per key a background task reads or writes at a node of capacity 1; 0: background work costs nothing. */
  keyMs: number;
  admission: boolean;
  /** The controller's target for the 99th percentile of foreground disk reads (wait and service) at a node. */
  targetMs: number;
  /** The trailing window the percentile covers; the controller re-decides at the end of each. */
  windowMs: number;
  /** One slice: how long a background task may hold the storage engine at a time. */
  sliceMs: number;
  /** Slices per window at most (the controller starts there). */
  maxSlices: number;
}

/** One-way delays per message class (the WARS model of PBS); unset classes use `default`. */
export interface LatencyConfig {
  default: Distribution;
  write: Distribution | null;
  ack: Distribution | null;
  read: Distribution | null;
  response: Distribution | null;
}

export type Reconciliation = 'last-write-wins' | 'shopping-cart' | 'lattice-max' | 'lattice-two-phase-set';

export interface VersioningConfig {
  reconciliation: Reconciliation;
  /**
   * `vector-clocks`: versions carry vector clocks and replicas keep concurrent versions as
   * siblings (§4.4). `timestamps`: a version is its coordinator's clock reading alone, and
   * replicas keep the latest by that clock (Cassandra-style last-write-wins): under clock skew a
   * later write can lose to an earlier one.
   */
  versions: 'vector-clocks' | 'timestamps';
  /** Vector clocks with more pairs than this lose their oldest pair (§4.4). */
  clockThreshold: number;
}

/** The lattices a replicated value can live in (the LVars lab's, or one declared in its language). */
export type LatticeKind = 'max-register' | 'g-counter' | 'pn-counter' | 'two-phase-set' | 'or-set' | 'user';

/**
 * Lattice merge ("Joining forces", WoDet'14): with `values: 'lattice'` a replica's state for a key
 * is one element of the lattice, and every merge (a put at a replica, a read's replies, read
 * repair, hinted handoff, anti-entropy, key transfer) is its join, so there are never siblings.
 * `vector-clocks` is Dynamo's own scheme (versions, siblings, semantic reconciliation).
 */
export interface LatticeConfig {
  values: 'vector-clocks' | 'lattice';
  kind: LatticeKind;
  /** For kind `user`: a program of the LVars lab declaring the lattice (its first `lattice` declaration is used). */
  source: string;
  /** Threshold reads: an LVar `get` on replicated state, polled until the merged state passes it. */
  thresholdReads: ThresholdReadConfig;
}

export interface ThresholdReadConfig {
  /**
   * Fraction of generated reads that are threshold reads: each waits until the merged state is at
   * or above the element the key's latest acknowledged write joined in (that write is visible).
   */
  share: number;
  /** A threshold read not yet satisfied reads again this long after its last answer. */
  pollMs: number;
  /** A threshold read not satisfied this long after it started has timed out. */
  timeoutMs: number;
}

export interface RepairConfig {
  readRepair: boolean;
  hintedHandoff: boolean;
  handoffIntervalMs: number;
  antiEntropy: boolean;
  antiEntropyIntervalMs: number;
  /** Depth of the Merkle tree per key range: 2^depth leaves. */
  merkleDepth: number;
}

export interface MembershipConfig {
  gossipIntervalMs: number;
  /** A node whose heartbeat has not advanced for this long is considered failed. */
  failureTimeoutMs: number;
  /** A node that did not answer a request is avoided for this long, then retried (§4.8.3). */
  retryMs: number;
}

export type Popularity = { kind: 'uniform' } | { kind: 'zipf'; exponent: number };

export interface WorkloadConfig {
  clients: number;
  keys: number;
  popularity: Popularity;
  /** Fraction of generated operations that are reads. */
  readFraction: number;
  /** Generated operations per simulated second (a Poisson process). */
  ratePerSecond: number;
  /**
   * A daily cycle of load (Figure 4): the rate is ratePerSecond × (1 + amplitude · sin(2πt / periodMs)),
   * a non-homogeneous Poisson process; amplitude 0 keeps the rate constant.
   */
  diurnal: { amplitude: number; periodMs: number };
  /** Number of generated operations (0 for a scripted workload only). */
  requests: number;
  /**
   * How many clients write each key: 1 is a single writer, more gives concurrent writers. A
   * writer issues its writes to one key one at a time: the next waits until the last is answered.
   */
  writersPerKey: number;
  /** Closed-loop clients: a client waits for the answer to each operation before the next. */
  closedLoop: boolean;
  /** `read-modify-write`: a write first reads, reconciles and then puts with that context. */
  writeMode: 'blind' | 'read-modify-write';
  /** Items in the shop's catalogue (shopping-cart and two-phase-set writes add and remove items). */
  items: number;
  /** Fraction of cart writes that remove an item. */
  removeFraction: number;
  /** Staleness probes: after each committed write, a read starts this many ms later (PBS t-visibility). */
  probeDelaysMs: number[];
  /** Operations at fixed times, by fixed clients (on top of the generated ones). */
  script: ScriptedOperation[];
  /** Simulated time after the last operation or failure, for hand-off and anti-entropy to finish. */
  settleMs: number;
}

export interface ScriptedOperation {
  at: number;
  client: number;
  key: number;
  /** `wait`: a threshold read (lattice values): counters and registers wait for a value ≥ item, sets for item to be in. */
  op: 'get' | 'put' | 'add' | 'remove' | 'wait';
  /** The item added or removed (cart and two-phase-set). */
  item: number;
}

export type FailureEvent =
  | { at: number; kind: 'crash'; node: number }
  | { at: number; kind: 'recover'; node: number }
  | { at: number; kind: 'partition'; groups: number[][]; clientGroups: number[][] }
  | { at: number; kind: 'heal' }
  | { at: number; kind: 'drop'; probability: number }
  | { at: number; kind: 'delay'; extraMs: number }
  | { at: number; kind: 'slow'; node: number; factor: number }
  | { at: number; kind: 'add'; capacity: number }
  | { at: number; kind: 'remove'; node: number };

export type FailureKind = FailureEvent['kind'];

/** The settings a variant may change. */
export interface VariantSettings {
  n?: number;
  r?: number;
  w?: number;
  sloppy?: boolean;
  propagation?: 'all' | 'quorum-only';
  strategy?: Strategy;
  tokensPerNode?: number;
  partitions?: number;
  coordination?: 'server' | 'client';
  writeCoordinator?: 'routed' | 'fastest-read';
  reconciliation?: Reconciliation;
  versions?: 'vector-clocks' | 'timestamps';
  readRepair?: boolean;
  hintedHandoff?: boolean;
  antiEntropy?: boolean;
  /** The value type: vector clocks with siblings, or a lattice merged by join (the base's `lattice.source` for `user`). */
  values?: 'vector-clocks' | LatticeKind;
  /** Node queueing (service.enabled) and buffered writes (service.bufferedWrites). */
  queueing?: boolean;
  bufferedWrites?: boolean;
  /** §6.5 admission control for background tasks (service.background.admission). */
  admissionControl?: boolean;
}

export interface Variant {
  label: string;
  set: VariantSettings;
}

/** The config a variant runs: the base with the variant's settings applied. */
export function applyVariant(base: DynamoConfig, v: VariantSettings): DynamoConfig {
  const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);
  return {
    ...base,
    cluster: {
      ...base.cluster,
      strategy: pick(v.strategy, base.cluster.strategy),
      tokensPerNode: pick(v.tokensPerNode, base.cluster.tokensPerNode),
      partitions: pick(v.partitions, base.cluster.partitions),
    },
    quorum: {
      n: pick(v.n, base.quorum.n),
      r: pick(v.r, base.quorum.r),
      w: pick(v.w, base.quorum.w),
      sloppy: pick(v.sloppy, base.quorum.sloppy),
      propagation: pick(v.propagation, base.quorum.propagation),
    },
    coordination: { ...base.coordination, mode: pick(v.coordination, base.coordination.mode), writeCoordinator: pick(v.writeCoordinator, base.coordination.writeCoordinator) },
    versioning: { ...base.versioning, reconciliation: pick(v.reconciliation, base.versioning.reconciliation), versions: pick(v.versions, base.versioning.versions) },
    lattice: latticeOfVariant(base.lattice, v.values),
    repair: {
      ...base.repair,
      readRepair: pick(v.readRepair, base.repair.readRepair),
      hintedHandoff: pick(v.hintedHandoff, base.repair.hintedHandoff),
      antiEntropy: pick(v.antiEntropy, base.repair.antiEntropy),
    },
    service: {
      ...base.service,
      enabled: pick(v.queueing, base.service.enabled),
      bufferedWrites: pick(v.bufferedWrites, base.service.bufferedWrites),
      background: { ...base.service.background, admission: pick(v.admissionControl, base.service.background.admission) },
    },
    compare: [],
  };
}

function latticeOfVariant(base: LatticeConfig, values: VariantSettings['values']): LatticeConfig {
  if (values === undefined) return base;
  return values === 'vector-clocks' ? { ...base, values } : { ...base, values: 'lattice', kind: values };
}

/** Nodes that exist at some point of the run: the initial ones plus one per `add`. */
/**
 * The largest cluster and the longest run a scenario may ask for. Within them the joint limits
 * still hold: the ring's size (ring/ringSize.ts) and the work estimate (sim/workEstimate.ts).
 */
export const MAX_NODES = 1000;
export const MAX_REQUESTS = 10_000_000;

export const totalNodes = (c: DynamoConfig): number => c.cluster.nodes + c.failures.filter((f) => f.kind === 'add').length;

/**
 * The checks a schema cannot express (they relate several fields). Returns the first problem as
 * one sentence naming the field, or undefined when the config is consistent.
 */
export function configProblem(c: DynamoConfig): string | undefined {
  const { n, r, w } = c.quorum;
  const S = c.cluster.nodes;
  if (n > S) return `quorum.n: N = ${n} needs at least ${n} nodes, the cluster has ${S}`;
  if (r > n) return `quorum.r: R = ${r} cannot exceed N = ${n}`;
  if (w > n) return `quorum.w: W = ${w} cannot exceed N = ${n}`;
  if (c.cluster.capacity.length > S) return `cluster.capacity: ${c.cluster.capacity.length} capacities for ${S} nodes`;
  if (c.cluster.seeds > S) return `cluster.seeds: ${c.cluster.seeds} seed nodes, the cluster has ${S}`;
  if (c.cluster.strategy === 3 && c.cluster.partitions < totalNodes(c))
    return `cluster.partitions: strategy 3 gives every node at least one of the Q partitions, so Q = ${c.cluster.partitions} must be at least the ${totalNodes(c)} nodes`;
  const size = ringSizeProblem(c);
  if (size) return size;
  if (c.workload.requests > 0 && c.workload.ratePerSecond <= 0) return 'workload.ratePerSecond: generated requests need a positive rate';
  if (c.workload.writersPerKey > c.workload.clients)
    return `workload.writersPerKey: ${c.workload.writersPerKey} writers per key, but only ${c.workload.clients} clients`;
  if (c.lattice.values === 'lattice' && c.versioning.versions === 'timestamps')
    return 'lattice.values: lattice merges join whole states, so versioning.versions must be vector-clocks (timestamps keep one write and drop the rest)';
  if (c.coordination.mode === 'client' && c.coordination.refreshMs <= 0) return 'coordination.refreshMs must be positive';
  for (const [i, s] of c.workload.script.entries()) {
    if (s.client >= c.workload.clients) return `workload.script[${i}].client: there are only ${c.workload.clients} clients`;
    if (s.key >= c.workload.keys) return `workload.script[${i}].key: there are only ${c.workload.keys} keys`;
    if (s.op === 'wait' && c.lattice.values !== 'lattice') return `workload.script[${i}]: a threshold read (wait) needs lattice values (lattice.values: lattice)`;
    if ((s.op === 'add' || s.op === 'remove') && s.item >= c.workload.items)
      return `workload.script[${i}].item: the catalogue has ${c.workload.items} items`;
  }
  const total = totalNodes(c);
  const sorted = [...c.failures].sort((a, b) => a.at - b.at);
  let present = S;
  let added = 0;
  const removed = new Set<number>();
  for (const f of sorted) {
    const i = c.failures.indexOf(f);
    const where = `failures[${i}]`;
    if (f.kind === 'add') {
      added++;
      present++;
    }
    const exists = (node: number) => node < S + added && !removed.has(node);
    if ((f.kind === 'crash' || f.kind === 'recover' || f.kind === 'slow' || f.kind === 'remove') && !exists(f.node))
      return `${where}.node: node ${f.node} does not exist at ${f.at} ms (${total} nodes in all, counting additions)`;
    if (f.kind === 'remove') {
      if (present - 1 < n) return `${where}: removing node ${f.node} would leave fewer than N = ${n} nodes`;
      removed.add(f.node);
      present--;
    }
    if (f.kind === 'partition') {
      const seen = new Set<number>();
      for (const g of f.groups)
        for (const node of g) {
          if (node >= total) return `${where}.groups: node ${node} does not exist`;
          if (seen.has(node)) return `${where}.groups: node ${node} is in two groups`;
          seen.add(node);
        }
      if (f.clientGroups.length > f.groups.length + 1) return `${where}.clientGroups: more client groups than node groups`;
      const clients = new Set<number>();
      for (const g of f.clientGroups)
        for (const client of g) {
          if (client >= c.workload.clients) return `${where}.clientGroups: client ${client} does not exist`;
          if (clients.has(client)) return `${where}.clientGroups: client ${client} is in two groups`;
          clients.add(client);
        }
    }
  }
  for (const [i, v] of c.compare.entries()) {
    const problem = configProblem(applyVariant(c, v.set));
    if (problem) return `compare[${i}] (${v.label}): ${problem}`;
  }
  return undefined;
}

import { auditDurability, divergentKeys, type Durability } from './audit.ts';
import { waitingInLanes } from '../replication/clientLanes.ts';
import type { Reconciliation, Strategy, VariantSettings } from '../config.ts';
import { balance } from '../ring/loadBalance.ts';
import type { LatencyStats, LatencyWindow, Metrics, Rate } from './metrics.ts';
import { queueing, type QueueingSummary } from './queueing.ts';
import { compareStrategies, figure8, type Figure8, type StrategyBalance } from '../ring/partitioning.ts';
import type { Simulation } from '../simulation.ts';
import { COMMIT_DEPTH } from './staleness.ts';
import { lostUpdates, type LostUpdates } from './lostUpdates.ts';
import { stalenessTheory, type StalenessTheory } from './theory.ts';
import type { ThresholdStats } from './thresholdReads.ts';
import type { ReadYourWritesStats } from './readYourWrites.ts';
import type { BackgroundSummary } from '../service/backgroundSummary.ts';

/** What the CLI prints and the metrics panel shows: every measured quantity of a run. */
export interface DynamoSummary {
  setup: {
    nodes: number;
    n: number;
    r: number;
    w: number;
    strategy: Strategy;
    coordination: 'server' | 'client';
    reconciliation: Reconciliation;
    sloppyQuorum: boolean;
    propagation: 'all' | 'quorum-only';
  };
  simulated: {
    durationMs: number;
    events: number;
    operations: number;
    /** Operations still queued behind their lane when the run ended (a backlogged writer's writes): never sent. */
    neverStarted: number;
    requests: number;
    messages: number;
    droppedMessages: number;
  };
  availability: { overall: number; reads: Rate; writes: Rate };
  latencyMs: { read: LatencyStats; write: LatencyStats };
  /** Mean and 99.9th percentile in slices of the time operations arrive (Figure 4). */
  latencyOverTime: LatencyWindow[];
  /** Node service and queueing (§6), buffered writes (§6.1). */
  queueing: QueueingSummary;
  /** Successful reads by the number of versions returned (SOSP'07 §6.3). */
  versionsPerRead: { counts: Record<'1' | '2' | '3' | '4+', number>; shares: Record<'1' | '2' | '3' | '4+', number> };
  staleness: {
    /** Reads of keys with at least one committed write, measured against the latest one. */
    measuredReads: number;
    staleReads: number;
    staleShare: number;
    probeReads: number;
    /** Measured, and the closed form where it holds (null elsewhere). */
    kStaleness: { k: number; reads: number; withinK: number; theory: number | null }[];
    /** Measured, and PBS's prediction where its assumptions hold (null elsewhere). */
    tVisibility: { fromMs: number; toMs: number | null; reads: number; consistent: number; theory: number | null }[];
    theory: StalenessTheory;
    /** Reads by a client of a key it had written, and the share that saw that write (§6.4). */
    readYourWrites: ReadYourWritesStats;
  };
  load: {
    perNode: { node: number; capacity: number; replicaOps: number; coordinated: number }[];
    efficiency: number;
    outOfBalance: number;
  };
  partitioning: { strategies: StrategyBalance[]; figure8: Figure8 };
  hintedHandoff: { hintsStored: number; hintsDelivered: number; backlogMax: number; backlogFinal: number };
  antiEntropy: { exchanges: number; hashesCompared: number; keysSent: number; keysRepaired: number };
  readRepair: { repairs: number };
  membership: { gossipMessages: number; viewRefreshes: number; suspicions: number; forwards: number; forwardRetries: number; ringVersions: number; keysMoved: number };
  replicas: { divergentKeysAtEnd: number; durability: Durability; lostUpdates: LostUpdates };
  /** Lattice values (config `lattice`): which lattice, and its threshold reads; null under vector clocks. */
  lattice: { kind: string; title: string; thresholdReads: ThresholdStats } | null;
  variants: VariantResult[];
}

/** A variant's headline numbers, next to the base run's. */
export interface VariantResult {
  label: string;
  set: VariantSettings;
  availability: number;
  readAvailability: number;
  writeAvailability: number;
  readLatencyMs: { mean: number; p99: number; p999: number };
  writeLatencyMs: { mean: number; p99: number; p999: number };
  staleShare: number;
  /** PBS's prediction where its assumptions hold; an upper bound when `missIsBound`. */
  missProbability: number | null;
  missIsBound: boolean;
  tVisibility: DynamoSummary['staleness']['tVisibility'];
  kStaleness: DynamoSummary['staleness']['kStaleness'];
  multiVersionReadShare: number;
  loadEfficiency: number;
  hintsStored: number;
  keysMoved: number;
  aeKeysRepaired: number;
  divergentKeysAtEnd: number;
  lostWrites: number;
  /** Writes overwritten by earlier ones, cart adds missing from the reconciled cart at the end, counter updates not reflected (measure/lostUpdates.ts). */
  lostUpdates: number;
  /** Cart items deleted by their last acknowledged write, and those back at the end. */
  removals: number;
  resurrected: number;
  /** The value type: `vector clocks` or the lattice's name. */
  values: string;
  thresholdReads: number;
  thresholdTimedOut: number;
  thresholdMeanMs: number;
  /** Buffered writes (§6.1): versions lost from object buffers in crashes. */
  lostFromBuffers: number;
  /** Background tasks and admission control (§6.5), per bucket. */
  background: BackgroundSummary;
  /** Mean and 99.9th percentile per slice of the run (Figure 5 draws the writes' against the base run's). */
  latencyOverTime: LatencyWindow[];
  /** Of a client's reads of keys it had written, the share that saw its write (NaN: none). */
  readYourWrites: number;
}

const share = (x: number, total: number) => (total === 0 ? 0 : x / total);

export function summarize(sim: Simulation, withPartitioning: boolean, seed: number): DynamoSummary {
  const cfg = sim.cfg;
  const m = sim.metrics;
  const { n, r, w } = cfg.quorum;
  const avail = m.availability();
  return {
    setup: {
      nodes: cfg.cluster.nodes,
      n,
      r,
      w,
      strategy: cfg.cluster.strategy,
      coordination: cfg.coordination.mode,
      reconciliation: cfg.versioning.reconciliation,
      sloppyQuorum: cfg.quorum.sloppy,
      propagation: cfg.quorum.propagation,
    },
    simulated: {
      durationMs: sim.endTime,
      events: sim.events,
      operations: sim.workload.count,
      neverStarted: waitingInLanes(sim),
      requests: m.requests,
      messages: sim.counters.messages,
      droppedMessages: sim.counters.dropped,
    },
    availability: { overall: avail.overall, reads: avail.reads, writes: avail.writes },
    latencyMs: { read: m.latencyStats(false), write: m.latencyStats(true) },
    latencyOverTime: m.latencyOverTime(),
    queueing: queueing(sim),
    versionsPerRead: versionsPerRead(m),
    staleness: staleness(sim, seed),
    load: load(sim),
    partitioning: withPartitioning
      ? { strategies: compareStrategies(cfg, seed), figure8: figure8(cfg, seed) }
      : { strategies: [], figure8: { metadata: [], efficiency: { 1: [], 2: [], 3: [] }, draws: 0 } },
    hintedHandoff: {
      hintsStored: sim.counters.hintsStored,
      hintsDelivered: sim.counters.hintsDelivered,
      backlogMax: backlogPeak(m, sim.M),
      backlogFinal: sim.stores.reduce((s, st) => s + st.hintCount, 0),
    },
    antiEntropy: {
      exchanges: sim.counters.aeExchanges,
      hashesCompared: sim.counters.aeCompared,
      keysSent: sim.counters.aeKeysSent,
      keysRepaired: sim.counters.aeKeysRepaired,
    },
    readRepair: { repairs: sim.counters.readRepairs },
    membership: {
      gossipMessages: sim.counters.gossipMessages,
      viewRefreshes: sim.counters.viewRefreshes,
      suspicions: sim.counters.suspicions,
      forwards: sim.counters.forwards,
      forwardRetries: sim.counters.forwardRetries,
      ringVersions: sim.rings.length,
      keysMoved: sim.counters.keysMoved,
    },
    replicas: { divergentKeysAtEnd: divergentKeys(sim), durability: auditDurability(sim), lostUpdates: lostUpdates(sim) },
    lattice: sim.lattice ? { kind: sim.lattice.kind, title: sim.lattice.title, thresholdReads: sim.thresholdReads.stats() } : null,
    variants: [],
  };
}

function versionsPerRead(m: Metrics): DynamoSummary['versionsPerRead'] {
  const versions = m.versionsPerRead();
  const totalReads = versions.reduce((s, x) => s + x, 0);
  return {
    counts: { '1': versions[0]!, '2': versions[1]!, '3': versions[2]!, '4+': versions[3]! },
    shares: {
      '1': share(versions[0]!, totalReads),
      '2': share(versions[1]!, totalReads),
      '3': share(versions[2]!, totalReads),
      '4+': share(versions[3]!, totalReads),
    },
  };
}

/** Measured staleness (k-staleness, t-visibility) next to what PBS predicts, where its assumptions hold. */
function staleness(sim: Simulation, seed: number): DynamoSummary['staleness'] {
  const m = sim.metrics;
  const withinK = m.withinK();
  const vis = m.visibility();
  const staleReads = withinK[0]!.reads - withinK[0]!.within;
  const theory = stalenessTheory(sim.cfg, m.visEdges, COMMIT_DEPTH, seed);
  return {
    measuredReads: withinK[0]!.reads,
    staleReads,
    staleShare: share(staleReads, withinK[0]!.reads),
    probeReads: m.probes(),
    kStaleness: withinK.map((x, i) => ({ k: x.k, reads: x.reads, withinK: share(x.within, x.reads), theory: theory.withinK?.[i] ?? null })),
    tVisibility: Array.from(m.visEdges, (from, i) => ({
      fromMs: from,
      toMs: i + 1 < m.visEdges.length ? m.visEdges[i + 1]! : null,
      reads: vis.reads[i]!,
      consistent: share(vis.fresh[i]!, vis.reads[i]!),
      theory: theory.tVisibility?.[i] ?? null,
    })),
    theory,
    readYourWrites: sim.readYourWrites.stats(),
  };
}

/** Replica operations and coordinations per node, and the balance of load per unit of capacity over the members. */
function load(sim: Simulation): DynamoSummary['load'] {
  const m = sim.metrics;
  const B = m.buckets;
  const ring = sim.rings[sim.latestRing]!;
  const perNode = Array.from({ length: sim.M }, (_, node) => {
    let ops = 0;
    let coordinated = 0;
    for (let b = 0; b < B; b++) {
      ops += m.load[node * B + b]!;
      coordinated += m.coordinated[node * B + b]!;
    }
    return { node, capacity: ring.capacity[node] || (sim.cfg.cluster.capacity[node] ?? 1), replicaOps: ops, coordinated };
  });
  const memberLoad = balance(ring.members.map((node) => perNode[node]!.replicaOps / perNode[node]!.capacity));
  return { perNode, efficiency: memberLoad.efficiency, outOfBalance: memberLoad.outOfBalance };
}

/** The largest hinted backlog over the whole cluster in any bucket. */
function backlogPeak(m: Metrics, nodes: number): number {
  const B = m.buckets;
  let peak = 0;
  for (let b = 0; b < B; b++) {
    let total = 0;
    for (let node = 0; node < nodes; node++) total += m.hints[node * B + b]!;
    peak = Math.max(peak, total);
  }
  return peak;
}

export function variantResult(label: string, set: VariantSettings, s: DynamoSummary): VariantResult {
  const lat = (x: LatencyStats) => ({ mean: x.meanMs, p99: x.p99Ms, p999: x.p999Ms });
  return {
    label,
    set,
    availability: s.availability.overall,
    readAvailability: s.availability.reads.availability,
    writeAvailability: s.availability.writes.availability,
    readLatencyMs: lat(s.latencyMs.read),
    writeLatencyMs: lat(s.latencyMs.write),
    staleShare: s.staleness.staleShare,
    missProbability: s.staleness.theory.missProbability,
    missIsBound: s.staleness.theory.missIsBound,
    tVisibility: s.staleness.tVisibility,
    kStaleness: s.staleness.kStaleness,
    multiVersionReadShare: 1 - s.versionsPerRead.shares['1'],
    loadEfficiency: s.load.efficiency,
    hintsStored: s.hintedHandoff.hintsStored,
    keysMoved: s.membership.keysMoved,
    aeKeysRepaired: s.antiEntropy.keysRepaired,
    divergentKeysAtEnd: s.replicas.divergentKeysAtEnd,
    lostWrites: s.replicas.durability.lost,
    lostUpdates: s.replicas.lostUpdates.lost + s.replicas.lostUpdates.overwrittenByEarlier + (s.replicas.lostUpdates.counter?.lost ?? 0),
    removals: s.replicas.lostUpdates.removals,
    resurrected: s.replicas.lostUpdates.resurrected,
    values: s.lattice ? s.lattice.kind : 'vector clocks',
    thresholdReads: s.lattice?.thresholdReads.issued ?? 0,
    thresholdTimedOut: s.lattice?.thresholdReads.timedOut ?? 0,
    thresholdMeanMs: s.lattice?.thresholdReads.latencyMs.mean ?? NaN,
    lostFromBuffers: s.queueing.buffered.lostFromBuffers,
    background: s.queueing.background,
    latencyOverTime: s.latencyOverTime,
    readYourWrites: s.staleness.readYourWrites.share,
  };
}

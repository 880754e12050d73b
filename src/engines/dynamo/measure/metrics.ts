import { COMMIT_DEPTH } from './staleness.ts';
import { QuantileSketch } from './quantileSketch.ts';

/** Latency histogram bins for the views: 16 per decade from 0.1 ms to 10 s. */
export const LATENCY_BINS = 80;
export const LATENCY_BIN_BASE_MS = 0.1;
export const LATENCY_BINS_PER_DECADE = 16;
export const latencyBin = (ms: number): number =>
  Math.min(LATENCY_BINS - 1, Math.max(0, Math.floor(LATENCY_BINS_PER_DECADE * Math.log10(Math.max(ms, 1e-9) / LATENCY_BIN_BASE_MS))));
export const latencyBinEdge = (i: number): number => LATENCY_BIN_BASE_MS * Math.pow(10, i / LATENCY_BINS_PER_DECADE);

/** Latencies of successful requests the sketches keep exactly, reads and writes together; past it they all compress (quantileSketch.ts). */
export const EXACT_LATENCIES = 65_536;

/** Slices of the run for latency over time (Figure 4 plots one per half hour of a day: 48). */
export const LATENCY_WINDOWS = 48;

/**
 * What the run measures, in memory independent of the run's length. Over the whole run:
 * counts, and latency sketches (exact while the run is small, within RELATIVE_ERROR after) per
 * slice of arrival time (Figure 4) and kind; per time bucket, bounded, for the views: they sum
 * the buckets up to the player's time, so every plot follows the player.
 */
export class Metrics {
  private n = 0;
  private reads = 0;
  private readsOk = 0;
  private writes = 0;
  private writesOk = 0;
  private probeCount = 0;
  /** Successful reads returning 1, 2, 3, 4+ versions. */
  private readonly versionCounts = [0, 0, 0, 0];
  /** [k − 1]: measured reads whose key had at least k commits, and those within k versions. */
  private readonly kReads = new Array<number>(COMMIT_DEPTH).fill(0);
  private readonly kWithin = new Array<number>(COMMIT_DEPTH).fill(0);
  /** Measured reads per time-after-commit bin, and the fresh ones. */
  private readonly visAll: number[];
  private readonly visFreshAll: number[];
  /** [window][0 read, 1 write] latency of successful non-probe requests, by start time; probes apart. */
  private readonly windows: QuantileSketch[][];
  private readonly probeLatency = new QuantileSketch();
  private readonly windowMs: number;
  private latencies = 0;

  readonly bucketMs: number;
  /** [readOk, readFailed, writeOk, writeFailed] per bucket of completion. */
  readonly outcomes: Uint32Array;
  /** [op (0 read, 1 write)][bucket][latency bin] of successful requests. */
  readonly latencyHist: Uint32Array;
  /** [bucket][1, 2, 3, 4+ versions] of successful reads. */
  readonly versionsHist: Uint32Array;
  /**
   * [bucket][history h = 1 … COMMIT_DEPTH][age 0 … COMMIT_DEPTH] of measured reads, where h is how
   * many committed writes the key had when the read started (capped): k-staleness for k ≤ h.
   */
  readonly ageHist: Uint32Array;
  /** [bucket][t bin] reads measured, and those that returned the latest committed write. */
  readonly visReads: Uint32Array;
  readonly visFresh: Uint32Array;
  /** [node][bucket] replica operations served. */
  readonly load: Uint32Array;
  /** [node][bucket] requests coordinated. */
  readonly coordinated: Uint32Array;
  /** [node][bucket] hinted versions held at the end of the bucket. */
  readonly hints: Int32Array;
  /** [bucket] keys whose home replicas disagree, sampled at the end of the bucket (-1 not sampled). */
  readonly divergent: Int32Array;
  /** [bucket] counters. */
  readonly messages: Uint32Array;
  readonly dropped: Uint32Array;
  readonly aeCompared: Uint32Array;
  readonly aeKeys: Uint32Array;
  readonly moved: Uint32Array;
  readonly handedOff: Uint32Array;
  readonly repairs: Uint32Array;

  constructor(
    readonly buckets: number,
    horizonMs: number,
    readonly nodes: number,
    /** Left edges of the time-after-commit bins (ms), ascending; the last bin is open. */
    readonly visEdges: Float64Array,
    /** Figure 4's slices of arrival time: how many, over [0, latencyHorizonMs). */
    readonly latencyWindows: number,
    latencyHorizonMs: number,
  ) {
    this.visAll = new Array<number>(visEdges.length).fill(0);
    this.visFreshAll = new Array<number>(visEdges.length).fill(0);
    this.windows = Array.from({ length: latencyWindows }, () => [new QuantileSketch(), new QuantileSketch()]);
    this.windowMs = Math.max(1e-6, latencyHorizonMs) / latencyWindows;
    this.bucketMs = Math.max(1e-6, horizonMs / buckets);
    const B = buckets;
    this.outcomes = new Uint32Array(B * 4);
    this.latencyHist = new Uint32Array(2 * B * LATENCY_BINS);
    this.versionsHist = new Uint32Array(B * 4);
    this.ageHist = new Uint32Array(B * COMMIT_DEPTH * (COMMIT_DEPTH + 1));
    this.visReads = new Uint32Array(B * visEdges.length);
    this.visFresh = new Uint32Array(B * visEdges.length);
    this.load = new Uint32Array(nodes * B);
    this.coordinated = new Uint32Array(nodes * B);
    this.hints = new Int32Array(nodes * B);
    this.divergent = new Int32Array(B).fill(-1);
    this.messages = new Uint32Array(B);
    this.dropped = new Uint32Array(B);
    this.aeCompared = new Uint32Array(B);
    this.aeKeys = new Uint32Array(B);
    this.moved = new Uint32Array(B);
    this.handedOff = new Uint32Array(B);
    this.repairs = new Uint32Array(B);
  }

  bucket(t: number): number {
    return Math.min(this.buckets - 1, Math.max(0, Math.floor(t / this.bucketMs)));
  }

  get requests(): number {
    return this.n;
  }

  /**
   * Records a finished request. `age` < 0 and `since` NaN when staleness was not measured;
   * `history` is the number of writes the key had committed when a read started.
   */
  finish(start: number, end: number, write: boolean, ok: boolean, probe: boolean, versions: number, age: number, history: number, since: number): void {
    this.n++;
    if (write) {
      this.writes++;
      if (ok) this.writesOk++;
    } else {
      this.reads++;
      if (ok) this.readsOk++;
    }
    if (probe) this.probeCount++;
    const h = Math.min(COMMIT_DEPTH, history);
    if (age >= 0) this.measured(age, h, since);
    const b = this.bucket(end);
    this.outcomes[b * 4 + (write ? 2 : 0) + (ok ? 0 : 1)]!++;
    if (!ok) return;
    this.latency(start, end - start, write, probe);
    this.latencyHist[((write ? 1 : 0) * this.buckets + b) * LATENCY_BINS + latencyBin(end - start)]!++;
    if (write) return;
    const v = Math.min(3, Math.max(1, Math.min(255, versions)) - 1);
    this.versionCounts[v]!++;
    this.versionsHist[b * 4 + v]!++;
    if (age < 0) return;
    this.ageHist[(b * COMMIT_DEPTH + h - 1) * (COMMIT_DEPTH + 1) + Math.min(COMMIT_DEPTH, age)]!++;
    const t = this.visBin(since);
    this.visReads[b * this.visEdges.length + t]!++;
    if (age === 0) this.visFresh[b * this.visEdges.length + t]!++;
  }

  /** A read measured against the commit log: k-staleness and t-visibility over the whole run. */
  private measured(age: number, history: number, since: number): void {
    for (let k = 1; k <= history; k++) {
      this.kReads[k - 1]!++;
      if (age < k) this.kWithin[k - 1]!++;
    }
    // Time since the commit, kept at single precision as the per-request record always was.
    const t = this.visBin(Math.fround(since));
    this.visAll[t]!++;
    if (age === 0) this.visFreshAll[t]!++;
  }

  /** A successful request's latency, in its slice of arrival time (probes apart). */
  private latency(start: number, ms: number, write: boolean, probe: boolean): void {
    if (probe) this.probeLatency.add(ms);
    else this.windows[Math.min(this.latencyWindows - 1, Math.max(0, Math.floor(start / this.windowMs)))]![write ? 1 : 0]!.add(ms);
    // Past the exact budget every sketch compresses at once, so the run's memory stays bounded.
    if (++this.latencies === EXACT_LATENCIES + 1) {
      this.probeLatency.compress();
      for (const w of this.windows) for (const s of w) s.compress();
    }
  }

  private visBin(t: number): number {
    const e = this.visEdges;
    let i = 0;
    while (i + 1 < e.length && t >= e[i + 1]!) i++;
    return i;
  }

  /** Latency statistics over successful requests of one kind: exact up to EXACT_LATENCIES in the run, within RELATIVE_ERROR past it. */
  latencyStats(write: boolean): LatencyStats {
    const all = new QuantileSketch();
    for (const w of this.windows) all.merge(w[write ? 1 : 0]!, EXACT_LATENCIES);
    if (!write) all.merge(this.probeLatency, EXACT_LATENCIES);
    return all.stats();
  }

  /**
   * Figure 4's curves: the mean and 99.9th percentile of successful requests' latency in each
   * slice of arrival time, reads and writes apart (probes left out).
   */
  latencyOverTime(): LatencyWindow[] {
    const width = this.windowMs;
    return this.windows.map(([reads, writes], w) => ({ fromMs: w * width, toMs: (w + 1) * width, read: reads!.stats(), write: writes!.stats() }));
  }

  /** Requests and successes: overall, reads, writes. */
  availability(): { requests: number; succeeded: number; reads: Rate; writes: Rate; overall: number } {
    const rate = (ok: number, all: number): Rate => ({ requests: all, succeeded: ok, availability: all === 0 ? NaN : ok / all });
    const ok = this.readsOk + this.writesOk;
    return { requests: this.n, succeeded: ok, reads: rate(this.readsOk, this.reads), writes: rate(this.writesOk, this.writes), overall: this.n === 0 ? NaN : ok / this.n };
  }

  /** Staleness probes issued (PBS-style reads a fixed time after a commit). */
  probes(): number {
    return this.probeCount;
  }

  /** Versions returned by successful reads: counts of 1, 2, 3, 4+. */
  versionsPerRead(): number[] {
    return [...this.versionCounts];
  }

  /**
   * k-staleness for k = 1 … COMMIT_DEPTH: of the reads that started when the key had at least k
   * committed writes, how many returned one of the latest k.
   */
  withinK(): { k: number; reads: number; within: number }[] {
    return this.kReads.map((reads, i) => ({ k: i + 1, reads, within: this.kWithin[i]! }));
  }

  /** Measured reads per time-after-commit bin, and how many were fresh. */
  visibility(): { reads: number[]; fresh: number[] } {
    return { reads: [...this.visAll], fresh: [...this.visFreshAll] };
  }
}

export interface Rate {
  requests: number;
  succeeded: number;
  availability: number;
}

export interface LatencyWindow {
  fromMs: number;
  toMs: number;
  read: LatencyStats;
  write: LatencyStats;
}

export interface LatencyStats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

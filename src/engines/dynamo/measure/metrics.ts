import { COMMIT_DEPTH } from './staleness.ts';

/** Latency histogram bins for the views: 16 per decade from 0.1 ms to 10 s. */
export const LATENCY_BINS = 80;
export const LATENCY_BIN_BASE_MS = 0.1;
export const LATENCY_BINS_PER_DECADE = 16;
export const latencyBin = (ms: number): number =>
  Math.min(LATENCY_BINS - 1, Math.max(0, Math.floor(LATENCY_BINS_PER_DECADE * Math.log10(Math.max(ms, 1e-9) / LATENCY_BIN_BASE_MS))));
export const latencyBinEdge = (i: number): number => LATENCY_BIN_BASE_MS * Math.pow(10, i / LATENCY_BINS_PER_DECADE);

/** Request flags. */
const WRITE = 1;
const OK = 2;
const PROBE = 4;

/**
 * What the run measures. Per request, in growable typed arrays (the summary's exact percentiles
 * and rates come from these, over the whole run); and per time bucket, bounded, for the views:
 * they sum the buckets up to the player's time, so every plot follows the player.
 */
export class Metrics {
  private n = 0;
  private startAt = new Float64Array(1024);
  private endAt = new Float64Array(1024);
  private flags = new Uint8Array(1024);
  private versionCount = new Uint8Array(1024);
  /** 255: staleness not measured (a write, a failed read, or a key never written). */
  private ageOf = new Uint8Array(1024);
  private history = new Uint8Array(1024);
  private since = new Float32Array(1024);

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
  ) {
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
    if (this.n === this.startAt.length) this.grow();
    const i = this.n++;
    this.startAt[i] = start;
    this.endAt[i] = end;
    this.flags[i] = (write ? WRITE : 0) | (ok ? OK : 0) | (probe ? PROBE : 0);
    this.versionCount[i] = Math.min(255, versions);
    this.ageOf[i] = age < 0 ? 255 : age;
    const h = Math.min(COMMIT_DEPTH, history);
    this.history[i] = h;
    this.since[i] = since;
    const b = this.bucket(end);
    this.outcomes[b * 4 + (write ? 2 : 0) + (ok ? 0 : 1)]!++;
    if (!ok) return;
    this.latencyHist[((write ? 1 : 0) * this.buckets + b) * LATENCY_BINS + latencyBin(end - start)]!++;
    if (write) return;
    this.versionsHist[b * 4 + Math.min(3, Math.max(1, versions) - 1)]!++;
    if (age < 0) return;
    this.ageHist[(b * COMMIT_DEPTH + h - 1) * (COMMIT_DEPTH + 1) + Math.min(COMMIT_DEPTH, age)]!++;
    const v = this.visBin(since);
    this.visReads[b * this.visEdges.length + v]!++;
    if (age === 0) this.visFresh[b * this.visEdges.length + v]!++;
  }

  private visBin(t: number): number {
    const e = this.visEdges;
    let i = 0;
    while (i + 1 < e.length && t >= e[i + 1]!) i++;
    return i;
  }

  private grow(): void {
    const size = this.startAt.length * 2;
    const widen = <T extends Float64Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.startAt = widen(this.startAt, (n) => new Float64Array(n));
    this.endAt = widen(this.endAt, (n) => new Float64Array(n));
    this.flags = widen(this.flags, (n) => new Uint8Array(n));
    this.versionCount = widen(this.versionCount, (n) => new Uint8Array(n));
    this.ageOf = widen(this.ageOf, (n) => new Uint8Array(n));
    this.history = widen(this.history, (n) => new Uint8Array(n));
    this.since = widen(this.since, (n) => new Float32Array(n));
  }

  /** Exact latency statistics over successful requests of one kind. */
  latencyStats(write: boolean): LatencyStats {
    const lat: number[] = [];
    const want = (write ? WRITE : 0) | OK;
    for (let i = 0; i < this.n; i++) if ((this.flags[i]! & (WRITE | OK)) === want) lat.push(this.endAt[i]! - this.startAt[i]!);
    return latencyStatsOf(lat);
  }

  /**
   * Figure 4's curves: the mean and 99.9th percentile of successful requests' latency in each of
   * `windows` equal slices of [0, horizon), by start time, reads and writes apart. Exact.
   */
  latencyOverTime(windows: number, horizonMs: number): LatencyWindow[] {
    const width = horizonMs / windows;
    const lat: number[][][] = Array.from({ length: windows }, () => [[], []]);
    for (let i = 0; i < this.n; i++) {
      const f = this.flags[i]!;
      if (!(f & OK) || f & PROBE) continue;
      const w = Math.min(windows - 1, Math.floor(this.startAt[i]! / width));
      lat[w]![f & WRITE ? 1 : 0]!.push(this.endAt[i]! - this.startAt[i]!);
    }
    return lat.map(([reads, writes], w) => ({ fromMs: w * width, toMs: (w + 1) * width, read: latencyStatsOf(reads!), write: latencyStatsOf(writes!) }));
  }

  /** Requests and successes: overall, reads, writes. */
  availability(): { requests: number; succeeded: number; reads: Rate; writes: Rate; overall: number } {
    let r = 0;
    let rOk = 0;
    let w = 0;
    let wOk = 0;
    for (let i = 0; i < this.n; i++) {
      const f = this.flags[i]!;
      if (f & WRITE) {
        w++;
        if (f & OK) wOk++;
      } else {
        r++;
        if (f & OK) rOk++;
      }
    }
    const rate = (ok: number, all: number): Rate => ({ requests: all, succeeded: ok, availability: all === 0 ? NaN : ok / all });
    return { requests: this.n, succeeded: rOk + wOk, reads: rate(rOk, r), writes: rate(wOk, w), overall: this.n === 0 ? NaN : (rOk + wOk) / this.n };
  }

  /** Staleness probes issued (PBS-style reads a fixed time after a commit). */
  probes(): number {
    let count = 0;
    for (let i = 0; i < this.n; i++) if (this.flags[i]! & PROBE) count++;
    return count;
  }

  /** Versions returned by successful reads: counts of 1, 2, 3, 4+. */
  versionsPerRead(): number[] {
    const out = [0, 0, 0, 0];
    for (let i = 0; i < this.n; i++) if ((this.flags[i]! & (WRITE | OK)) === OK) out[Math.min(3, Math.max(1, this.versionCount[i]!) - 1)]!++;
    return out;
  }

  /**
   * k-staleness for k = 1 … COMMIT_DEPTH: of the reads that started when the key had at least k
   * committed writes, how many returned one of the latest k.
   */
  withinK(): { k: number; reads: number; within: number }[] {
    const out = Array.from({ length: COMMIT_DEPTH }, (_, i) => ({ k: i + 1, reads: 0, within: 0 }));
    for (let i = 0; i < this.n; i++) {
      if (this.ageOf[i] === 255) continue;
      const age = this.ageOf[i]!;
      for (let k = 1; k <= this.history[i]!; k++) {
        out[k - 1]!.reads++;
        if (age < k) out[k - 1]!.within++;
      }
    }
    return out;
  }

  /** Measured reads per time-after-commit bin, and how many were fresh. */
  visibility(): { reads: number[]; fresh: number[] } {
    const reads = new Array<number>(this.visEdges.length).fill(0);
    const fresh = new Array<number>(this.visEdges.length).fill(0);
    for (let i = 0; i < this.n; i++) {
      if (this.ageOf[i] === 255) continue;
      const v = this.visBin(this.since[i]!);
      reads[v]!++;
      if (this.ageOf[i] === 0) fresh[v]!++;
    }
    return { reads, fresh };
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

/** Mean and percentiles (nearest rank) of a set of latencies. */
function latencyStatsOf(lat: number[]): LatencyStats {
  const sorted = Float64Array.from(lat).sort();
  const rank = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);
  const mean = sorted.length === 0 ? NaN : sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { count: sorted.length, meanMs: mean, p50Ms: rank(0.5), p99Ms: rank(0.99), p999Ms: rank(0.999), maxMs: rank(1) };
}

export interface LatencyStats {
  count: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

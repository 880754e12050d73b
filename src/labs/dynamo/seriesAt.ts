import type { Series } from '../../engines/dynamo/engine.ts';
import { LATENCY_BINS, latencyBinEdge } from '../../engines/dynamo/measure/metrics.ts';
import { COMMIT_DEPTH } from '../../engines/dynamo/measure/staleness.ts';

/**
 * The metric series summed over the time buckets up to the player's time: every plot follows the
 * player. Whole buckets are counted, so "up to t" means up to the end of t's bucket.
 */
export interface MetricsAt {
  bucket: number;
  readOk: number;
  readFailed: number;
  writeOk: number;
  writeFailed: number;
  /** Latency histograms of successful reads and writes (LATENCY_BINS log bins). */
  readLatency: Float64Array;
  writeLatency: Float64Array;
  /** Successful reads returning 1, 2, 3, 4+ versions. */
  versions: number[];
  /** k-staleness for k = 1 … COMMIT_DEPTH: reads measured and within k versions. */
  withinK: { k: number; reads: number; within: number }[];
  /** t-visibility: per bin of time after commit, reads measured and fresh. */
  visReads: number[];
  visFresh: number[];
  /** Replica operations and coordinations per node. */
  load: number[];
  coordinated: number[];
  /** Hinted versions held per node at the end of the bucket. */
  hints: number[];
}

function bucketOf(series: Series, t: number): number {
  return Math.min(series.buckets - 1, Math.max(0, Math.floor(t / series.bucketMs)));
}

export function metricsAt(series: Series, nodes: number, t: number): MetricsAt {
  const b = bucketOf(series, t);
  const B = series.buckets;
  const out: MetricsAt = {
    bucket: b,
    readOk: 0,
    readFailed: 0,
    writeOk: 0,
    writeFailed: 0,
    readLatency: new Float64Array(LATENCY_BINS),
    writeLatency: new Float64Array(LATENCY_BINS),
    versions: [0, 0, 0, 0],
    withinK: Array.from({ length: COMMIT_DEPTH }, (_, i) => ({ k: i + 1, reads: 0, within: 0 })),
    visReads: new Array<number>(series.visEdges.length).fill(0),
    visFresh: new Array<number>(series.visEdges.length).fill(0),
    load: new Array<number>(nodes).fill(0),
    coordinated: new Array<number>(nodes).fill(0),
    hints: Array.from({ length: nodes }, (_, n) => series.hints[n * B + b]!),
  };
  const V = series.visEdges.length;
  const D = COMMIT_DEPTH;
  for (let i = 0; i <= b; i++) {
    out.readOk += series.outcomes[i * 4]!;
    out.readFailed += series.outcomes[i * 4 + 1]!;
    out.writeOk += series.outcomes[i * 4 + 2]!;
    out.writeFailed += series.outcomes[i * 4 + 3]!;
    for (let x = 0; x < LATENCY_BINS; x++) {
      out.readLatency[x]! += series.latencyHist[i * LATENCY_BINS + x]!;
      out.writeLatency[x]! += series.latencyHist[(B + i) * LATENCY_BINS + x]!;
    }
    for (let v = 0; v < 4; v++) out.versions[v]! += series.versionsHist[i * 4 + v]!;
    for (let h = 1; h <= D; h++) {
      for (let age = 0; age <= D; age++) {
        const count = series.ageHist[(i * D + h - 1) * (D + 1) + age]!;
        if (count === 0) continue;
        for (let k = 1; k <= h; k++) {
          out.withinK[k - 1]!.reads += count;
          if (age < k) out.withinK[k - 1]!.within += count;
        }
      }
    }
    for (let v = 0; v < V; v++) {
      out.visReads[v]! += series.visReads[i * V + v]!;
      out.visFresh[v]! += series.visFresh[i * V + v]!;
    }
    for (let n = 0; n < nodes; n++) {
      out.load[n]! += series.load[n * B + i]!;
      out.coordinated[n]! += series.coordinated[n * B + i]!;
    }
  }
  return out;
}

/** A percentile from a log-binned histogram (the bin's upper edge: an upper bound within one bin). */
export function histogramPercentile(hist: Float64Array, q: number): number {
  const total = hist.reduce((s, x) => s + x, 0);
  if (total === 0) return NaN;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i]!;
    if (seen >= rank) return latencyBinEdge(i + 1);
  }
  return latencyBinEdge(hist.length);
}

/** A per-bucket series as (time at the end of the bucket, value) points up to bucket b. */
export function over<T extends ArrayLike<number>>(series: Series, values: T, b: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= b && i < series.buckets; i++) out.push([(i + 1) * series.bucketMs, values[i]!]);
  return out;
}

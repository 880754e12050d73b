/**
 * Latency quantiles in bounded memory: a log-bucketed sketch in the manner of DDSketch (Masson,
 * Rim and Lee, VLDB 2019). A value x > 0 falls in bucket i = ⌈log_γ x⌉, γ = (1 + α) / (1 − α),
 * and bucket i answers with 2γ^i / (γ + 1): within relative error α of every value it holds. So
 * every quantile the sketch reports is within RELATIVE_ERROR of the true value at that rank.
 *
 * While a sketch is small it keeps its samples and answers exactly (nearest rank), as a sorted
 * array would; `compress` turns it into buckets for good. Two sketches merge by adding bucket
 * counts (or concatenating samples, while both are exact), in a fixed order: deterministic.
 */

import type { LatencyStats } from './metrics.ts';

/** α: the relative error of every quantile once a sketch is compressed. */
export const RELATIVE_ERROR = 0.005;
const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Values at or below this (ms) count as zero: the sketch keeps them apart, exactly. */
const SMALLEST = 1e-9;

const bucketOf = (x: number): number => Math.ceil(Math.log(x) / LOG_GAMMA);
const bucketValue = (i: number): number => (2 * Math.pow(GAMMA, i)) / (GAMMA + 1);

export class QuantileSketch {
  /** The samples while exact; null once compressed. */
  private samples: Float64Array | null = new Float64Array(16);
  private n = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;
  private zeros = 0;
  /** counts[j] is bucket offset + j. */
  private counts = new Float64Array(0);
  private offset = 0;

  get count(): number {
    return this.n;
  }

  get exact(): boolean {
    return this.samples !== null;
  }

  add(x: number): void {
    this.n++;
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
    const s = this.samples;
    if (s) {
      if (this.n > s.length) {
        const wider = new Float64Array(s.length * 2);
        wider.set(s);
        this.samples = wider;
      }
      this.samples![this.n - 1] = x;
    } else this.bucket(x);
  }

  /** Moves the samples into buckets: from now on quantiles are within RELATIVE_ERROR. */
  compress(): void {
    const s = this.samples;
    if (!s) return;
    this.samples = null;
    for (let i = 0; i < this.n; i++) this.bucket(s[i]!);
  }

  /** Adds `other`'s samples; exact only while both are and the total stays within `exactLimit`. */
  merge(other: QuantileSketch, exactLimit: number): void {
    const total = this.n + other.n;
    if (this.samples && other.samples && total <= exactLimit) {
      for (let i = 0; i < other.n; i++) this.add(other.samples[i]!);
      return;
    }
    this.compress();
    if (other.samples) {
      for (let i = 0; i < other.n; i++) this.bucket(other.samples[i]!);
    } else {
      this.zeros += other.zeros;
      for (let j = 0; j < other.counts.length; j++) if (other.counts[j]! > 0) this.addToBucket(other.offset + j, other.counts[j]!);
    }
    this.n = total;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** Mean and nearest-rank percentiles. */
  stats(): LatencyStats {
    if (this.samples) {
      const sorted = this.samples.slice(0, this.n).sort();
      const rank = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);
      const mean = sorted.length === 0 ? NaN : sorted.reduce((s, x) => s + x, 0) / sorted.length;
      return { count: this.n, meanMs: mean, p50Ms: rank(0.5), p99Ms: rank(0.99), p999Ms: rank(0.999), maxMs: rank(1) };
    }
    return { count: this.n, meanMs: this.sum / this.n, p50Ms: this.quantile(0.5), p99Ms: this.quantile(0.99), p999Ms: this.quantile(0.999), maxMs: this.max };
  }

  /** The value of nearest rank ⌈p·n⌉ (compressed: the bucket's value, kept within [min, max]). */
  private quantile(p: number): number {
    if (this.n === 0) return NaN;
    const rank = Math.max(1, Math.ceil(p * this.n));
    if (rank <= this.zeros) return this.min;
    let seen = this.zeros;
    for (let j = 0; j < this.counts.length; j++) {
      seen += this.counts[j]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, bucketValue(this.offset + j)));
    }
    return this.max;
  }

  private bucket(x: number): void {
    if (x <= SMALLEST) this.zeros++;
    else this.addToBucket(bucketOf(x), 1);
  }

  private addToBucket(i: number, c: number): void {
    if (this.counts.length === 0) this.offset = i;
    const lo = Math.min(this.offset, i);
    const hi = Math.max(this.offset + this.counts.length, i + 1);
    if (lo < this.offset || hi > this.offset + this.counts.length) {
      // Widen to the observed range, with room on both sides so growth is rare.
      const pad = Math.max(8, (hi - lo) >> 1);
      const from = lo < this.offset ? lo - pad : this.offset;
      const to = hi > this.offset + this.counts.length ? hi + pad : this.offset + this.counts.length;
      const wider = new Float64Array(to - from);
      wider.set(this.counts, this.offset - from);
      this.counts = wider;
      this.offset = from;
    }
    this.counts[i - this.offset]! += c;
  }
}

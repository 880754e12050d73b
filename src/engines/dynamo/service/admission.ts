import type { BackgroundConfig } from '../config.ts';

/** The percentile the controller watches: the paper's example is the 99th of database reads. */
const WATCHED = 0.99;

/** The nearest-rank percentile q of `xs` (sorted in place), or NaN when it is empty. */
function percentile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  xs.sort((a, b) => a - b);
  return xs[Math.max(0, Math.ceil(q * xs.length) - 1)]!;
}

/**
 * The admission controller of SOSP'07 §6.5. It monitors foreground disk reads at each node (the
 * time from reaching the node's queue to leaving its storage engine) and, at the end of every
 * trailing window, compares their 99th percentile with the target; from that it decides how many
 * time slices background tasks get at that node in the next window.
 *
 * The paper gives the feedback loop, not its rule. Ours is additive increase, multiplicative
 * decrease (as TCP's congestion window): above the target the allowance halves, at or below it
 * grows by a tenth of the most. It never drops below one slice per window, so background work is
 * slowed but always finishes.
 *
 * The monitor runs with admission control off as well (it then decides nothing): the Latency tab
 * shows the same percentile for both.
 */
export class AdmissionController {
  /** [node] foreground read latencies in the current window. */
  private readonly reads: number[][];
  /** [node] slices per window, and those left in the current window. */
  private readonly allowance: Int32Array;
  private readonly left: Int32Array;
  /** [bucket] the worst node's 99th percentile among the windows ending in the bucket (NaN: none ended, or no reads). */
  readonly p99: Float64Array;
  /** [bucket] the mean allowance over nodes, as decided by the windows ending in the bucket (NaN: none ended). */
  readonly slices: Float64Array;

  constructor(
    readonly cfg: BackgroundConfig,
    readonly nodes: number,
    buckets: number,
  ) {
    this.reads = Array.from({ length: nodes }, () => []);
    this.allowance = new Int32Array(nodes).fill(cfg.maxSlices);
    this.left = new Int32Array(nodes).fill(cfg.maxSlices);
    this.p99 = new Float64Array(buckets).fill(NaN);
    this.slices = new Float64Array(buckets).fill(NaN);
  }

  /** A foreground disk read at `node` took `ms`, waiting included. */
  observe(node: number, ms: number): void {
    this.reads[node]!.push(ms);
  }

  /** Whether a background task at `node` may take a slice now (always, without admission control). */
  mayTake(node: number): boolean {
    return !this.cfg.admission || this.left[node]! > 0;
  }

  take(node: number): void {
    if (this.cfg.admission) this.left[node]!--;
  }

  /** The window ends (in metric bucket `bucket`): each node's percentile against the target decides its next allowance. */
  endWindow(bucket: number): void {
    const { targetMs, maxSlices } = this.cfg;
    const step = Math.max(1, Math.round(maxSlices / 10));
    let worst = NaN;
    let total = 0;
    for (let node = 0; node < this.nodes; node++) {
      const p = percentile(this.reads[node]!, WATCHED);
      this.reads[node]!.length = 0;
      if (!Number.isNaN(p) && !(p <= worst)) worst = p;
      const a = this.allowance[node]!;
      this.allowance[node] = p > targetMs ? Math.max(1, Math.floor(a / 2)) : Math.min(maxSlices, a + step);
      this.left[node] = this.allowance[node]!;
      total += this.allowance[node]!;
    }
    if (!Number.isNaN(worst)) this.p99[bucket] = Number.isNaN(this.p99[bucket]!) ? worst : Math.max(this.p99[bucket]!, worst);
    this.slices[bucket] = total / this.nodes;
  }
}

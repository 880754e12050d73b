import type { ServiceConfig } from '../config.ts';
import { sample } from '../sim/latency.ts';
import type { Random } from '../sim/random.ts';

/**
 * A node's capacity (SOSP'07 §6): one server per node and a first-come-first-served queue in
 * front of it. Service is never pre-empted, so a job's start and end are known the moment it
 * arrives (Lindley's recursion: start = max(arrival, the end of the job before)); the queue is
 * then nothing but the time its node becomes free.
 *
 * Measured per node and time bucket: busy time (its share of the bucket is the utilisation ρ)
 * and the time integral of the number of jobs at the node, waiting or in service (its mean over
 * time is L, Little's law's number in the system).
 */
export class NodeService {
  /** When each node finishes the jobs it has accepted. */
  private readonly freeAt: Float64Array;
  /** When each node last crashed (its queue is lost then). */
  private readonly downAt: Float64Array;
  /** [node][bucket] busy milliseconds. */
  readonly busyMs: Float64Array;
  /** [node][bucket] ∫ jobs at the node dt, in job·ms. */
  readonly jobArea: Float64Array;
  /** [node] jobs served, and the longest wait before service. */
  readonly jobs: Uint32Array;
  readonly maxWaitMs: Float64Array;

  constructor(
    readonly cfg: ServiceConfig,
    readonly nodes: number,
    readonly buckets: number,
    readonly bucketMs: number,
    private readonly rng: Random,
  ) {
    this.freeAt = new Float64Array(nodes);
    this.downAt = new Float64Array(nodes).fill(-Infinity);
    this.busyMs = new Float64Array(nodes * buckets);
    this.jobArea = new Float64Array(nodes * buckets);
    this.jobs = new Uint32Array(nodes);
    this.maxWaitMs = new Float64Array(nodes);
  }

  /** One draw of the storage engine's service time at a node of the given capacity. */
  diskTime(capacity: number): number {
    return sample(this.cfg.time, this.rng) / capacity;
  }

  /** A job of `duration` ms arrives at `node` at time `now`: when does it start? (It ends `duration` later.) */
  admit(node: number, now: number, duration: number): number {
    const start = Math.max(now, this.freeAt[node]!);
    this.freeAt[node] = start + duration;
    return start;
  }

  /**
   * A job finished (or its node crashed first): its time at the node and in service go into
   * the buckets, cut at the crash if the node went down meanwhile.
   */
  record(node: number, arrived: number, start: number, end: number): void {
    const cut = this.downAt[node]! > arrived ? Math.min(end, this.downAt[node]!) : end;
    this.addInterval(this.jobArea, node, arrived, cut);
    this.addInterval(this.busyMs, node, Math.min(start, cut), cut);
    if (cut === end) {
      this.jobs[node]!++;
      this.maxWaitMs[node] = Math.max(this.maxWaitMs[node]!, start - arrived);
    }
  }

  /** The node crashed: the jobs it held are gone, and it restarts with an empty queue. */
  crash(node: number, now: number): void {
    this.downAt[node] = now;
    this.freeAt[node] = now;
  }

  private addInterval(into: Float64Array, node: number, from: number, to: number): void {
    if (!(to > from)) return;
    const last = this.buckets - 1;
    const first = Math.min(last, Math.floor(from / this.bucketMs));
    const end = Math.min(last, Math.floor(to / this.bucketMs));
    for (let b = first; b <= end; b++) {
      const lo = b === first ? from : b * this.bucketMs;
      const hi = b === end ? to : (b + 1) * this.bucketMs;
      into[node * this.buckets + b]! += Math.max(0, hi - lo);
    }
  }
}

import type { State } from '../../lvars/lattice/lattice.ts';

/**
 * One threshold read: an LVar `get` on replicated state (LVish's threshold read, WoDet'14). The
 * client reads (R replies merged by join) until the merged state passes the threshold, polling
 * every `pollMs`, and gives up after `timeoutMs`. Its answer is the threshold, not the state, so it
 * is the same whichever replicas answered: only its latency depends on the schedule.
 */
export interface ThresholdWait {
  readonly key: number;
  readonly client: number;
  readonly started: number;
  /** The client's lane (replication/clientLanes.ts), held until the wait ends. */
  readonly lane: number;
  /** Passed when this element is at or below the merged state (generated waits), */
  readonly element: State | null;
  /** or, for a scripted `wait`, when the lattice's own threshold on `item` holds. */
  readonly item: number;
  polls: number;
}

export interface ThresholdStats {
  issued: number;
  passed: number;
  timedOut: number;
  /** Reads sent in all (a threshold read sends one per poll). */
  polls: number;
  /** From the first read to the one whose merged state passed, over passed waits. */
  latencyMs: { mean: number; p50: number; p99: number; max: number };
}

/** The threshold reads of a run: those in flight, and what became of the rest. */
export class ThresholdReads {
  private readonly active = new Map<number, ThresholdWait>();
  private nextId = 0;
  private issued = 0;
  private timedOut = 0;
  private polls = 0;
  private readonly latencies: number[] = [];
  /** Per key, the state its latest acknowledged write replicated: what a generated wait waits for. */
  private readonly latest = new Map<number, State>();

  acked(key: number, element: State | null): void {
    if (element !== null) this.latest.set(key, element);
  }

  latestAcked(key: number): State | undefined {
    return this.latest.get(key);
  }

  start(w: ThresholdWait): number {
    this.issued++;
    this.active.set(this.nextId, w);
    return this.nextId++;
  }

  get(id: number): ThresholdWait | undefined {
    return this.active.get(id);
  }

  polled(): void {
    this.polls++;
  }

  /** The wait is over: passed at `now`, or timed out. */
  end(id: number, passed: boolean, now: number): void {
    const w = this.active.get(id);
    if (!w) return;
    this.active.delete(id);
    if (passed) this.latencies.push(now - w.started);
    else this.timedOut++;
  }

  stats(): ThresholdStats {
    const sorted = Float64Array.from(this.latencies).sort();
    const at = (q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
    const mean = sorted.length === 0 ? NaN : sorted.reduce((s, x) => s + x, 0) / sorted.length;
    return {
      issued: this.issued,
      passed: this.latencies.length,
      timedOut: this.timedOut,
      polls: this.polls,
      latencyMs: { mean, p50: at(0.5), p99: at(0.99), max: sorted.length === 0 ? NaN : sorted[sorted.length - 1]! },
    };
  }
}

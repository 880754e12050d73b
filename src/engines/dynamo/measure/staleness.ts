import { covers, type Siblings } from '../versioning/versions.ts';
import { EMPTY_CLOCK, type VectorClock } from '../versioning/vectorClock.ts';

/** n choose k, exact for the small n of quorum systems. */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return Math.round(out);
}

/**
 * PBS (Bailis et al., VLDB 2012, §3): when a write has reached only its W replicas and a read
 * asks R replicas chosen uniformly at random, the read misses the write with probability
 * C(N−W, R) / C(N, R). It is 0 exactly when R + W > N (a strict quorum system).
 */
export function missProbability(n: number, r: number, w: number): number {
  return binomial(n - w, r) / binomial(n, r);
}

/**
 * k-staleness (PBS §3.2): the read returns none of the last k committed versions only if it
 * misses all k independent write quorums, so P(within k versions) = 1 − p^k.
 */
export function withinKProbability(n: number, r: number, w: number, k: number): number {
  return 1 - Math.pow(missProbability(n, r, w), k);
}

/** How far back the commit log looks; reads older than this are "at least DEPTH versions stale". */
export const COMMIT_DEPTH = 6;

/**
 * The omniscient observer's record of committed writes (a write commits when its coordinator
 * has W acknowledgements), per key, in commit order: what staleness is measured against.
 *
 * Struct of arrays, indexed by key (no object or map entry per key): the key's last COMMIT_DEPTH
 * commits sit in a ring of slots key × COMMIT_DEPTH … key × COMMIT_DEPTH + COMMIT_DEPTH − 1,
 * commit i (1-based) in slot (i − 1) mod COMMIT_DEPTH.
 */
export class CommitLog {
  /** Commits per key. */
  private readonly counts: Int32Array;
  private readonly times: Float64Array;
  private readonly clocks: VectorClock[];

  constructor(keys: number) {
    this.counts = new Int32Array(keys);
    this.times = new Float64Array(keys * COMMIT_DEPTH);
    this.clocks = new Array<VectorClock>(keys * COMMIT_DEPTH).fill(EMPTY_CLOCK);
  }

  commit(key: number, clock: VectorClock, time: number): number {
    const count = this.counts[key]!;
    const slot = key * COMMIT_DEPTH + (count % COMMIT_DEPTH);
    this.times[slot] = time;
    this.clocks[slot] = clock;
    return (this.counts[key] = count + 1);
  }

  /** Number of committed writes of the key so far (the index of the latest). */
  latest(key: number): number {
    return this.counts[key]!;
  }

  /** Commit time of the key's index-th write (1-based), if still in the log. */
  timeOf(key: number, index: number): number {
    const count = this.counts[key]!;
    if (index < 1 || index <= count - COMMIT_DEPTH || index > count) return NaN;
    return this.times[key * COMMIT_DEPTH + ((index - 1) % COMMIT_DEPTH)]!;
  }

  /**
   * How many committed versions behind a read is: 0 when what it returned reflects the latest
   * write committed before it started (index `latestAtStart`), k when it reflects only the
   * k-th latest, COMMIT_DEPTH when it reflects none of the last COMMIT_DEPTH.
   */
  age(key: number, latestAtStart: number, returned: Siblings): number {
    const count = this.counts[key]!;
    if (count === 0 || latestAtStart === 0) return 0;
    const oldest = Math.max(1, count - COMMIT_DEPTH + 1);
    const base = key * COMMIT_DEPTH;
    for (let i = count; i >= oldest; i--) {
      if (covers(returned, this.clocks[base + ((i - 1) % COMMIT_DEPTH)]!)) return Math.max(0, latestAtStart - i);
    }
    return Math.min(COMMIT_DEPTH, latestAtStart - (oldest - 1));
  }
}

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

interface KeyLog {
  count: number;
  times: number[];
  clocks: VectorClock[];
}

/**
 * The omniscient observer's record of committed writes (a write commits when its coordinator
 * has W acknowledgements), per key, in commit order: what staleness is measured against.
 */
export class CommitLog {
  /** Per key, by index (no map lookup on the path of every read and write), once it is written. */
  private readonly logs: (KeyLog | undefined)[];
  /** Commits per key, so that the question every read asks first costs no map lookup. */
  private readonly counts: Int32Array;

  constructor(keys: number) {
    this.counts = new Int32Array(keys);
    this.logs = new Array<KeyLog | undefined>(keys).fill(undefined);
  }

  commit(key: number, clock: VectorClock, time: number): number {
    let log = this.logs[key];
    // At their exact size (an array grown by assignment keeps room for 17): one log per key written.
    if (!log) this.logs[key] = log = { count: 0, times: new Array<number>(COMMIT_DEPTH).fill(0), clocks: new Array<VectorClock>(COMMIT_DEPTH).fill(EMPTY_CLOCK) };
    const slot = log.count % COMMIT_DEPTH;
    log.times[slot] = time;
    log.clocks[slot] = clock;
    this.counts[key] = ++log.count;
    return log.count;
  }

  /** Number of committed writes of the key so far (the index of the latest). */
  latest(key: number): number {
    return this.counts[key]!;
  }

  /** Commit time of the key's index-th write (1-based), if still in the log. */
  timeOf(key: number, index: number): number {
    const log = this.logs[key];
    if (!log || index < 1 || index <= log.count - COMMIT_DEPTH || index > log.count) return NaN;
    return log.times[(index - 1) % COMMIT_DEPTH]!;
  }

  /**
   * How many committed versions behind a read is: 0 when what it returned reflects the latest
   * write committed before it started (index `latestAtStart`), k when it reflects only the
   * k-th latest, COMMIT_DEPTH when it reflects none of the last COMMIT_DEPTH.
   */
  age(key: number, latestAtStart: number, returned: Siblings): number {
    const log = this.logs[key];
    if (!log || latestAtStart === 0) return 0;
    const oldest = Math.max(1, log.count - COMMIT_DEPTH + 1);
    for (let i = log.count; i >= oldest; i--) {
      if (covers(returned, log.clocks[(i - 1) % COMMIT_DEPTH]!)) return Math.max(0, latestAtStart - i);
    }
    return Math.min(COMMIT_DEPTH, latestAtStart - (oldest - 1));
  }
}

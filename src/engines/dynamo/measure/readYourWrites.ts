import { descends, type VectorClock } from '../versioning/vectorClock.ts';
import type { Siblings } from '../versioning/versions.ts';

export interface ReadYourWritesStats {
  /** Successful reads by a client of a key it had written (an acknowledged write). */
  reads: number;
  /** Of those, the reads that returned that write or a version descending from it. */
  sawOwnWrite: number;
  share: number;
}

/**
 * Read-your-writes (SOSP'07 §6.4): a successful read by a client of a key it wrote sees its
 * latest acknowledged write of the key when one of the versions returned descends from that
 * write's clock. The clock is the one the client keeps as its context for the key (ClientState
 * `context`), so the measure keeps nothing per client and key of its own.
 */
export class ReadYourWrites {
  private reads = 0;
  private saw = 0;

  /** A successful read; `own` is the clock of the client's latest acknowledged write of the key, if any. */
  read(own: VectorClock | undefined, versions: Siblings): void {
    if (!own) return;
    this.reads++;
    if (versions.some((v) => descends(v.clock, own))) this.saw++;
  }

  stats(): ReadYourWritesStats {
    return { reads: this.reads, sawOwnWrite: this.saw, share: this.reads === 0 ? NaN : this.saw / this.reads };
  }
}

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
 * Read-your-writes (SOSP'07 §6.4): per client and key, the clock of the client's latest
 * acknowledged write; a later successful read by the same client sees it when one of the
 * versions returned descends from that clock.
 */
export class ReadYourWrites {
  private readonly written: Map<number, VectorClock>[];
  private reads = 0;
  private saw = 0;

  constructor(clients: number) {
    this.written = Array.from({ length: clients }, () => new Map());
  }

  wrote(client: number, key: number, clock: VectorClock): void {
    this.written[client]!.set(key, clock);
  }

  read(client: number, key: number, versions: Siblings): void {
    const own = this.written[client]!.get(key);
    if (!own) return;
    this.reads++;
    if (versions.some((v) => descends(v.clock, own))) this.saw++;
  }

  stats(): ReadYourWritesStats {
    return { reads: this.reads, sawOwnWrite: this.saw, share: this.reads === 0 ? NaN : this.saw / this.reads };
  }
}

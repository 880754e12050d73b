import type { VectorClock } from '../versioning/vectorClock.ts';
import { DECREMENT } from './lostUpdates.ts';

/** Acknowledged writes the audits examine one by one: all of them up to this many, an evenly spaced sample past it. */
export const AUDITED_WRITES = 65_536;

/**
 * The observer's record of acknowledged writes, for the end-of-run audits (audit.ts,
 * lostUpdates.ts), in memory independent of the run's length. Counts are exact. The writes
 * themselves (key, clock, version id, item) are kept while there are at most AUDITED_WRITES;
 * when the record fills, every other kept write is let go and from then on only every
 * `stride`-th write is kept (stride doubles each time): a systematic sample, deterministic, in
 * which the i-th kept write is acknowledged write i × stride.
 */
export class AckedWrites {
  /** Acknowledged writes in all. */
  count = 0;
  /** Kept writes i = 0 … length − 1. */
  length = 0;
  /** Every stride-th acknowledged write is kept. */
  stride = 1;
  readonly keys = new Int32Array(AUDITED_WRITES);
  readonly ids = new Int32Array(AUDITED_WRITES);
  /** What the lost-update audit records of the write (coordinator.ts `ackedItem`). */
  readonly items = new Int32Array(AUDITED_WRITES);
  readonly clocks: VectorClock[] = [];
  /** The last acknowledged write of each (key, item): true for an add, false for a removal (carts). */
  readonly lastOfItem = new Map<number, Map<number, boolean>>();
  /** Acknowledged increments less decrements (counters). */
  net = 0;
  /** 1 for each key with an acknowledged write. */
  readonly written: Uint8Array;

  constructor(keys: number) {
    this.written = new Uint8Array(keys);
  }

  add(key: number, clock: VectorClock, id: number, item: number): void {
    this.net += item === DECREMENT ? -1 : 1;
    this.written[key] = 1;
    if (item !== -1) {
      let items = this.lastOfItem.get(key);
      if (!items) this.lastOfItem.set(key, (items = new Map()));
      if (item >= 0) items.set(item, true);
      else items.set(-2 - item, false);
    }
    if (this.count++ % this.stride !== 0) return;
    if (this.length === AUDITED_WRITES) this.halve();
    if ((this.count - 1) % this.stride !== 0) return;
    const i = this.length++;
    this.keys[i] = key;
    this.ids[i] = id;
    this.items[i] = item;
    this.clocks[i] = clock;
  }

  /** Keeps the even-numbered half of the kept writes and doubles the stride. */
  private halve(): void {
    const half = this.length >> 1;
    for (let i = 0; i < half; i++) {
      this.keys[i] = this.keys[2 * i]!;
      this.ids[i] = this.ids[2 * i]!;
      this.items[i] = this.items[2 * i]!;
      this.clocks[i] = this.clocks[2 * i]!;
    }
    this.clocks.length = half;
    this.length = half;
    this.stride *= 2;
  }
}

import { tableSlot as home } from '../ring/hash.ts';

/** A slot of the index that holds no entry. */
const EMPTY = 0;
/** The key of a deleted entry (keys are workload keys: 0 … keys − 1). */
const DELETED = -1;

/**
 * A map from keys to values with the semantics of a JavaScript Map (iteration in insertion order;
 * a key set again keeps its place, a key deleted and set again goes last), for the per-key state
 * every node keeps: its versions and its clock counters. Entries sit in insertion order in a
 * typed array of keys beside an array of values, found through an open-addressing index (linear
 * probing) whose slots hold the key beside its entry number, so a probe reads one place: about
 * 28 bytes an entry where a Map takes about 36, and no hashing of a boxed key. Results depend on the order anti-entropy and rebalancing walk a node's keys, so
 * the order is kept exactly.
 */
export class KeyTable<V> {
  /** Per slot s: the key at 2s (DELETED once deleted), and the entry number + 1 at 2s + 1, or EMPTY. */
  private index = new Int32Array(32);
  private keys = new Int32Array(8);
  private values: (V | undefined)[] = new Array<V | undefined>(8);
  /** Entries used, deleted ones included. */
  private used = 0;
  size = 0;

  get(key: number): V | undefined {
    const e = this.find(key);
    return e < 0 ? undefined : this.values[e];
  }

  has(key: number): boolean {
    return this.find(key) >= 0;
  }

  set(key: number, value: V): void {
    // The entry first: making it may replace `values`.
    const e = this.entry(key);
    this.values[e] = value;
  }

  /**
   * For a table of counters: the key's next counter, one more than the larger of its counter (0
   * when absent) and `floor`, kept as its counter. One probe where a get and a set take two.
   */
  next(this: KeyTable<number>, key: number, floor: number): number {
    const e = this.entry(key);
    const counter = Math.max(this.values[e] ?? 0, floor) + 1;
    this.values[e] = counter;
    return counter;
  }

  delete(key: number): boolean {
    const s = this.slotOf(key);
    if (s < 0) return false;
    const e = this.index[2 * s + 1]! - 1;
    // The slot stays in use (its probe chain must not break) until the next rebuild.
    this.index[2 * s] = DELETED;
    this.keys[e] = DELETED;
    this.values[e] = undefined;
    this.size--;
    return true;
  }

  /** Visits the entries in insertion order; the table must not change meanwhile. */
  forEach(visit: (value: V, key: number) => void): void {
    for (let e = 0; e < this.used; e++) if (this.keys[e] !== DELETED) visit(this.values[e]!, this.keys[e]!);
  }

  *[Symbol.iterator](): IterableIterator<[number, V]> {
    for (let e = 0; e < this.used; e++) if (this.keys[e] !== DELETED) yield [this.keys[e]!, this.values[e]!];
  }

  /** The key's entry number; a new entry (holding undefined) when the key is absent. */
  private entry(key: number): number {
    const index = this.index;
    const mask = (index.length >> 1) - 1;
    let s = home(key, mask);
    for (let at = index[2 * s + 1]!; at !== EMPTY; s = (s + 1) & mask, at = index[2 * s + 1]!) {
      if (index[2 * s] === key) return at - 1;
    }
    if (this.used === this.keys.length) {
      this.rebuild();
      return this.entry(key);
    }
    const e = this.used++;
    this.keys[e] = key;
    this.values[e] = undefined;
    index[2 * s] = key;
    index[2 * s + 1] = e + 1;
    this.size++;
    return e;
  }

  /** The key's entry number, or -1. */
  private find(key: number): number {
    const s = this.slotOf(key);
    return s < 0 ? -1 : this.index[2 * s + 1]! - 1;
  }

  /** The key's index slot, or -1. */
  private slotOf(key: number): number {
    const index = this.index;
    const mask = (index.length >> 1) - 1;
    for (let s = home(key, mask); ; s = (s + 1) & mask) {
      if (index[2 * s + 1] === EMPTY) return -1;
      if (index[2 * s] === key) return s;
    }
  }

  /** The entries are full: drops the deleted ones, in order, and doubles the room unless that freed half. */
  private rebuild(): void {
    const capacity = this.size * 2 > this.keys.length ? this.keys.length * 2 : this.keys.length;
    const keys = new Int32Array(capacity);
    const values = new Array<V | undefined>(capacity);
    let n = 0;
    for (let e = 0; e < this.used; e++) {
      if (this.keys[e] === DELETED) continue;
      keys[n] = this.keys[e]!;
      values[n++] = this.values[e];
    }
    this.keys = keys;
    this.values = values;
    this.used = n;
    // The index keeps at most half its slots in use, so probes stay short.
    const index = (this.index = new Int32Array(4 * capacity));
    const mask = 2 * capacity - 1;
    for (let e = 0; e < n; e++) {
      let s = home(keys[e]!, mask);
      while (index[2 * s + 1] !== EMPTY) s = (s + 1) & mask;
      index[2 * s] = keys[e]!;
      index[2 * s + 1] = e + 1;
    }
  }
}

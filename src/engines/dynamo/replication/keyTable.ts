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
 * probing) of entry numbers: about 20 bytes an entry where a Map takes about 36, and no hashing
 * of a boxed key. Results depend on the order anti-entropy and rebalancing walk a node's keys, so
 * the order is kept exactly.
 */
export class KeyTable<V> {
  /** Entry number + 1 per slot, or EMPTY. */
  private index = new Int32Array(16);
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
    const mask = this.index.length - 1;
    let s = home(key, mask);
    for (let at = this.index[s]!; at !== EMPTY; s = (s + 1) & mask, at = this.index[s]!) {
      if (this.keys[at - 1] === key) {
        this.values[at - 1] = value;
        return;
      }
    }
    if (this.used === this.keys.length) {
      this.rebuild();
      return this.set(key, value);
    }
    const e = this.used++;
    this.keys[e] = key;
    this.values[e] = value;
    this.index[s] = e + 1;
    this.size++;
  }

  delete(key: number): boolean {
    const e = this.find(key);
    if (e < 0) return false;
    // The entry stays in the index (its probe chain must not break) until the next rebuild.
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

  private find(key: number): number {
    const mask = this.index.length - 1;
    for (let s = home(key, mask); ; s = (s + 1) & mask) {
      const at = this.index[s]!;
      if (at === EMPTY) return -1;
      if (this.keys[at - 1] === key) return at - 1;
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
    this.index = new Int32Array(2 * capacity);
    const mask = this.index.length - 1;
    for (let e = 0; e < n; e++) {
      let s = home(keys[e]!, mask);
      while (this.index[s] !== EMPTY) s = (s + 1) & mask;
      this.index[s] = e + 1;
    }
  }
}

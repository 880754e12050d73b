import { tableSlot as home } from '../ring/hash.ts';
import type { OpCode } from './workload.ts';

const EMPTY = -1;

/**
 * Operations waiting in their lanes (operations.ts `park`), found by their index in the run: an
 * open-addressing table (linear probing, deletion by shifting back) whose fields are typed
 * arrays, so a backlog costs about 40 bytes a waiting operation and no object. A hot key's writer
 * that falls behind for a whole long run parks a share of every write it is sent.
 */
export class ParkedOperations {
  private index = new Int32Array(64).fill(EMPTY);
  private keys = new Int32Array(64);
  private clients = new Int32Array(64);
  private ops = new Uint8Array(64);
  private items = new Int32Array(64);
  private picks = new Float32Array(64);
  size = 0;

  /** Parks operation i with its fields. */
  add(i: number, key: number, client: number, op: OpCode, item: number, pick: number): void {
    if (2 * (this.size + 1) > this.index.length) this.grow();
    const s = this.free(i);
    this.index[s] = i;
    this.keys[s] = key;
    this.clients[s] = client;
    this.ops[s] = op;
    this.items[s] = item;
    this.picks[s] = pick;
    this.size++;
  }

  /** The slot of operation i, or −1 when it is not parked. */
  slot(i: number): number {
    const mask = this.index.length - 1;
    for (let s = home(i, mask); ; s = (s + 1) & mask) {
      const at = this.index[s]!;
      if (at === i) return s;
      if (at === EMPTY) return -1;
    }
  }

  key(s: number): number {
    return this.keys[s]!;
  }

  client(s: number): number {
    return this.clients[s]!;
  }

  op(s: number): OpCode {
    return this.ops[s]! as OpCode;
  }

  item(s: number): number {
    return this.items[s]!;
  }

  pick(s: number): number {
    return this.picks[s]!;
  }

  /** Unparks operation i; false when it was not parked. */
  delete(i: number): boolean {
    let s = this.slot(i);
    if (s < 0) return false;
    this.size--;
    // Shift back the entries after it whose probe passed through its slot, so no search stops early.
    const mask = this.index.length - 1;
    for (let next = (s + 1) & mask; this.index[next] !== EMPTY; next = (next + 1) & mask) {
      const h = home(this.index[next]!, mask);
      if (((next - h) & mask) >= ((next - s) & mask)) {
        this.move(next, s);
        s = next;
      }
    }
    this.index[s] = EMPTY;
    return true;
  }

  private free(i: number): number {
    const mask = this.index.length - 1;
    let s = home(i, mask);
    while (this.index[s] !== EMPTY) s = (s + 1) & mask;
    return s;
  }

  private move(from: number, to: number): void {
    this.index[to] = this.index[from]!;
    this.keys[to] = this.keys[from]!;
    this.clients[to] = this.clients[from]!;
    this.ops[to] = this.ops[from]!;
    this.items[to] = this.items[from]!;
    this.picks[to] = this.picks[from]!;
  }

  private grow(): void {
    const old = { index: this.index, keys: this.keys, clients: this.clients, ops: this.ops, items: this.items, picks: this.picks };
    const n = old.index.length * 2;
    this.index = new Int32Array(n).fill(EMPTY);
    this.keys = new Int32Array(n);
    this.clients = new Int32Array(n);
    this.ops = new Uint8Array(n);
    this.items = new Int32Array(n);
    this.picks = new Float32Array(n);
    for (let s = 0; s < old.index.length; s++) {
      const i = old.index[s]!;
      if (i === EMPTY) continue;
      const t = this.free(i);
      this.index[t] = i;
      this.keys[t] = old.keys[s]!;
      this.clients[t] = old.clients[s]!;
      this.ops[t] = old.ops[s]!;
      this.items[t] = old.items[s]!;
      this.picks[t] = old.picks[s]!;
    }
  }
}

/**
 * The simulation's agenda: a binary min-heap of events ordered by (time, sequence number). The
 * sequence number is the order events were scheduled in, so simultaneous events always run in
 * the same order: the tie-break that makes the simulation deterministic.
 *
 * Events live in slots of parallel typed arrays (no object per event on the hot path); a slot
 * holds a kind, two integer arguments and an optional payload object.
 */
export class EventQueue {
  private time: Float64Array;
  private seq: Float64Array;
  private kinds: Uint8Array;
  private argA: Int32Array;
  private argB: Int32Array;
  private payloads: unknown[];
  private heap: Int32Array;
  private free: Int32Array;
  private freeCount: number;
  private count = 0;
  private nextSeq = 0;

  /** Read after `pop`: the event just taken. */
  now = 0;
  kind = 0;
  a = 0;
  b = 0;
  payload: unknown = null;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.argA = new Int32Array(capacity);
    this.argB = new Int32Array(capacity);
    this.payloads = new Array<unknown>(capacity).fill(null);
    this.heap = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Schedules an event; events at equal times run in the order they were pushed. Small enough to
   * be inlined where it is called, so the time is stored unboxed; the heap's work is `siftUp`.
   */
  push(time: number, kind: number, a: number, b: number, payload: unknown): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount]!;
    this.time[slot] = time;
    this.seq[slot] = this.nextSeq++;
    this.kinds[slot] = kind;
    this.argA[slot] = a;
    this.argB[slot] = b;
    this.payloads[slot] = payload;
    this.siftUp(slot);
  }

  private siftUp(slot: number): void {
    const heap = this.heap;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.less(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Takes the earliest event into `now`, `kind`, `a`, `b`, `payload`; false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const heap = this.heap;
    const top = heap[0]!;
    this.now = this.time[top]!;
    this.kind = this.kinds[top]!;
    this.a = this.argA[top]!;
    this.b = this.argB[top]!;
    this.payload = this.payloads[top];
    this.payloads[top] = null;
    this.free[this.freeCount++] = top;
    const last = heap[--this.count]!;
    if (this.count > 0) {
      // Sift down.
      let i = 0;
      const n = this.count;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let child = heap[l]!;
        let c = l;
        if (r < n && this.less(heap[r]!, child)) {
          child = heap[r]!;
          c = r;
        }
        if (!this.less(child, last)) break;
        heap[i] = child;
        i = c;
      }
      heap[i] = last;
    }
    return true;
  }

  /** The time of the earliest event, or Infinity. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.time[this.heap[0]!]!;
  }

  private less(x: number, y: number): boolean {
    const tx = this.time[x]!;
    const ty = this.time[y]!;
    return tx < ty || (tx === ty && this.seq[x]! < this.seq[y]!);
  }

  private grow(): void {
    const old = this.time.length;
    const size = old * 2;
    const widen = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.time = widen(this.time, (n) => new Float64Array(n));
    this.seq = widen(this.seq, (n) => new Float64Array(n));
    this.kinds = widen(this.kinds, (n) => new Uint8Array(n));
    this.argA = widen(this.argA, (n) => new Int32Array(n));
    this.argB = widen(this.argB, (n) => new Int32Array(n));
    this.heap = widen(this.heap, (n) => new Int32Array(n));
    this.payloads.length = size;
    this.payloads.fill(null, old);
    this.free = new Int32Array(size);
    for (let i = 0; i < old; i++) this.free[i] = size - 1 - i;
    this.freeCount = old;
  }
}

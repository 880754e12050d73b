/**
 * VSIDS's variable order (Moskewicz et al., Chaff, DAC'01) in MiniSat's exponential form (EVSIDS):
 * every variable in a conflict is bumped by an increment that grows by 1/decay after each
 * conflict, so recent conflicts weigh more; a binary max-heap on activity picks the next decision.
 */
export class VarOrder {
  readonly activity: Float64Array;
  private readonly heap: Int32Array;
  private readonly index: Int32Array;
  private size = 0;
  private inc = 1;

  constructor(
    n: number,
    private readonly decay = 0.95,
  ) {
    this.activity = new Float64Array(n);
    this.heap = new Int32Array(n);
    this.index = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) this.insert(v);
  }

  contains(v: number): boolean {
    return this.index[v]! >= 0;
  }
  empty(): boolean {
    return this.size === 0;
  }

  insert(v: number): void {
    if (this.index[v]! >= 0) return;
    this.heap[this.size] = v;
    this.index[v] = this.size;
    siftUp(this.heap, this.index, this.activity, this.size++);
  }

  /** Removes and returns the most active variable. */
  pop(): number {
    const top = this.heap[0]!;
    const last = this.heap[--this.size]!;
    this.index[top] = -1;
    if (this.size > 0) {
      this.heap[0] = last;
      this.index[last] = 0;
      siftDown(this.heap, this.index, this.activity, this.size, 0);
    }
    return top;
  }

  bump(v: number): void {
    const a = (this.activity[v]! += this.inc);
    if (a > 1e100) {
      for (let i = 0; i < this.activity.length; i++) this.activity[i]! *= 1e-100;
      this.inc *= 1e-100;
    }
    const i = this.index[v]!;
    if (i >= 0) siftUp(this.heap, this.index, this.activity, i);
  }

  /** After each conflict: later bumps count more (the "exponential" in EVSIDS). */
  decayAll(): void {
    this.inc /= this.decay;
  }
}

/** Whether variable a goes before b: more active, ties to the lower index. */
function before(activity: Float64Array, a: number, b: number): boolean {
  const x = activity[a]!;
  const y = activity[b]!;
  return x > y || (x === y && a < b);
}

/*
 * The sifts are module functions over the heap's typed arrays rather than methods, so their
 * optimised code reads no object whose map could die between solvers (see propagate.ts).
 */

function siftUp(heap: Int32Array, index: Int32Array, activity: Float64Array, i: number): void {
  const v = heap[i]!;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(activity, v, heap[p]!)) break;
    heap[i] = heap[p]!;
    index[heap[i]!] = i;
    i = p;
  }
  heap[i] = v;
  index[v] = i;
}

function siftDown(heap: Int32Array, index: Int32Array, activity: Float64Array, size: number, i: number): void {
  const v = heap[i]!;
  for (;;) {
    let c = 2 * i + 1;
    if (c >= size) break;
    if (c + 1 < size && before(activity, heap[c + 1]!, heap[c]!)) c++;
    if (!before(activity, heap[c]!, v)) break;
    heap[i] = heap[c]!;
    index[heap[i]!] = i;
    i = c;
  }
  heap[i] = v;
  index[v] = i;
}

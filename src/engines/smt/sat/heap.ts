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
    this.up(this.size++);
  }

  /** Removes and returns the most active variable. */
  pop(): number {
    const top = this.heap[0]!;
    const last = this.heap[--this.size]!;
    this.index[top] = -1;
    if (this.size > 0) {
      this.heap[0] = last;
      this.index[last] = 0;
      this.down(0);
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
    if (i >= 0) this.up(i);
  }

  /** After each conflict: later bumps count more (the "exponential" in EVSIDS). */
  decayAll(): void {
    this.inc /= this.decay;
  }

  private before(a: number, b: number): boolean {
    const x = this.activity[a]!;
    const y = this.activity[b]!;
    return x > y || (x === y && a < b);
  }

  private up(i: number): void {
    const h = this.heap;
    const v = h[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(v, h[p]!)) break;
      h[i] = h[p]!;
      this.index[h[i]!] = i;
      i = p;
    }
    h[i] = v;
    this.index[v] = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const v = h[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.before(h[c + 1]!, h[c]!)) c++;
      if (!this.before(h[c]!, v)) break;
      h[i] = h[c]!;
      this.index[h[i]!] = i;
      i = c;
    }
    h[i] = v;
    this.index[v] = i;
  }
}

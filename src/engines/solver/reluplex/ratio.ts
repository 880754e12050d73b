/** Where the entering variable stops: its step, and the row (−1: none, the variable meets its own bound) and bound the basic variable of that row lands on. */
export interface Step {
  theta: number;
  leaving: number;
  target: number;
}

/**
 * The long-step ("bound-flipping") ratio test of phase 1 (Wolfe 1965; Maros, Computational
 * Techniques of the Simplex Method, §9.6). The total bound violation is piecewise linear in the
 * entering variable's step t: it falls at rate |d| at first, and each time a basic variable meets a
 * bound the rate rises by |α| (an infeasible variable becomes feasible, or a feasible one starts to
 * break its other bound). The textbook test stops at the first such breakpoint; this one walks
 * past them while the violation still falls, and stops where its slope turns: one pivot may then
 * make many basic variables feasible at once. The breakpoints come off a heap in order, so the step is exact
 * and costs little more than the textbook test when it ends early.
 */
export class LongStepRatioTest {
  private readonly t: Float64Array;
  private readonly row: Int32Array;
  private readonly bound: Float64Array;
  private readonly rate: Float64Array;
  private readonly heap: Int32Array;
  private count = 0;

  constructor(m: number) {
    // Each row has at most two breakpoints (its lower and its upper bound).
    this.t = new Float64Array(2 * m);
    this.row = new Int32Array(2 * m);
    this.bound = new Float64Array(2 * m);
    this.rate = new Float64Array(2 * m);
    this.heap = new Int32Array(2 * m);
  }

  /**
   * column[r]·dir: how fast row r's basic variable moves with the step; sign[r]: −1 below its lower
   * bound, 1 above its upper bound; slope: the violation's initial rate (negative); cap: how far the
   * entering variable may move within its own bounds; tiny: entries at most this are no pivots.
   */
  choose(column: Float64Array, dir: number, basicOf: Int32Array, value: Float64Array, lo: Float64Array, hi: Float64Array, sign: Float64Array, slope: number, cap: number, tiny: number): Step {
    this.count = 0;
    for (let r = 0; r < sign.length; r++) {
      const a = column[r]! * dir;
      if (Math.abs(a) <= tiny) continue;
      const x = basicOf[r]!;
      const v = value[x]!;
      const s = sign[r]!;
      // Rising: it meets lo (if below it), then hi; falling: hi (if above it), then lo.
      if (a > 0 && s <= 0) {
        if (s < 0) this.add(r, lo[x]!, a, v);
        this.add(r, hi[x]!, a, v);
      } else if (a < 0 && s >= 0) {
        if (s > 0) this.add(r, hi[x]!, a, v);
        this.add(r, lo[x]!, a, v);
      }
    }
    // The breakpoints in order of t (a binary heap: the walk usually ends after a few).
    const { heap } = this;
    for (let i = 0; i < this.count; i++) heap[i] = i;
    for (let i = (this.count >> 1) - 1; i >= 0; i--) this.sift(i, this.count);
    let rate = slope;
    let size = this.count;
    let last = -1;
    while (size > 0) {
      const i = heap[0]!;
      const t = this.t[i]!;
      if (t >= cap) break;
      last = i;
      rate += this.rate[i]!;
      if (rate >= 0) return { theta: t, leaving: this.row[i]!, target: this.bound[i]! };
      heap[0] = heap[--size]!;
      this.sift(0, size);
    }
    if (Number.isFinite(cap)) return { theta: cap, leaving: -1, target: 0 };
    // Unbounded in t, yet falling: the last breakpoint (if any) is where the fall ends.
    return last < 0 ? { theta: Infinity, leaving: -1, target: 0 } : { theta: this.t[last]!, leaving: this.row[last]!, target: this.bound[last]! };
  }

  private add(r: number, bound: number, a: number, v: number): void {
    if (!Number.isFinite(bound)) return;
    const k = this.count++;
    this.t[k] = Math.max(0, (bound - v) / a);
    this.row[k] = r;
    this.bound[k] = bound;
    this.rate[k] = Math.abs(a);
  }

  /** Breakpoint i before j: smaller t, ties by row (so the walk never depends on the heap's shape). */
  private before(i: number, j: number): boolean {
    const ti = this.t[i]!;
    const tj = this.t[j]!;
    return ti < tj || (ti === tj && this.row[i]! < this.row[j]!);
  }

  private sift(at: number, size: number): void {
    const { heap } = this;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) return;
      const right = left + 1;
      const child = right < size && this.before(heap[right]!, heap[left]!) ? right : left;
      if (!this.before(heap[child]!, heap[at]!)) return;
      const swap = heap[at]!;
      heap[at] = heap[child]!;
      heap[child] = swap;
      at = child;
    }
  }
}

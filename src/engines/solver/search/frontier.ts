/**
 * The open part of a search: a binary heap ordered by priority (smaller first), ties broken by
 * insertion order so the search is deterministic.
 */
export class Frontier<T> {
  private readonly items: { item: T; key: number; seq: number }[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(item: T, key: number): void {
    const entry = { item, key, seq: this.seq++ };
    const a = this.items;
    a.push(entry);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    if (!top) return undefined;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.less(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top.item;
  }

  /**
   * Work stealing: removes every second item in priority order and returns them, so the thief and
   * this frontier each keep a share of the best boxes. (A sorted array is a heap.)
   */
  takeHalf(): T[] {
    const sorted = this.items.sort((x, y) => (this.less(x, y) ? -1 : 1));
    const given = sorted.filter((_, i) => i % 2 === 1).map((e) => e.item);
    const kept = sorted.filter((_, i) => i % 2 === 0);
    this.items.length = 0;
    this.items.push(...kept);
    return given;
  }

  /** Every item still open, in no particular order. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (const e of this.items) yield e.item;
  }

  private less(x: { key: number; seq: number }, y: { key: number; seq: number }): boolean {
    return x.key < y.key || (x.key === y.key && x.seq < y.seq);
  }
}

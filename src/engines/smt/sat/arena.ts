/**
 * The clause database as one flat Int32Array (MiniSat's clause allocator): a clause is a header
 * followed by its literals, named by the offset of its header (a "cref"). Literals are internal:
 * 2·v for v true, 2·v+1 for v false (v 0-based).
 */
export const HEADER = 5;
const SIZE = 0;
const FLAGS = 1;
const LBD = 2;
const ID = 3;
/**
 * Where propagation last found a replacement watch (an index >= 2 into the literals): the next
 * search starts there and wraps around (Gent, "Optimal implementation of watched literals and
 * more general techniques", JAIR 2013), so a long clause is not rescanned from its start.
 */
export const SEARCH_FROM = 4;
const LEARNT = 1;
const DELETED = 2;
const FLAG_BITS = LEARNT | DELETED;

export class ClauseArena {
  data = new Int32Array(1 << 12);
  top = 0;
  /** Words held by deleted clauses, so the solver knows when compaction pays. */
  wasted = 0;

  /** A clause of the first `size` literals of `lits`. */
  alloc(lits: ArrayLike<number>, learnt: boolean, lbd: number, id: number, size = lits.length): number {
    const need = HEADER + size;
    if (this.top + need > this.data.length) {
      let size = this.data.length * 2;
      while (this.top + need > size) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.data.subarray(0, this.top));
      this.data = grown;
    }
    const c = this.top;
    const d = this.data;
    d[c + SIZE] = size;
    d[c + FLAGS] = learnt ? LEARNT : 0;
    d[c + LBD] = lbd;
    d[c + ID] = id;
    d[c + SEARCH_FROM] = 2;
    for (let i = 0; i < size; i++) d[c + HEADER + i] = lits[i]!;
    this.top += need;
    return c;
  }

  size(c: number): number {
    return this.data[c + SIZE]!;
  }
  lit(c: number, i: number): number {
    return this.data[c + HEADER + i]!;
  }
  lits(c: number): Int32Array {
    return this.data.subarray(c + HEADER, c + HEADER + this.data[c + SIZE]!);
  }
  learnt(c: number): boolean {
    return (this.data[c + FLAGS]! & LEARNT) !== 0;
  }
  deleted(c: number): boolean {
    return (this.data[c + FLAGS]! & DELETED) !== 0;
  }
  lbd(c: number): number {
    return this.data[c + LBD]!;
  }
  id(c: number): number {
    return this.data[c + ID]!;
  }
  remove(c: number): void {
    this.data[c + FLAGS]! |= DELETED;
    this.wasted += HEADER + this.data[c + SIZE]!;
  }

  /**
   * Moves the live clauses to the front, in order, without allocating: a first pass writes each
   * live clause's new offset into its header's flags word (above the two flag bits), then
   * `relocate` is called with `forward` (old cref -> new cref, -1 for a deleted clause) so the
   * caller can update what names clauses, then the clauses move and the flags are restored.
   */
  compact(relocate: (forward: (old: number) => number) => void): void {
    const d = this.data;
    let to = 0;
    for (let c = 0; c < this.top; c += HEADER + d[c + SIZE]!) {
      if ((d[c + FLAGS]! & DELETED) !== 0) continue;
      d[c + FLAGS] = (to << 2) | (d[c + FLAGS]! & FLAG_BITS);
      to += HEADER + d[c + SIZE]!;
    }
    relocate((old) => ((d[old + FLAGS]! & DELETED) !== 0 ? -1 : d[old + FLAGS]! >>> 2));
    to = 0;
    for (let c = 0; c < this.top; ) {
      const len = HEADER + d[c + SIZE]!;
      if ((d[c + FLAGS]! & DELETED) === 0) {
        if (to !== c) d.copyWithin(to, c, c + len);
        d[to + FLAGS]! &= FLAG_BITS;
        to += len;
      }
      c += len;
    }
    this.top = to;
    this.wasted = 0;
  }

  /** Every live clause, in memory order. */
  *live(): Generator<number> {
    const d = this.data;
    for (let c = 0; c < this.top; c += HEADER + d[c + SIZE]!) if ((d[c + FLAGS]! & DELETED) === 0) yield c;
  }
}

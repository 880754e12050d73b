import { covers, type Siblings } from '../versioning/versions.ts';
import type { VectorClock } from '../versioning/vectorClock.ts';
import { COMMIT_DEPTH } from './staleness.ts';

/** Pairs of a committed clock kept inline (counters only: stamps are for truncation); a longer clock is kept whole. */
const INLINE_PAIRS = 4;
/**
 * Keys per block of the log. A key gets its row when it is first committed, the next free one in
 * the last block (a new block when that is full), so memory follows the number of keys written,
 * not the range they are spread over (popular keys are scattered over the whole key space).
 */
const BLOCK_KEYS = 1024;
/** The length of a slot whose clock is kept whole, in `overflow`. */
const WHOLE = -1;

/** The log of BLOCK_KEYS keys: slot s = row × COMMIT_DEPTH + commit mod COMMIT_DEPTH, for the key in row `row`. */
interface Block {
  times: Float64Array;
  /** Pairs of slot s at s × INLINE_PAIRS …, sorted by node as in the clock. */
  nodes: Int16Array;
  counters: Int32Array | Float64Array;
  /** Pairs per slot, or WHOLE. */
  lengths: Int8Array;
}

/** Endpoints (nodes, then clients, and the timestamp actor −1) fit 16 bits: at most 1,000 nodes and 1,000 clients. */
const fitsNode = (n: number): boolean => n === (n << 16) >> 16;
const isInt32 = (x: number): boolean => x === (x | 0);

/**
 * The omniscient observer's record of committed writes (a write commits when its coordinator
 * has W acknowledgements), per key, in commit order: what staleness is measured against. The
 * key's last COMMIT_DEPTH commits are kept, commit i (1-based) in slot (i − 1) mod COMMIT_DEPTH.
 *
 * Struct of arrays (no object, array or clock kept per commit): a commit's time and the
 * (node, counter) pairs of its clock are copied into typed arrays, since the clock itself is
 * often superseded at every replica long before it leaves the log. Nodes take 16 bits; counters
 * 32 when they are whole numbers (vector clocks), 64 when they are clock readings (timestamp
 * versions, `wholeCounters` false). A clock the inline slots cannot hold exactly is kept whole.
 */
export class CommitLog {
  /** Commits per key. */
  private readonly counts: Int32Array;
  /** Per key, its place in the blocks + 1 (block × BLOCK_KEYS + row), or 0 before its first commit. */
  private readonly places: Int32Array;
  private readonly blocks: Block[] = [];
  /** Clocks longer than INLINE_PAIRS, by key × COMMIT_DEPTH + slot. */
  private readonly overflow = new Map<number, VectorClock>();
  /** Keys committed at least once (rows taken). */
  private placed = 0;

  constructor(
    keys: number,
    private readonly wholeCounters = true,
  ) {
    this.counts = new Int32Array(keys);
    this.places = new Int32Array(keys);
  }

  commit(key: number, clock: VectorClock, time: number): number {
    const count = this.counts[key]!;
    const place = this.places[key]! - 1;
    const at = place < 0 ? this.placeFor(key) : place;
    const block = this.blocks[(at / BLOCK_KEYS) | 0]!;
    const slot = (at % BLOCK_KEYS) * COMMIT_DEPTH + (count % COMMIT_DEPTH);
    block.times[slot] = time;
    this.keepClock(block, slot, key * COMMIT_DEPTH + (count % COMMIT_DEPTH), clock);
    return (this.counts[key] = count + 1);
  }

  /** Number of committed writes of the key so far (the index of the latest). */
  latest(key: number): number {
    return this.counts[key]!;
  }

  /** Commit time of the key's index-th write (1-based), if still in the log. */
  timeOf(key: number, index: number): number {
    const count = this.counts[key]!;
    if (index < 1 || index <= count - COMMIT_DEPTH || index > count) return NaN;
    const at = this.places[key]! - 1;
    return this.blocks[(at / BLOCK_KEYS) | 0]!.times[(at % BLOCK_KEYS) * COMMIT_DEPTH + ((index - 1) % COMMIT_DEPTH)]!;
  }

  /**
   * How many committed versions behind a read is: 0 when what it returned reflects the latest
   * write committed before it started (index `latestAtStart`), k when it reflects only the
   * k-th latest, COMMIT_DEPTH when it reflects none of the last COMMIT_DEPTH.
   */
  age(key: number, latestAtStart: number, returned: Siblings): number {
    const count = this.counts[key]!;
    if (count === 0 || latestAtStart === 0) return 0;
    const oldest = Math.max(1, count - COMMIT_DEPTH + 1);
    const at = this.places[key]! - 1;
    const block = this.blocks[(at / BLOCK_KEYS) | 0]!;
    const base = (at % BLOCK_KEYS) * COMMIT_DEPTH;
    for (let i = count; i >= oldest; i--) {
      const slot = base + ((i - 1) % COMMIT_DEPTH);
      if (this.reflected(returned, block, slot, key * COMMIT_DEPTH + ((i - 1) % COMMIT_DEPTH))) return Math.max(0, latestAtStart - i);
    }
    return Math.min(COMMIT_DEPTH, latestAtStart - (oldest - 1));
  }

  /** The key's first commit: it takes the next row, in a new block when the last one is full. */
  private placeFor(key: number): number {
    const at = this.placed++;
    if (at % BLOCK_KEYS === 0) {
      const slots = BLOCK_KEYS * COMMIT_DEPTH;
      this.blocks.push({
        times: new Float64Array(slots),
        nodes: new Int16Array(slots * INLINE_PAIRS),
        counters: this.wholeCounters ? new Int32Array(slots * INLINE_PAIRS) : new Float64Array(slots * INLINE_PAIRS),
        lengths: new Int8Array(slots),
      });
    }
    this.places[key] = at + 1;
    return at;
  }

  private keepClock(block: Block, slot: number, id: number, clock: VectorClock): void {
    const pairs = clock.length / 3;
    if (block.lengths[slot] === WHOLE) this.overflow.delete(id);
    if (pairs > INLINE_PAIRS || !this.inline(clock)) {
      block.lengths[slot] = WHOLE;
      this.overflow.set(id, clock);
      return;
    }
    block.lengths[slot] = pairs;
    for (let p = 0, at = slot * INLINE_PAIRS; p < pairs; p++, at++) {
      block.nodes[at] = clock[3 * p]!;
      block.counters[at] = clock[3 * p + 1]!;
    }
  }

  /** Whether the clock's pairs fit the inline slots exactly. */
  private inline(clock: VectorClock): boolean {
    for (let i = 0; i < clock.length; i += 3) if (!fitsNode(clock[i]!) || (this.wholeCounters && !isInt32(clock[i + 1]!))) return false;
    return true;
  }

  /**
   * Whether some returned version descends from the commit's clock (versions.ts `covers`): it
   * holds every pair of the clock with at least its counter.
   */
  private reflected(returned: Siblings, block: Block, slot: number, id: number): boolean {
    const pairs = block.lengths[slot]!;
    if (pairs === WHOLE) return covers(returned, this.overflow.get(id)!);
    for (let i = 0; i < returned.length; i++) if (descendsInline(returned[i]!.clock, block, slot * INLINE_PAIRS, pairs)) return true;
    return false;
  }
}

/** a ≥ the inline pairs at [from, from + pairs) of the block (vectorClock.ts `descends`: counters compared, absent = 0). */
function descendsInline(a: VectorClock, block: Block, from: number, pairs: number): boolean {
  let i = 0;
  for (let p = from; p < from + pairs; p++) {
    const node = block.nodes[p]!;
    while (i < a.length && a[i]! < node) i += 3;
    const mine = i < a.length && a[i] === node ? a[i + 1]! : 0;
    if (block.counters[p]! > mine) return false;
  }
  return true;
}

import type { Strategy } from '../config.ts';
import { bisectLeft } from '../../bisect.ts';
import type { Random } from '../sim/random.ts';

/**
 * The ring (SOSP'07 §4.2, §6.2): consistent hashing over the 32-bit hash space with virtual
 * nodes, in the paper's three partitioning strategies:
 *  1. T random tokens per node; the key ranges are the gaps between consecutive tokens.
 *  2. T random tokens per node and Q equal partitions; a partition is placed on the first N
 *     distinct nodes met walking clockwise from the end of the partition.
 *  3. Q equal partitions and Q/S tokens per node: every node owns the same number of partitions
 *     (proportional to its capacity), at partition boundaries.
 *
 * A ring is plain data (typed arrays), so a worker can hand it to the views.
 */
export interface Ring {
  /** Bumped by every membership change; nodes learn new versions by gossip. */
  version: number;
  strategy: Strategy;
  /** Node ids in the ring, ascending. */
  members: number[];
  /** Capacity by node id (0 for nodes outside the ring). */
  capacity: Float64Array;
  /** Token positions, ascending, and the node owning each. */
  tokens: Uint32Array;
  tokenOwner: Uint16Array;
  /** Upper end of each key range, ascending: a key at p falls in the first range whose bound is ≥ p (wrapping). */
  bounds: Uint32Array;
  /** Length of each extended preference list. */
  prefLen: number;
  /** For range i, prefs[i*prefLen ...] are the first prefLen distinct nodes clockwise: the preference list. */
  prefs: Uint16Array;
  /** Q, the number of equal partitions (strategies 2 and 3), 0 for strategy 1. */
  partitions: number;
}

export interface RingSpec {
  strategy: Strategy;
  tokensPerNode: number;
  partitions: number;
}

const SPACE = 4294967296;

/** Tokens of a node of this capacity under strategies 1 and 2. */
export const tokenCount = (tokensPerNode: number, capacity: number): number => Math.max(1, Math.round(tokensPerNode * capacity));

/** Partition ends for Q equal partitions: partition i covers (end(i-1), end(i)]. */
function partitionBounds(q: number): Uint32Array {
  const out = new Uint32Array(q);
  for (let i = 0; i < q; i++) out[i] = Math.floor(((i + 1) * SPACE) / q) - 1;
  return out;
}

/** Partitions per node, proportional to capacity, summing to Q (largest remainder, ties to the lower id). */
export function partitionShares(q: number, members: number[], capacity: ArrayLike<number>): Map<number, number> {
  const total = members.reduce((s, m) => s + capacity[m]!, 0);
  const exact = members.map((m) => (q * capacity[m]!) / total);
  const shares = exact.map((x) => Math.max(1, Math.floor(x)));
  let left = q - shares.reduce((s, x) => s + x, 0);
  const order = members.map((_, i) => i).sort((a, b) => exact[b]! - Math.floor(exact[b]!) - (exact[a]! - Math.floor(exact[a]!)) || a - b);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) shares[order[k]!]!++;
  for (let k = order.length - 1; left < 0; k = (k - 1 + order.length) % order.length) {
    if (shares[order[k]!]! > 1) {
      shares[order[k]!]!--;
      left++;
    }
  }
  return new Map(members.map((m, i) => [m, shares[i]!]));
}

interface Layout {
  strategy: Strategy;
  members: number[];
  capacity: Float64Array;
  /** Unsorted (position, owner) pairs. */
  tokens: { pos: number; owner: number }[];
  partitions: number;
}

/** The first ring: tokens drawn from `rng`, in node order. */
export function buildRing(spec: RingSpec, capacities: number[], maxNodes: number, prefLen: number, rng: Random): Ring {
  const capacity = new Float64Array(maxNodes);
  capacities.forEach((c, i) => (capacity[i] = c));
  const members = capacities.map((_, i) => i);
  const layout: Layout = { strategy: spec.strategy, members, capacity, tokens: [], partitions: spec.strategy === 1 ? 0 : spec.partitions };
  if (spec.strategy === 3) {
    const shares = partitionShares(spec.partitions, members, capacity);
    const owners = rng.shuffle(members.flatMap((m) => Array<number>(shares.get(m)!).fill(m)));
    const bounds = partitionBounds(spec.partitions);
    layout.tokens = owners.map((owner, i) => ({ pos: bounds[i]!, owner }));
  } else {
    for (const m of members) for (let t = tokenCount(spec.tokensPerNode, capacity[m]!); t > 0; t--) layout.tokens.push({ pos: rng.uint32(), owner: m });
  }
  return finish(layout, 0, prefLen);
}

/** The ring after `node` joins with `capacity` (it takes tokens, or steals partitions under strategy 3). */
export function addNode(ring: Ring, spec: RingSpec, node: number, capacity: number, prefLen: number, rng: Random): Ring {
  const cap = ring.capacity.slice();
  cap[node] = capacity;
  const members = [...ring.members, node].sort((a, b) => a - b);
  const tokens = Array.from(ring.tokens, (pos, i) => ({ pos, owner: ring.tokenOwner[i]! }));
  if (ring.strategy === 3) {
    rebalancePartitions(tokens, members, cap, rng);
  } else {
    for (let t = tokenCount(spec.tokensPerNode, capacity); t > 0; t--) tokens.push({ pos: rng.uint32(), owner: node });
  }
  return finish({ strategy: ring.strategy, members, capacity: cap, tokens, partitions: ring.partitions }, ring.version + 1, prefLen);
}

/** The ring after `node` leaves: its tokens vanish, or its partitions go to the others (strategy 3). */
export function removeNode(ring: Ring, node: number, prefLen: number, rng: Random): Ring {
  const cap = ring.capacity.slice();
  cap[node] = 0;
  const members = ring.members.filter((m) => m !== node);
  let tokens = Array.from(ring.tokens, (pos, i) => ({ pos, owner: ring.tokenOwner[i]! }));
  if (ring.strategy === 3) rebalancePartitions(tokens, members, cap, rng);
  else tokens = tokens.filter((t) => t.owner !== node);
  return finish({ strategy: ring.strategy, members, capacity: cap, tokens, partitions: ring.partitions }, ring.version + 1, prefLen);
}

/**
 * Strategy 3 membership change: nodes above their new share give up random partitions, nodes
 * below take them ("a new node steals tokens", §6.2), so every node keeps its Q/S share.
 */
function rebalancePartitions(tokens: { pos: number; owner: number }[], members: number[], capacity: Float64Array, rng: Random): void {
  const shares = partitionShares(tokens.length, members, capacity);
  const held = new Map<number, number[]>(members.map((m) => [m, []]));
  const released: number[] = [];
  tokens.forEach((t, i) => (held.has(t.owner) ? held.get(t.owner)!.push(i) : released.push(i)));
  for (const m of members) {
    const mine = held.get(m)!;
    rng.shuffle(mine);
    while (mine.length > shares.get(m)!) released.push(mine.pop()!);
  }
  rng.shuffle(released);
  for (const m of members) {
    const mine = held.get(m)!;
    while (mine.length < shares.get(m)!) {
      const i = released.pop()!;
      tokens[i]!.owner = m;
      mine.push(i);
    }
  }
}

function finish(layout: Layout, version: number, prefLen: number): Ring {
  const sorted = [...layout.tokens].sort((a, b) => a.pos - b.pos || a.owner - b.owner);
  const tokens = Uint32Array.from(sorted, (t) => t.pos);
  const tokenOwner = Uint16Array.from(sorted, (t) => t.owner);
  const L = Math.min(prefLen, layout.members.length);
  const bounds = layout.strategy === 1 ? tokens : partitionBounds(layout.partitions);
  const prefs = new Uint16Array(bounds.length * L);
  const seen = new Int32Array(Math.max(1, layout.capacity.length)).fill(-1);
  for (let r = 0; r < bounds.length; r++) {
    // Strategies 1 and 3: the walk starts at the range's own token. Strategy 2: at the first
    // token at or after the partition's end.
    let t = layout.strategy === 2 ? bisectLeft(tokens, bounds[r]!) % tokens.length : r;
    let found = 0;
    for (let steps = 0; found < L && steps < tokens.length; steps++, t = (t + 1) % tokens.length) {
      const owner = tokenOwner[t]!;
      if (seen[owner] === r) continue;
      seen[owner] = r;
      prefs[r * L + found++] = owner;
    }
  }
  return {
    version,
    strategy: layout.strategy,
    members: layout.members,
    capacity: layout.capacity,
    tokens,
    tokenOwner,
    bounds,
    prefLen: L,
    prefs,
    partitions: layout.partitions,
  };
}

/** The key range holding position p: the first range clockwise whose end is at or after p. */
export function rangeOf(ring: Ring, pos: number): number {
  const i = bisectLeft(ring.bounds, pos);
  return i === ring.bounds.length ? 0 : i;
}

/** The extended preference list of a range (the first prefLen distinct nodes clockwise). */
export function preferenceList(ring: Ring, range: number): Uint16Array {
  return ring.prefs.subarray(range * ring.prefLen, (range + 1) * ring.prefLen);
}

/** The start of range r (exclusive): the end of the range before it. */
export function rangeStart(ring: Ring, r: number): number {
  return r === 0 ? ring.bounds[ring.bounds.length - 1]! : ring.bounds[r - 1]!;
}

/** The share of the hash space range r covers. */
export function rangeWidth(ring: Ring, r: number): number {
  const start = rangeStart(ring, r);
  const end = ring.bounds[r]!;
  return (end >= start ? end - start : SPACE - start + end) / SPACE || (ring.bounds.length === 1 ? 1 : 0);
}

/** The range of every key, for keys at the given positions. */
export function keyRanges(ring: Ring, positions: Uint32Array): Int32Array {
  const out = new Int32Array(positions.length);
  for (let k = 0; k < positions.length; k++) out[k] = rangeOf(ring, positions[k]!);
  return out;
}

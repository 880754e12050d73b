import { combine, mix32 } from '../ring/hash.ts';

/**
 * Merkle trees for anti-entropy (SOSP'07 §4.7): one tree per key range, whose leaves hash the
 * keys (and their versions) that fall in them. Two replicas compare roots; where hashes differ
 * they descend, so only the keys under differing leaves are exchanged. What the comparison costs
 * (hashes compared) and what it moves (keys) is counted.
 *
 * The tree is a heap-ordered array: node 1 is the root, node i has children 2i and 2i+1, and the
 * 2^depth leaves are nodes 2^depth … 2^(depth+1) − 1.
 */
export interface MerkleTree {
  depth: number;
  hashes: Uint32Array;
}

/** The leaf a key falls under. */
export const leafOf = (key: number, depth: number): number => (depth === 0 ? 0 : mix32(key ^ 0x3c6ef372) >>> (32 - depth));

/** Builds the tree over (key, digest of that key's versions) pairs; a key with digest 0 is absent. */
export function buildTree(entries: Iterable<readonly [number, number]>, depth: number): MerkleTree {
  const leaves = 1 << depth;
  const hashes = new Uint32Array(2 * leaves);
  for (const [key, digest] of entries) {
    if (digest === 0) continue;
    const leaf = leaves + leafOf(key, depth);
    hashes[leaf] = (hashes[leaf]! + combine(key, digest)) >>> 0;
  }
  for (let i = leaves - 1; i >= 1; i--) {
    const l = hashes[2 * i]!;
    const r = hashes[2 * i + 1]!;
    hashes[i] = l === 0 && r === 0 ? 0 : combine(l, r);
  }
  return { depth, hashes };
}

/** Top-down comparison: the leaves (0-based) whose hashes differ, and how many hashes were compared. */
export function diffTrees(a: MerkleTree, b: MerkleTree): { compared: number; leaves: number[] } {
  if (a.depth !== b.depth) throw new Error('Merkle trees of different depths cannot be compared');
  const leaves = 1 << a.depth;
  const out: number[] = [];
  let compared = 0;
  const stack = [1];
  while (stack.length > 0) {
    const i = stack.pop()!;
    compared++;
    if (a.hashes[i] === b.hashes[i]) continue;
    if (i >= leaves) out.push(i - leaves);
    else stack.push(2 * i + 1, 2 * i);
  }
  return { compared, leaves: out.sort((x, y) => x - y) };
}

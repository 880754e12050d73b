/**
 * 32-bit hashing. Dynamo places keys on the ring by the MD5 of the key (SOSP'07 §4.2); a
 * simulation only needs a well-mixed, deterministic position, so keys go through murmur3's
 * finaliser. The same mixer builds the digests that Merkle trees compare (§4.7).
 */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two 32-bit values into one digest (order matters). */
export function combine(a: number, b: number): number {
  return mix32((Math.imul(a ^ 0x27d4eb2d, 0x165667b1) + mix32(b)) | 0);
}

/** The position of a key on the ring, a 32-bit unsigned integer. */
export function keyPosition(key: number): number {
  return mix32(Math.imul(key + 1, 0x9e3779b1) ^ 0x5bd1e995);
}

/** The first slot an integer's probe tries in an open-addressing table of mask + 1 slots (Fibonacci hashing, high bits folded in). */
export function tableSlot(x: number, mask: number): number {
  const h = Math.imul(x, 0x9e3779b1);
  return (h ^ (h >>> 16)) & mask;
}

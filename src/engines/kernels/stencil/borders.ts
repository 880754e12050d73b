import type { Reach } from '../ir/domain.ts';

/**
 * runStencil's border modes, as ParallelAccelerator defines them (its README and
 * mk_parfor_args_from_stencil): for each assignment b[0,0] = rhs at element (x, y), call the
 * assignment's reads "in bounds" when every a[dx,dy] that rhs depends on lies inside the array.
 *
 *   :oob_skip        the write is skipped when any read of its right-hand side is out of bounds:
 *                    the destination keeps its previous value at the border (the default mode);
 *   :oob_dst_zero    0 is written instead when any read of its right-hand side is out of bounds;
 *   :oob_src_zero    an out-of-bounds read gives 0, and every element is written;
 *   :oob_wraparound  an out-of-bounds read wraps around (index modulo the size, per axis), and
 *                    every element is written (periodic borders, as the heat example uses).
 *
 * The first index (dx) is Julia's first, contiguous dimension: width; the second (dy) is height.
 * Buffers are row by row (x fastest), the same memory order as Julia's column-major 2-D arrays.
 * ParallelAccelerator's Array(Float32, ...) is uninitialized; ours is zero-filled, so :oob_skip
 * borders are deterministic.
 */

/** The box of elements where every read of `reach` is in bounds: x in [xa, xb), y in [ya, yb) (possibly empty). */
export function interior(reach: Reach, width: number, height: number): { xa: number; xb: number; ya: number; yb: number } {
  const xa = Math.min(-reach.minDx, width);
  const ya = Math.min(-reach.minDy, height);
  return { xa, xb: Math.max(xa, width - reach.maxDx), ya, yb: Math.max(ya, height - reach.maxDy) };
}

/** Index modulo n, always in [0, n). */
export function wrap(v: number, n: number): number {
  return ((v % n) + n) % n;
}

export function inside(reach: Reach, x: number, y: number, width: number, height: number): boolean {
  return x + reach.minDx >= 0 && x + reach.maxDx < width && y + reach.minDy >= 0 && y + reach.maxDy < height;
}

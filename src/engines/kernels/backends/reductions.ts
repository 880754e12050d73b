import { REDUCTION_BLOCK } from '../codegen/layout.ts';

/**
 * Reductions everywhere add up blocks of REDUCTION_BLOCK elements in order and then the blocks'
 * results in order: the same additions on every backend and for every split over workers, so
 * `sum` is bitwise reproducible (the paper's parfor reductions, made deterministic).
 */
export type ReductionFn = 'sum' | 'minimum' | 'maximum';

export const blocksOf = (n: number) => Math.ceil(n / REDUCTION_BLOCK);

export function combine(fn: ReductionFn, partials: Float64Array, blocks: number): number {
  let r = fn === 'sum' ? 0 : fn === 'minimum' ? Infinity : -Infinity;
  for (let k = 0; k < blocks; k++) r = fn === 'sum' ? r + partials[k]! : fn === 'minimum' ? Math.min(r, partials[k]!) : Math.max(r, partials[k]!);
  return r;
}

/** A whole reduction over values in memory: the blocks, then their combination (naive, and WebGPU's host side). */
export function reduceBlocks(fn: ReductionFn, x: ArrayLike<number>): number {
  const blocks = blocksOf(x.length);
  const partials = new Float64Array(blocks);
  for (let k = 0; k < blocks; k++) {
    const end = Math.min((k + 1) * REDUCTION_BLOCK, x.length);
    let r = fn === 'sum' ? 0 : fn === 'minimum' ? Infinity : -Infinity;
    for (let i = k * REDUCTION_BLOCK; i < end; i++) r = fn === 'sum' ? r + x[i]! : fn === 'minimum' ? Math.min(r, x[i]!) : Math.max(r, x[i]!);
    partials[k] = r;
  }
  return combine(fn, partials, blocks);
}

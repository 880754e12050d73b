import { InputError } from '../../contract.ts';
import type { DomainProgram, Shape } from '../ir/domain.ts';

/** The run's sizes: N for 1-D inputs, the image's width and height, and the scalar parameters' values. */
export interface RunSizes {
  n: number;
  width: number;
  height: number;
  scalars: Map<number, number>;
}

export const MAX_ELEMENTS = 1 << 26;

/** Elements of an array of this shape in this run. */
export function elementsOf(shape: Shape, sizes: RunSizes): number {
  const e = shape.extent;
  if (e.kind === 'size') return sizes.n;
  if (e.kind === 'image') return sizes.width * sizes.height;
  const n = 'number' in e.length ? e.length.number : sizes.scalars.get(e.length.value);
  if (n === undefined || !Number.isInteger(n) || n < 1 || n > MAX_ELEMENTS)
    throw new InputError(`A comprehension's range 1:n needs a whole n between 1 and ${MAX_ELEMENTS}; here n is ${n}.`);
  return n;
}

/** Width and height of an array of this shape (a 1-D array is one row). */
export function dimsOf(shape: Shape, sizes: RunSizes): { width: number; height: number } {
  return shape.kind === 'image' ? { width: sizes.width, height: sizes.height } : { width: elementsOf(shape, sizes), height: 1 };
}

/** A stencil's iteration count, checked. */
export function iterationCount(value: number, at: { line: number; column: number }): number {
  if (!Number.isInteger(value) || value < 0 || value > 100_000) throw new InputError(`The iteration count must be a whole number from 0 to 100000, not ${value}.`, at);
  return value;
}

export function valueElements(p: DomainProgram, sizes: RunSizes): (value: number) => number {
  return (v) => {
    const s = p.values[v]!.shape;
    return s ? elementsOf(s, sizes) : 0;
  };
}

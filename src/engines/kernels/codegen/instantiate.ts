/**
 * The one place generated loop code becomes a function. The code comes only from codegen/ (our
 * identifiers, printed numbers, a closed table of operations), never from program text: see the
 * README's "Why generated code cannot carry a link's text".
 */
export type Kernel = (buffers: ArrayBufferLike[], scalars: ArrayLike<number>, lo: number, hi: number) => void;

export function instantiateKernel(code: string): Kernel {
  return new Function('buffers', 'scalars', 'lo', 'hi', `'use strict';\n${code}`) as Kernel;
}

import { ERF_JS } from './erf.ts';

/**
 * The one place generated code becomes a function (the browser's pool workers, the CLI's threads,
 * the naive backend and the bench all come here). The code comes only from codegen/ (our
 * identifiers, printed numbers, a closed table of operations), never from program text: see the
 * README's "Why generated code cannot carry a link's text".
 */
export type Kernel = (buffers: ArrayBufferLike[], scalars: ArrayLike<number>, lo: number, hi: number) => void;

export function instantiateKernel(code: string): Kernel {
  return new Function('buffers', 'scalars', 'lo', 'hi', `'use strict';\n${code}`) as Kernel;
}

/** erf compiled from codegen/erf.ts's text: the naive backend and host code compute the generated loops' bits. */
export const erf = new Function(`'use strict';\n${ERF_JS}\nreturn erf;`)() as (x: number) => number;

/** One of the naive backend's per-operation loops (codegen/passJs.ts): `out` from up to three operands, arrays or scalars. */
export type Pass = (out: Float64Array, x: ArrayLike<number> | number, y: ArrayLike<number> | number, z: ArrayLike<number> | number) => void;

export function instantiatePass(code: string): Pass {
  return new Function('erf', `'use strict';\nreturn function pass(out, x, y, z) {\n${code}\n};`)(erf) as Pass;
}

import type { Compiled } from '../compile.ts';
import { instantiateKernel, type Kernel } from '../codegen/instantiate.ts';
import { REDUCTION_BLOCK } from '../codegen/layout.ts';
import type { DomainOp } from '../ir/domain.ts';
import { blocksOf, combine } from './reductions.ts';
import { dimsOf, elementsOf, iterationCount, type RunSizes } from './sizes.ts';
import type { Arr, BackendRun, ProgramInputs } from './types.ts';

/** How the compiled steps run: in this thread (fused) or split over a pool (parallel). */
export interface Executor {
  /** Memory in SharedArrayBuffers (the parallel backend). */
  shared: boolean;
  /** Runs `code` over [0, n); `align` is the split granularity a range must respect. */
  loop(code: string, buffers: ArrayBufferLike[], scalars: Float64Array, n: number, align: number): void | Promise<void>;
}

const cache = new Map<string, Kernel>();

/** The compiled function for generated code, made once per distinct text. */
export function kernelFor(code: string): Kernel {
  let k = cache.get(code);
  if (!k) {
    k = instantiateKernel(code);
    cache.set(code, k);
  }
  return k;
}

/** The fused backend's executor: one call per parfor over the whole range, in this thread. */
export const inThread: Executor = {
  shared: false,
  loop(code, buffers, scalars, n) {
    kernelFor(code)(buffers, scalars, 0, n);
  },
};

/**
 * Runs the Parallel IR's steps with generated code: buffers for inputs, new arrays, stored values
 * and reduction partials (no temporaries); host scalar work between loops; a stencil as one loop
 * per iteration over rows, its buffers rotated between iterations (a barrier each time).
 */
export async function runCompiled(c: Compiled, inputs: ProgramInputs, sizes: RunSizes, exec: Executor): Promise<BackendRun> {
  const { domain: p, layout: L } = c;
  const make = (bytes: number) => (exec.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const buffers = L.buffers.map((slot) => {
    if (slot.kind === 'partials') {
      const op = p.ops[slot.op] as Extract<DomainOp, { kind: 'reduce' }>;
      return make(8 * blocksOf(elementsOf(p.values[op.arg]!.shape!, sizes)));
    }
    return make((slot.elem === 'f32' ? 4 : 8) * elementsOf(p.values[slot.value]!.shape!, sizes));
  });
  const view = (b: number): Arr => {
    const slot = L.buffers[b]!;
    return slot.kind === 'array' && slot.elem === 'f32' ? new Float32Array(buffers[b]!) : new Float64Array(buffers[b]!);
  };
  for (const [v, a] of inputs.arrays) view(L.bufferOf.get(v)!).set(a);
  const scalars = new Float64Array(L.scalarCount);
  for (const [v, x] of inputs.scalars) scalars[L.scalarOf.get(v)!] = x;
  for (const op of p.ops) if (op.kind === 'length') scalars[L.scalarOf.get(op.result)!] = elementsOf(p.values[op.of]!.shape!, sizes);

  const start = performance.now();
  for (const [k, step] of c.parallel.steps.entries()) {
    const code = c.js[k]?.code;
    if (step.kind === 'host') kernelFor(code!)(buffers, scalars, 0, 0);
    else if (step.kind === 'parfor') {
      const n = elementsOf(step.shape, sizes);
      await exec.loop(code!, buffers, scalars, n, step.reductions.length ? REDUCTION_BLOCK : 1);
      for (const r of step.reductions) {
        const op = p.ops[r] as Extract<DomainOp, { kind: 'reduce' }>;
        scalars[L.scalarOf.get(op.result)!] = combine(op.fn, new Float64Array(buffers[L.partialsOf.get(r)!]!), blocksOf(n));
      }
    } else if (step.kind === 'stencil') {
      const op = p.ops[step.op] as Extract<DomainOp, { kind: 'stencil' }>;
      const { width, height } = dimsOf(p.values[op.buffers[0]!]!.shape!, sizes);
      const iterations = iterationCount('number' in op.iterations ? op.iterations.number : scalars[L.scalarOf.get(op.iterations.value)!]!, op.at);
      const withSize = new Float64Array(2 + scalars.length);
      withSize.set([width, height]);
      withSize.set(scalars, 2);
      let binding = op.buffers.map((b) => buffers[L.bufferOf.get(b)!]!);
      for (let it = 0; it < iterations; it++) {
        await exec.loop(code!, binding, withSize, height, 1);
        binding = op.kernel.rotation.map((j) => binding[j]!);
      }
    }
  }
  const millis = performance.now() - start;
  const outputs = p.outputs.map((v) => (p.values[v]!.shape ? view(L.bufferOf.get(v)!).slice() : scalars[L.scalarOf.get(v)!]!));
  return { outputs, temporaryBytes: 0, millis };
}

import type { GpuHost } from '../api.ts';
import type { Compiled } from '../compile.ts';
import type { DomainOp } from '../ir/domain.ts';
import { kernelFor } from './compiled.ts';
import { reduceBlocks } from './reductions.ts';
import { dimsOf, elementsOf, iterationCount, type RunSizes } from './sizes.ts';
import type { BackendRun, ProgramInputs } from './types.ts';

/** Scalars for a shader: leading u32 counts as bit patterns, then the program's scalars in float32. */
function scalarBuffer(lead: number[], scalars: Float64Array): Float32Array {
  const out = new Float32Array(lead.length + scalars.length);
  new Uint32Array(out.buffer).set(lead);
  out.set(scalars, lead.length);
  return out;
}

/**
 * The WebGPU backend: each parfor and each stencil sweep is one compute shader dispatch (float32);
 * host scalar work and the blocks of a reduction are added up here, as on the other backends.
 */
export async function runWebgpu(c: Compiled, inputs: ProgramInputs, sizes: RunSizes, gpu: GpuHost): Promise<BackendRun> {
  const { domain: p, layout: L } = c;
  const arrays = L.buffers.map((slot) => (slot.kind === 'array' ? new Float32Array(elementsOf(p.values[slot.value]!.shape!, sizes)) : new Float32Array(0)));
  for (const [v, a] of inputs.arrays) arrays[L.bufferOf.get(v)!]!.set(a);
  const scalars = new Float64Array(L.scalarCount);
  for (const [v, x] of inputs.scalars) scalars[L.scalarOf.get(v)!] = x;
  for (const op of p.ops) if (op.kind === 'length') scalars[L.scalarOf.get(op.result)!] = elementsOf(p.values[op.of]!.shape!, sizes);
  const start = performance.now();
  for (const [k, step] of c.parallel.steps.entries()) {
    if (step.kind === 'host') kernelFor(c.js[k]!.code)([], scalars, 0, 0);
    else if (step.kind === 'parfor') {
      const kernel = c.wgsl.kernels[k]!;
      const n = elementsOf(step.shape, sizes);
      const reductionArgs = kernel.reductions.map(() => new Float32Array(n));
      const bound = [...kernel.buffers.map((b) => arrays[b]!), ...reductionArgs, scalarBuffer([n], scalars)];
      const outputs = [...kernel.writes.map((b) => kernel.buffers.indexOf(b)), ...reductionArgs.map((_, j) => kernel.buffers.length + j)];
      const results = await gpu.dispatch(kernel.code, bound, n, outputs);
      kernel.writes.forEach((b, j) => arrays[b]!.set(results[j]!));
      kernel.reductions.forEach((r, j) => {
        const op = p.ops[r] as Extract<DomainOp, { kind: 'reduce' }>;
        scalars[L.scalarOf.get(op.result)!] = reduceBlocks(op.fn, results[kernel.writes.length + j]!);
      });
    } else if (step.kind === 'stencil') {
      const kernel = c.wgsl.kernels[k]!;
      const op = p.ops[step.op] as Extract<DomainOp, { kind: 'stencil' }>;
      const { width, height } = dimsOf(p.values[op.buffers[0]!]!.shape!, sizes);
      const iterations = iterationCount('number' in op.iterations ? op.iterations.number : scalars[L.scalarOf.get(op.iterations.value)!]!, op.at);
      const written = [...new Set(op.kernel.writes.map((w) => w.param))];
      let binding = kernel.buffers.map((b) => arrays[b]!);
      for (let it = 0; it < iterations; it++) {
        const results = await gpu.dispatch(kernel.code, [...binding, scalarBuffer([width, height], scalars)], width * height, written);
        written.forEach((param, j) => binding[param]!.set(results[j]!));
        binding = op.kernel.rotation.map((j) => binding[j]!);
      }
    }
  }
  const millis = performance.now() - start;
  const outputs = p.outputs.map((v) => (p.values[v]!.shape ? arrays[L.bufferOf.get(v)!]!.slice() : scalars[L.scalarOf.get(v)!]!));
  return { outputs, temporaryBytes: 0, millis };
}

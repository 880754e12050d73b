import { InputError } from '../../contract.ts';
import type { ParallelPool } from '../api.ts';
import type { Compiled } from '../compile.ts';
import { REDUCTION_BLOCK } from '../codegen/layout.ts';
import { runWasmRange, wasmModule, type WasmKernel } from '../codegen/wasm/instantiate.ts';
import type { DomainOp } from '../ir/domain.ts';
import { kernelFor } from './compiled.ts';
import { splitRange } from './parallel.ts';
import { blocksOf, combine } from './reductions.ts';
import { elementsOf, type RunSizes } from './sizes.ts';
import type { Arr, BackendRun, ProgramInputs } from './types.ts';

/** How the WebAssembly loops run: in this thread, or split over the pool's workers (the same memory). */
export interface WasmExecutor {
  loop(kernel: WasmKernel, n: number, align: number): void | Promise<void>;
}

export const wasmInThread: WasmExecutor = {
  loop(kernel, n) {
    runWasmRange(kernel, 0, n);
  },
};

/** Each loop's range split as the parallel backend splits it, one part per worker. */
export function wasmPool(pool: ParallelPool, workers: number): WasmExecutor {
  return {
    async loop(kernel, n, align) {
      await pool.run({ code: 'wasm', buffers: [], scalars: [], wasm: kernel }, splitRange(n, workers, align));
    },
  };
}

/** Why this program cannot run on the WebAssembly backend, or undefined when it can. */
export function wasmUnsupported(c: Compiled): string | undefined {
  if (typeof WebAssembly === 'undefined') return 'this host has no WebAssembly';
  if (c.parallel.steps.some((s) => s.kind === 'stencil'))
    return 'the WebAssembly backend compiles element-wise loops and reductions; runStencil runs on the fused, parallel and WebGPU backends';
  return undefined;
}

const PAGE = 65536;
const MAX_PAGES = 65536;
const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** Where everything lives in the one shared memory: the address table, the scalars, then each buffer. */
function place(c: Compiled, sizes: RunSizes): { addresses: number[]; scalarsAt: number; bytes: number } {
  const { domain: p, layout: L } = c;
  const scalarsAt = align16(4 * (L.buffers.length + 1));
  let at = align16(scalarsAt + 8 * L.scalarCount);
  const addresses = L.buffers.map((slot) => {
    const here = at;
    const bytes =
      slot.kind === 'partials'
        ? 8 * blocksOf(elementsOf(p.values[(p.ops[slot.op] as Extract<DomainOp, { kind: 'reduce' }>).arg]!.shape!, sizes))
        : (slot.elem === 'f32' ? 4 : 8) * elementsOf(p.values[slot.value]!.shape!, sizes);
    at = align16(here + bytes);
    return here;
  });
  return { addresses, scalarsAt, bytes: at };
}

/**
 * The WebAssembly backend: every buffer of the layout in one shared WebAssembly.Memory (the
 * address table at 0 tells the modules where), each parfor one generated module (codegen/wasm/
 * parfor.ts) run over its range, host scalar work between loops in JavaScript, reductions'
 * partials combined in order as on every backend. No temporaries, as fused.
 */
export async function runWasm(c: Compiled, inputs: ProgramInputs, sizes: RunSizes, exec: WasmExecutor): Promise<BackendRun> {
  const unsupported = wasmUnsupported(c);
  if (unsupported) throw new InputError(`This program cannot run on WebAssembly: ${unsupported}.`);
  const { addresses, scalarsAt, bytes } = place(c, sizes);
  const memory = leaseMemory(bytes);
  try {
    return await runIn(c, inputs, sizes, exec, memory, addresses, scalarsAt);
  } finally {
    kept.busy = false;
  }
}

/**
 * The one shared memory of this thread, grown to the largest run so far and kept between runs:
 * a fresh page costs a page fault at its first write, which on a loaded machine costs more than
 * the loop that writes it (fused's buffers come back from the allocator already touched). A second
 * run while one is out (never, in the engine) gets a memory of its own.
 */
const kept: { memory?: WebAssembly.Memory; busy: boolean } = { busy: false };

function leaseMemory(bytes: number): WebAssembly.Memory {
  const pages = Math.max(1, Math.ceil(bytes / PAGE));
  if (pages > MAX_PAGES) throw new InputError(`The WebAssembly backend's memory holds at most 4 GiB; these arrays need ${(bytes / 2 ** 30).toFixed(1)} GiB (a smaller size runs).`);
  if (kept.busy) return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  kept.memory ??= new WebAssembly.Memory({ initial: pages, maximum: MAX_PAGES, shared: true });
  const have = kept.memory.buffer.byteLength / PAGE;
  if (have < pages) kept.memory.grow(pages - have);
  kept.busy = true;
  return kept.memory;
}

async function runIn(c: Compiled, inputs: ProgramInputs, sizes: RunSizes, exec: WasmExecutor, memory: WebAssembly.Memory, addresses: number[], scalarsAt: number): Promise<BackendRun> {
  const { domain: p, layout: L } = c;
  const buffer = memory.buffer;
  new Int32Array(buffer, 0, addresses.length + 1).set([...addresses, scalarsAt]);
  const view = (b: number): Arr => {
    const slot = L.buffers[b]!;
    const at = addresses[b]!;
    if (slot.kind === 'partials') return new Float64Array(buffer, at, blocksOf(elementsOf(p.values[(p.ops[slot.op] as Extract<DomainOp, { kind: 'reduce' }>).arg]!.shape!, sizes)));
    const n = elementsOf(p.values[slot.value]!.shape!, sizes);
    return slot.elem === 'f32' ? new Float32Array(buffer, at, n) : new Float64Array(buffer, at, n);
  };
  for (const [v, a] of inputs.arrays) view(L.bufferOf.get(v)!).set(a);
  // New arrays start zero-filled (the memory is reused).
  for (const step of c.parallel.steps) if (step.kind === 'alloc') view(L.bufferOf.get((p.ops[step.op] as { result: number }).result)!).fill(0);
  const scalars = new Float64Array(buffer, scalarsAt, L.scalarCount);
  for (const [v, x] of inputs.scalars) scalars[L.scalarOf.get(v)!] = x;
  for (const op of p.ops) if (op.kind === 'length') scalars[L.scalarOf.get(op.result)!] = elementsOf(p.values[op.of]!.shape!, sizes);
  const modules = c.wasm.map((m) => (m ? wasmModule(m) : undefined));

  const start = performance.now();
  for (const [k, step] of c.parallel.steps.entries()) {
    if (step.kind === 'host') kernelFor(c.js[k]!.code)([], scalars, 0, 0);
    else if (step.kind === 'parfor') {
      const n = elementsOf(step.shape, sizes);
      await exec.loop({ module: modules[k]!, memory }, n, step.reductions.length ? REDUCTION_BLOCK : 2);
      for (const r of step.reductions) {
        const op = p.ops[r] as Extract<DomainOp, { kind: 'reduce' }>;
        scalars[L.scalarOf.get(op.result)!] = combine(op.fn, view(L.partialsOf.get(r)!) as Float64Array, blocksOf(n));
      }
    }
  }
  const millis = performance.now() - start;
  const outputs = p.outputs.map((v) => (p.values[v]!.shape ? view(L.bufferOf.get(v)!).slice() : scalars[L.scalarOf.get(v)!]!));
  return { outputs, temporaryBytes: 0, millis };
}

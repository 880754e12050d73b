import { parentPort } from 'node:worker_threads';
import { kernelFor } from '../../engines/kernels/backends/compiled.ts';
import { runWasmRange, type WasmKernel } from '../../engines/kernels/codegen/wasm/instantiate.ts';

/**
 * What a thread of the node pool does with one range: compile the kernel once per distinct code
 * (generated from the checked IR, never program text: see codegen/instantiate.ts), run it over
 * [lo, hi) in the shared buffers, and answer (with the error's text when it throws).
 */
interface ThreadTask {
  id: number;
  code: string;
  buffers: SharedArrayBuffer[];
  scalars: number[];
  /** A WebAssembly kernel (module and shared memory) instead of `code`. */
  wasm?: WasmKernel;
  lo: number;
  hi: number;
}

parentPort!.on('message', ({ id, code, buffers, scalars, wasm, lo, hi }: ThreadTask) => {
  try {
    if (wasm) runWasmRange(wasm, lo, hi);
    else kernelFor(code)(buffers, scalars, lo, hi);
    parentPort!.postMessage({ id });
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});

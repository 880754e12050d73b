import { parentPort } from 'node:worker_threads';
import { kernelFor } from '../../engines/kernels/backends/compiled.ts';

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
  lo: number;
  hi: number;
}

parentPort!.on('message', ({ id, code, buffers, scalars, lo, hi }: ThreadTask) => {
  try {
    kernelFor(code)(buffers, scalars, lo, hi);
    parentPort!.postMessage({ id });
  } catch (e) {
    parentPort!.postMessage({ id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});

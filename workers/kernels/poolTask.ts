import { instantiateKernel, type Kernel } from '../../src/engines/kernels/codegen/instantiate.ts';
import { runWasmRange } from '../../src/engines/kernels/codegen/wasm/instantiate.ts';
import type { PoolReply, PoolTask } from './pool.ts';

/**
 * What a pool worker does with one task: compile the kernel once per distinct code (generated
 * from the checked syntax tree, never program text: see codegen/instantiate.ts), run it over each
 * of its ranges in shared memory, and say whether it worked.
 */
export function runPoolTask(task: PoolTask, compiled: Map<string, Kernel>): PoolReply {
  try {
    if (task.wasm) {
      for (const [lo, hi] of task.ranges) runWasmRange(task.wasm, lo, hi);
      return { id: task.id, ok: true };
    }
    let kernel = compiled.get(task.code);
    if (!kernel) {
      kernel = instantiateKernel(task.code);
      compiled.set(task.code, kernel);
    }
    for (const [lo, hi] of task.ranges) kernel(task.buffers, task.scalars, lo, hi);
    return { id: task.id, ok: true };
  } catch (err) {
    return { id: task.id, ok: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

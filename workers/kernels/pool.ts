import type { ParallelPool } from '../../src/engines/kernels/api.ts';
import type { WasmKernel } from '../../src/engines/kernels/codegen/wasm/instantiate.ts';

/** What the kernels worker sends a pool worker, and what comes back. */
export interface PoolTask {
  id: number;
  code: string;
  buffers: SharedArrayBuffer[];
  scalars: number[];
  /** A WebAssembly kernel (module and shared memory) instead of `code`. */
  wasm?: WasmKernel;
  ranges: [number, number][];
}
export type PoolReply = { id: number; ok: true } | { id: number; ok: false; message: string };

interface Pending {
  remaining: number;
  resolve(): void;
  reject(e: Error): void;
}

/**
 * The browser's ParallelPool: Web Workers spawned from the kernels worker, sharing the engine's
 * SharedArrayBuffers (the app is cross-origin isolated). A run hands each worker every
 * `size`-th range and resolves once all have answered: the barrier between two sweeps. Workers
 * start on first use and live as long as the kernels worker (a Cancel terminates it, and with
 * it every worker it spawned).
 */
export function createWebWorkerPool(size: number, spawn: () => Worker): ParallelPool {
  const workers: Worker[] = [];
  const pending = new Map<number, Pending>();
  let next = 1;

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new Error(message));
    pending.clear();
  };
  const ensure = (n: number) => {
    while (workers.length < n) {
      const worker = spawn();
      worker.onmessage = (e: MessageEvent<PoolReply>) => {
        const reply = e.data;
        const p = pending.get(reply.id);
        if (!p) return;
        if (!reply.ok) {
          pending.delete(reply.id);
          p.reject(new Error(reply.message));
        } else if (--p.remaining === 0) {
          pending.delete(reply.id);
          p.resolve();
        }
      };
      worker.onerror = (e) => {
        e.preventDefault();
        failAll(`a pool worker failed: ${e.message || 'it could not start'}`);
      };
      workers.push(worker);
    }
  };

  return {
    size,
    run(kernel, ranges) {
      if (ranges.length === 0) return Promise.resolve();
      const n = Math.min(size, ranges.length);
      ensure(n);
      const id = next++;
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { remaining: n, resolve, reject });
        for (let k = 0; k < n; k++) {
          const task: PoolTask = { id, code: kernel.code, buffers: kernel.buffers, scalars: kernel.scalars, ...(kernel.wasm ? { wasm: kernel.wasm } : {}), ranges: ranges.filter((_, i) => i % n === k) };
          workers[k]!.postMessage(task);
        }
      });
    },
    dispose() {
      failAll('the pool was closed');
      for (const w of workers.splice(0)) w.terminate();
    },
  };
}

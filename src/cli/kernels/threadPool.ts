import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParallelPool } from '../../engines/kernels/api.ts';

interface Pending {
  resolve(): void;
  reject(e: Error): void;
}

/**
 * A ParallelPool over node worker_threads, for the CLI, the bench and tests. Threads start on the
 * first run (so importing this starts nothing) and keep node alive only while a run is out (an
 * idle pool lets the CLI exit without dispose).
 * Each `run` posts one range to each worker (more ranges than workers: round robin) and resolves
 * when every range has reported back: the barrier.
 */
export function createThreadPool(size = Math.max(1, availableParallelism())): ParallelPool {
  let workers: Worker[] | undefined;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const start = () => {
    workers = Array.from({ length: size }, () => {
      const w = new Worker(new URL('./threadWorker.mjs', import.meta.url));
      w.on('message', (m: { id: number; error?: string }) => {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.error) p.reject(new Error(m.error));
        else p.resolve();
      });
      const fail = (e: Error) => {
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      };
      w.on('error', fail);
      w.on('exit', (code) => {
        if (workers) fail(new Error(`a kernels thread stopped (exit code ${code})`));
      });
      w.unref();
      return w;
    });
    return workers;
  };
  return {
    size,
    async run(kernel, ranges) {
      const pool = workers ?? start();
      // Referenced while ranges are out (node waits for them), unreferenced when idle (an idle pool never keeps node alive).
      for (const w of pool) w.ref();
      try {
        await Promise.all(
          ranges.map(
            ([lo, hi], k) =>
              new Promise<void>((resolve, reject) => {
                const id = nextId++;
                pending.set(id, { resolve, reject });
                pool[k % pool.length]!.postMessage({ id, code: kernel.code, buffers: kernel.buffers, scalars: kernel.scalars, wasm: kernel.wasm, lo, hi });
              }),
          ),
        );
      } finally {
        if (pending.size === 0) for (const w of pool) w.unref();
      }
    },
    dispose() {
      const stopping = workers ?? [];
      workers = undefined;
      for (const w of stopping) void w.terminate();
    },
  };
}

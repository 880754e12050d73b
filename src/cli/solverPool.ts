import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { FromWorker, PoolThread } from '../engines/solver/search/parallel/messages.ts';
import { createWorkerPool } from '../engines/solver/search/parallel/workerPool.ts';

/**
 * A worker thread for the solver's parallel search (search/parallel/pool.ts), for the CLI, the
 * bench and tests; `resourceLimits` caps its memory (a thread over the cap crashes, and the run
 * it serves fails).
 */
export function spawnSolverThread(resourceLimits?: ResourceLimits): PoolThread {
  const worker = new Worker(new URL('./solverThread.mjs', import.meta.url), resourceLimits ? { resourceLimits } : {});
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (handler) => worker.on('message', (m: FromWorker) => handler(m)),
    onError: (handler) => {
      worker.on('error', handler);
      worker.on('exit', (code) => handler(new Error(`a solver thread stopped (exit code ${code})`)));
    },
    terminate: () => void worker.terminate(),
    keepAlive: (alive) => (alive ? worker.ref() : worker.unref()),
  };
}

/** The CLI's threads, shared by `verify` and `run` and kept across runs (importing this starts none). */
export const solverThreads = createWorkerPool(() => spawnSolverThread());

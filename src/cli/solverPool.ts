import { Worker } from 'node:worker_threads';
import type { FromWorker, PoolThread } from '../engines/solver/search/parallel/messages.ts';

/** A worker thread for the solver's parallel search (search/parallel/pool.ts), for the CLI, the bench and tests. */
export function spawnSolverThread(): PoolThread {
  const worker = new Worker(new URL('./solverThread.mjs', import.meta.url));
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (handler) => worker.on('message', (m: FromWorker) => handler(m)),
    onError: (handler) => {
      worker.on('error', handler);
      worker.on('exit', (code) => {
        if (code !== 0) handler(new Error(`a solver thread stopped (exit code ${code})`));
      });
    },
    terminate: () => void worker.terminate(),
  };
}

import type { FromWorker, PoolThread } from '../../src/engines/solver/search/parallel/messages.ts';

/**
 * A Web Worker of the solver's parallel search, spawned from the solver worker (the app is
 * cross-origin isolated, so the steal flags' SharedArrayBuffers reach it). A Cancel terminates
 * the solver worker, and with it every worker it spawned.
 */
export function spawnSolverWebWorker(): PoolThread {
  const worker = new Worker(new URL('../solver-pool.worker.ts', import.meta.url), { type: 'module', name: 'solver-pool' });
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (handler) => worker.addEventListener('message', (e: MessageEvent<FromWorker>) => handler(e.data)),
    onError: (handler) => worker.addEventListener('error', (e) => handler(new Error(e.message || 'a solver pool worker failed to start'))),
    terminate: () => worker.terminate(),
    keepAlive: () => {},
  };
}

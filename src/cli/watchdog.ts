import { Worker } from 'node:worker_threads';

/**
 * A deadline that holds whatever the main thread is doing: VNN-COMP counts an answer printed after
 * the timeout as none, and the solver engine runs synchronously. A worker thread waits until the
 * deadline; the first of the two to claim the shared slot prints the answer (claim() is false when
 * the watchdog got there first and has already printed `timeout`).
 */
export interface Watchdog {
  claim(): boolean;
  dispose(): void;
}

/** `deadlineMs` counts from the process's start (performance.now()'s origin). */
export function startWatchdog(deadlineMs: number): Watchdog {
  const slot = new SharedArrayBuffer(4);
  const flag = new Int32Array(slot);
  const worker = new Worker(new URL('./watchdog.mjs', import.meta.url), { workerData: { slot, deadline: performance.timeOrigin + deadlineMs } });
  worker.unref();
  return {
    claim: () => Atomics.compareExchange(flag, 0, 0, 1) === 0,
    dispose: () => void worker.terminate(),
  };
}

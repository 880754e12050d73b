// The verify command's watchdog thread (watchdog.ts). Plain JavaScript so worker_threads loads it
// without a TypeScript loader. At the deadline, if the main thread has not claimed the answer
// slot, it claims it, prints the VNN-COMP answer `timeout` and ends the process: the engine runs
// synchronously on the main thread, and nothing else could interrupt it there.
import { writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

// The deadline is a wall-clock time (epoch milliseconds): this thread may start late on a busy machine.
const { slot, deadline } = workerData;
const claim = new Int32Array(slot);
setTimeout(() => {
  if (Atomics.compareExchange(claim, 0, 0, 2) !== 0) return;
  writeSync(1, 'timeout\n');
  writeSync(2, 'latticework: the time limit was reached before the solver answered.\n');
  process.kill(process.pid, 'SIGKILL');
}, Math.max(0, deadline - Date.now()));

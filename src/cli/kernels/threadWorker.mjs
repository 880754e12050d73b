// A thread of the node ParallelPool (threadPool.ts). worker_threads loads plain JavaScript, so this
// registers tsx (as latticework.mjs does) and runs threadWorker.ts: the thread then compiles each
// kernel with the engine's own instantiateKernel, the one place generated code becomes a function.
import { register } from 'tsx/esm/api';

register();
await import('./threadWorker.ts');

// A thread of the node ParallelPool (threadPool.ts). worker_threads loads plain JavaScript, so this
// runs threadWorker.ts from the CLI's bundle (bundle.mjs, as latticework.mjs does): the thread then
// compiles each kernel with the engine's own instantiateKernel, the one place generated code
// becomes a function.
import { bundledEntry } from '../bundle.mjs';

await import(await bundledEntry('threadWorker'));

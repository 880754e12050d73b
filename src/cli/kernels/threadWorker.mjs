// A thread of the node ParallelPool (threadPool.ts): compiles each distinct kernel once with the
// engine's instantiateKernel convention and runs it over the ranges it is sent. Plain JavaScript so
// that worker_threads can load it without a TypeScript loader; it must match
// src/engines/kernels/codegen/instantiate.ts (the code is generated from the checked IR only).
import { parentPort } from 'node:worker_threads';

const cache = new Map();

parentPort.on('message', ({ id, code, buffers, scalars, lo, hi }) => {
  try {
    let kernel = cache.get(code);
    if (!kernel) {
      kernel = new Function('buffers', 'scalars', 'lo', 'hi', `'use strict';\n${code}`);
      cache.set(code, kernel);
    }
    kernel(buffers, scalars, lo, hi);
    parentPort.postMessage({ id });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
});

import type { Kernel } from '../src/engines/kernels/codegen/instantiate.ts';
import type { PoolTask } from './kernels/pool.ts';
import { runPoolTask } from './kernels/poolTask.ts';

/** One worker of the browser's ParallelPool (workers/kernels/pool.ts). */
const compiled = new Map<string, Kernel>();
self.onmessage = (e: MessageEvent<PoolTask>) => self.postMessage(runPoolTask(e.data, compiled));

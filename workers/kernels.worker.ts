import { exposeEngine } from '../src/bridge/expose.ts';
import type { KernelsConfig, KernelsResult } from '../src/engines/kernels/api.ts';
import type { Engine } from '../src/engines/contract.ts';
import { createKernelsEngine } from '../src/engines/kernels/engine.ts';
import { createWebGpuHost } from './kernels/gpu.ts';
import { createWebWorkerPool } from './kernels/pool.ts';

const pool = createWebWorkerPool(
  Math.max(1, Math.min(navigator.hardwareConcurrency || 2, 16)),
  () => new Worker(new URL('./kernels-pool.worker.ts', import.meta.url), { type: 'module', name: 'kernels-pool' }),
);

// The adapter is asked for once, on the first run; the engine is built around whatever it gives.
let engine: Promise<Engine<KernelsConfig, KernelsResult>> | undefined;
const ready = () =>
  (engine ??= createWebGpuHost().then((gpu) => createKernelsEngine('host' in gpu ? { pool, gpu: gpu.host } : { pool, gpuMissing: gpu.missing })));

exposeEngine<KernelsConfig, KernelsResult>({ run: async (config, seed, ctx) => (await ready()).run(config, seed, ctx) });

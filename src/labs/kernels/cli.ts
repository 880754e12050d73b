import { createThreadPool } from '../../cli/kernels/threadPool.ts';
import { defineCliLab } from '../../cli/labs.ts';
import type { KernelsResult } from '../../engines/kernels/api.ts';
import { createKernelsEngine } from '../../engines/kernels/engine.ts';
import { spec, type KernelsScenarioConfig, type KernelsView } from './scenario.ts';

/** `latticework run` on kernels scenarios: the parallel backend on node worker_threads, no GPU. */
export const cliLab = defineCliLab<KernelsScenarioConfig, KernelsView, KernelsResult>(spec, createKernelsEngine({ pool: createThreadPool() }));

import { exposeEngine } from '../src/bridge/expose.ts';
import { createSolverEngine } from '../src/engines/solver/engine.ts';
import { createWorkerPool } from '../src/engines/solver/search/parallel/workerPool.ts';
import { spawnSolverWebWorker } from './solver/pool.ts';

// A config's `workers` > 1 runs input splitting over that many Web Workers spawned from here (kept across runs).
exposeEngine(createSolverEngine(createWorkerPool(spawnSolverWebWorker)));

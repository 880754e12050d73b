import { defineCliLab } from '../../cli/labs.ts';
import { solverThreads } from '../../cli/solverPool.ts';
import { createSolverEngine } from '../../engines/solver/engine.ts';
import { spec } from './scenario.ts';

/** A scenario's `workers` > 1 runs input splitting over that many worker threads. */
export const cliLab = defineCliLab(spec, createSolverEngine(solverThreads));

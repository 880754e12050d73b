import { createRunContext } from '../src/engines/runContext.ts';
import type { SolverRequest, Strategy } from '../src/engines/solver/config.ts';
import { engine } from '../src/engines/solver/engine.ts';
import type { SolverSummary } from '../src/engines/solver/result.ts';

/**
 * The clock a budget is measured on: `wall` (what VNN-COMP counts), or this process's `cpu` time,
 * which a machine shared with other jobs does not inflate (a wall-clock timeout under load 20 gives
 * the solver a fraction of a core).
 */
export type BenchClock = 'wall' | 'cpu';

export const cpuMillis = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * The CPU clock a budget reads: cpuMillis, read again only once a millisecond of wall time has
 * passed. A search asks the clock at every box; on a loaded machine a process.cpuUsage() call took
 * up to 17% of a profiled run, which the CPU figures then counted as the solver's.
 */
function throttledCpuClock(): () => number {
  let wall = -Infinity;
  let cpu = 0;
  return () => {
    const now = performance.now();
    if (now - wall >= 1) {
      wall = now;
      cpu = cpuMillis();
    }
    return cpu;
  };
}

/** The request every solver bench makes of an instance: the attack on, the lab's split threshold and tightening. */
export function benchRequest(instance: Pick<SolverRequest, 'network' | 'networkData' | 'property' | 'units'>, strategy: Strategy, timeout: number): SolverRequest {
  return { ...instance, strategy, timeoutSeconds: timeout, attack: true, splitThreshold: 5, tightening: 'symbolic' };
}

/** One benchmark instance (a network file, its property, their units) solved by `strategy` within `timeout` seconds of `clock`, timed on both clocks. */
export function solveTimed(
  instance: Pick<SolverRequest, 'network' | 'networkData' | 'property' | 'units'>,
  strategy: Strategy,
  timeout: number,
  clock: BenchClock = 'wall',
): { summary: SolverSummary; millis: number; cpuMillis: number } {
  const start = performance.now();
  const cpuStart = cpuMillis();
  const result = engine.run(
    benchRequest(instance, strategy, timeout),
    1,
    createRunContext({ maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: timeout * 1000 }, undefined, clock === 'cpu' ? throttledCpuClock() : undefined),
  ) as { summary: SolverSummary };
  return { summary: result.summary, millis: performance.now() - start, cpuMillis: cpuMillis() - cpuStart };
}

import { createRunContext } from '../src/engines/runContext.ts';
import type { SolverRequest, Strategy } from '../src/engines/solver/config.ts';
import { engine } from '../src/engines/solver/engine.ts';
import type { SolverSummary } from '../src/engines/solver/result.ts';

/** One benchmark instance (a network file, its property, their units) solved by `strategy` within `timeout` seconds, timed. */
export function solveTimed(
  instance: Pick<SolverRequest, 'network' | 'networkData' | 'property' | 'units'>,
  strategy: Strategy,
  timeout: number,
): { summary: SolverSummary; millis: number } {
  const start = performance.now();
  const result = engine.run(
    { ...instance, strategy, timeoutSeconds: timeout, attack: true, splitThreshold: 5, tightening: 'symbolic' },
    1,
    createRunContext({ maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: timeout * 1000 }),
  ) as { summary: SolverSummary };
  return { summary: result.summary, millis: performance.now() - start };
}

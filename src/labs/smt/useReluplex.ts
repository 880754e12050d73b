import { useCallback, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import type { SolverConfig, SolverRequest } from '../../engines/solver/config.ts';
import type { SolverResult } from '../../engines/solver/result.ts';
import { OKABE_ITO } from '../../ui/chart/palette.tsx';
import type { ContrastColumn } from './views/ContrastView.tsx';

const spawnSolver = () => new Worker(new URL('../../../workers/solver.worker.ts', import.meta.url), { type: 'module', name: 'solver' });

/**
 * The Solver lab's Reluplex on the query this formula was exported from: the third column of the
 * comparison (the talk's point: a theory solver that knows ReLUs, against generic lazy SMT).
 */
export function useReluplex() {
  const runner = useEngine<SolverRequest, SolverResult>(spawnSolver);
  const { start } = runner;
  const [column, setColumn] = useState<ContrastColumn | { failed: string }>();
  const run = useCallback(
    async (origin: SolverConfig, seed: number) => {
      setColumn(undefined);
      const config: SolverConfig = { ...origin, strategy: 'reluplex', attack: false };
      const outcome = await start(config, seed, { maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: config.timeoutSeconds * 1000 + 15_000 });
      if (outcome.status !== 'done') {
        if (outcome.error.kind !== 'cancelled') setColumn({ failed: outcome.error.message });
        return;
      }
      const s = outcome.result.summary;
      setColumn({
        title: 'Reluplex',
        subtitle: 'simplex with ReLU pairs, split on demand',
        verdict: s.verdict === 'holds' ? 'unsat' : s.verdict === 'violated' ? 'sat' : 'unknown',
        rows: [
          ['ReLUs', s.network.nonlinear],
          ['nodes', s.stats.nodes],
          ['splits', s.stats.splits],
          ['pivots', s.stats.pivots],
          ['updates', s.stats.updates],
        ],
        elapsedMs: outcome.elapsedMs,
        pattern: 'dots',
        color: OKABE_ITO.bluishGreen,
      });
    },
    [start],
  );
  return { run, column, state: runner.state, cancel: runner.cancel };
}

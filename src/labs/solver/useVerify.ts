import { useEngine } from '../../bridge/useEngine.ts';
import type { SolverConfig, SolverRequest } from '../../engines/solver/config.ts';
import type { SolverProgressDetail, SolverResult } from '../../engines/solver/result.ts';
import { Fate } from '../../engines/solver/trace/tree.ts';
import type { Scenario } from '../../scenario/types.ts';
import { useScenarioRun } from '../shared/useScenarioRun.ts';
import type { SolverView } from './scenario.ts';

const spawn = () => new Worker(new URL('../../../workers/solver.worker.ts', import.meta.url), { type: 'module', name: 'solver' });

type Scn = Scenario<SolverConfig, SolverView>;

/**
 * Verification in the solver worker. A scenario whose view says a run was shown re-runs it once on
 * open (the engine is deterministic), stopping at the same budget check if its clock had ended it,
 * and the view seeks back to where it stood; a fresh run shows its end and selects the
 * counterexample's node (or the first split). A shown run is stale once the config changes.
 */
export function useVerify(scenario: Scn, onChange: (next: Scn) => void, networkData: SolverRequest['networkData'], blocked: boolean) {
  const runner = useEngine<SolverRequest, SolverResult, SolverProgressDetail>(spawn);
  const { shown, current, run } = useScenarioRun<SolverConfig, SolverView, SolverResult, SolverRequest>({
    scenario,
    onChange,
    engine: runner,
    ran: (view) => view.ran,
    keyOf: (s) => JSON.stringify(s.config),
    rerun: 'open',
    blocked,
    request: (s, reopen) => ({ ...s.config, ...(networkData ? { networkData } : {}), ...(reopen && s.view.checkpoints ? { stopAtCheckpoint: s.view.checkpoints } : {}) }),
    budget: (s) => ({ maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: s.config.timeoutSeconds * 1000 + 15_000 }),
    onDone: (r, { started, now, reopen }) => {
      const last = Math.max(0, r.trace.events.count - 1);
      const cexNode = Array.from(r.trace.tree.fate).findIndex((f) => f === Fate.counterexample);
      const replay = reopen ? started.view : undefined;
      return {
        ...now,
        view: {
          ...now.view,
          ran: true,
          checkpoints: replay ? replay.checkpoints : r.summary.stopped === 'time' ? r.summary.checkpoints : 0,
          position: replay ? Math.min(replay.position, last) : last,
          selected: replay ? replay.selected : cexNode >= 0 ? cexNode : r.trace.tree.count > 1 && r.trace.details.has[0] !== 1 ? 1 : 0,
        },
      };
    },
  });
  const live = runner.state.status === 'running' ? runner.state.progress?.detail : undefined;
  return { runner, shown, stale: shown !== undefined && !current, run, live };
}

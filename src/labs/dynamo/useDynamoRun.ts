import { useEngine } from '../../bridge/useEngine.ts';
import type { Budget } from '../../engines/contract.ts';
import { DEFAULT_BUDGET } from '../../engines/runContext.ts';
import type { DynamoConfig } from '../../engines/dynamo/config.ts';
import type { DynamoResult } from '../../engines/dynamo/engine.ts';
import type { Scenario } from '../../scenario/types.ts';
import { useScenarioRun } from '../shared/useScenarioRun.ts';
import type { DynamoView } from './scenario.ts';
import { frameAt, timeAt } from './timeline.ts';

/**
 * A Dynamo run is bounded by its events (one step each, counted by the engine), not by the wall
 * clock: a 10 M-request run takes minutes on a busy machine, shows its progress and can be
 * cancelled. The time limit left is a watchdog for a worker that stops answering.
 */
const RUN_BUDGET: Budget = { maxSteps: DEFAULT_BUDGET.maxSteps, maxMillis: 6 * 3_600_000 };

const spawn = () => new Worker(new URL('../../../workers/dynamo.worker.ts', import.meta.url), { type: 'module', name: 'dynamo' });

/**
 * Runs the scenario in the Dynamo worker and keeps what the views show in step with it. When the
 * view says a run was shown and the settings differ from the shown run (a link just opened, an
 * example loaded, a setting edited, a failure injected), the scenario runs again, after a short
 * pause so that typing does not start a run per keystroke. The player then stands at the same
 * simulated time as before, or, on a fresh open, at the saved position.
 */
export function useDynamoRun(scenario: Scenario<DynamoConfig, DynamoView>, onChange: (next: Scenario<DynamoConfig, DynamoView>) => void) {
  const engine = useEngine<DynamoConfig, DynamoResult>(spawn);
  const { shown, current, run } = useScenarioRun({
    scenario,
    onChange,
    engine,
    budget: () => RUN_BUDGET,
    ran: (view) => view.ran,
    onDone: (result, { started, now, previous }) => {
      const keepTime = previous ? timeAt(previous.result.trace, started.view.position) : undefined;
      // Same simulated time as before a re-run; the saved position when a link reopens a shown run;
      // the end (every metric complete) after a first Run.
      const last = Math.max(0, result.trace.events.length - 1);
      const position = keepTime !== undefined ? frameAt(result.trace, keepTime) : now.view.ran ? Math.min(now.view.position, last) : last;
      return !now.view.ran || position !== now.view.position ? { ...now, view: { ...now.view, ran: true, position } } : undefined;
    },
  });
  return { engine, shown, current, run };
}

import { useEngine } from '../../bridge/useEngine.ts';
import type { LvarsConfig, LvarsInput, LvarsResult } from '../../engines/lvars/index.ts';
import type { Scenario } from '../../scenario/types.ts';
import { useScenarioRun } from '../shared/useScenarioRun.ts';
import type { LvarsView } from './scenario.ts';
import { spawnLvars } from './useLvarsCheck.ts';

type Scn = Scenario<LvarsConfig, LvarsView>;

/**
 * Exploring the program's schedules. A link that showed an exploration runs it again on open (the
 * engine is deterministic); an exploration is shown only for the program it explored, and a result
 * that arrives after the program changed is dropped. A first exploration replays its first
 * outcome's witness unless a schedule is already chosen.
 */
export function useLvarsExplore(scenario: Scn, onChange: (next: Scn) => void) {
  const explorer = useEngine<LvarsInput, LvarsResult>(spawnLvars);
  const { shown, current, run } = useScenarioRun<LvarsConfig, LvarsView, LvarsResult, LvarsInput>({
    scenario,
    onChange,
    engine: explorer,
    ran: (view) => view.ran,
    keyOf: (s) => s.config.program,
    rerun: 'open',
    dropStale: true,
    request: (s) => ({ ...s.config, task: { kind: 'explore' } }),
    onDone: (r, { now }) => {
      const v = now.view;
      const keep = v.schedule.length > 0 || v.adversarial;
      const witness = r.kind === 'explore' ? (r.summary.outcomes[0]?.witness ?? []) : [];
      return { ...now, view: { ...v, ran: true, ...(keep ? {} : { schedule: witness, step: 0 }) } };
    },
  });
  const result = current ? shown?.result : undefined;
  const exploration = result?.kind === 'explore' ? { summary: result.summary, graph: result.trace.graph } : undefined;
  return { explorer, exploration, explore: run };
}

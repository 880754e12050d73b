import { useEffect, useRef, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import type { Replay } from '../../engines/lvars/explore/replay.ts';
import type { LvarsConfig, LvarsInput, LvarsResult } from '../../engines/lvars/index.ts';
import type { RunFailure } from '../../engines/runEngine.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { LvarsView } from './scenario.ts';
import { spawnLvars } from './useLvarsCheck.ts';

const REPLAY_BUDGET = { maxSteps: 500_000_000, maxMillis: 30_000 };

/**
 * The schedule in the Player: replayed whenever it (or the program, or being the scheduler)
 * changes. A replay is shown only for the key it was made for.
 */
export function useLvarsReplay(scenario: Scenario<LvarsConfig, LvarsView>) {
  const replayer = useEngine<LvarsInput, LvarsResult>(spawnLvars);
  const [replay, setReplay] = useState<{ key: string; trace?: Replay; failure?: RunFailure }>();
  const latest = useRef(scenario);
  latest.current = scenario;
  const { config, view } = scenario;
  const replayKey = JSON.stringify([config.program, view.schedule, view.adversarial]);
  const wantReplay = view.adversarial || view.schedule.length > 0;
  const { start } = replayer;
  useEffect(() => {
    if (!wantReplay) return;
    let live = true;
    const s = latest.current;
    void start({ ...s.config, task: { kind: 'replay', schedule: s.view.schedule, finish: !s.view.adversarial } }, s.seed, REPLAY_BUDGET).then((o) => {
      if (!live || (o.status === 'failed' && o.error.kind === 'cancelled')) return;
      if (o.status === 'done') setReplay(o.result.kind === 'replay' ? { key: replayKey, trace: o.result.trace } : { key: replayKey });
      else setReplay({ key: replayKey, failure: o.error });
    });
    return () => {
      live = false;
    };
  }, [replayKey, wantReplay, start]);
  const mine = replay?.key === replayKey ? replay : undefined;
  return { trace: mine?.trace, failure: mine?.failure };
}

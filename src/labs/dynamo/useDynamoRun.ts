import { useCallback, useEffect, useRef, useState } from 'react';
import { useEngine } from '../../bridge/useEngine.ts';
import type { DynamoConfig } from '../../engines/dynamo/config.ts';
import type { DynamoResult } from '../../engines/dynamo/engine.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { DynamoView } from './scenario.ts';
import { frameAt, timeAt } from './timeline.ts';

const spawn = () => new Worker(new URL('../../../workers/dynamo.worker.ts', import.meta.url), { type: 'module', name: 'dynamo' });

/** A finished run and the settings it ran with (the views describe these, not later edits). */
export interface Shown {
  result: DynamoResult;
  config: DynamoConfig;
  seed: number;
  key: string;
}

const keyOf = (config: DynamoConfig, seed: number) => JSON.stringify([config, seed]);

/**
 * Runs the scenario in the Dynamo worker and keeps what the views show in step with it. When the
 * view says a run was shown and the settings differ from the shown run (a link just opened, an
 * example loaded, a setting edited, a failure injected), the scenario runs again, after a short
 * pause so that typing does not start a run per keystroke. The player then stands at the same
 * simulated time as before, or, on a fresh open, at the saved position.
 */
export function useDynamoRun(scenario: Scenario<DynamoConfig, DynamoView>, onChange: (next: Scenario<DynamoConfig, DynamoView>) => void) {
  const engine = useEngine<DynamoConfig, DynamoResult>(spawn);
  const [shown, setShown] = useState<Shown>();
  const latest = useRef({ scenario, onChange, shown });
  latest.current = { scenario, onChange, shown };
  const pending = useRef<string | undefined>(undefined);
  const { start } = engine;

  const run = useCallback(async () => {
    const { scenario: s } = latest.current;
    const key = keyOf(s.config, s.seed);
    pending.current = key;
    const before = latest.current.shown;
    const keepTime = before ? timeAt(before.result.trace, s.view.position) : undefined;
    const outcome = await start(s.config, s.seed);
    if (pending.current === key) pending.current = undefined;
    if (outcome.status !== 'done') return;
    const shownNow: Shown = { result: outcome.result, config: s.config, seed: s.seed, key };
    setShown(shownNow);
    const now = latest.current.scenario;
    const length = outcome.result.trace.events.length;
    // Same simulated time as before a re-run; the saved position when a link reopens a shown run;
    // the end (every metric complete) after a first Run.
    const last = Math.max(0, length - 1);
    const position = keepTime !== undefined ? frameAt(outcome.result.trace, keepTime) : now.view.ran ? Math.min(now.view.position, last) : last;
    if (!now.view.ran || position !== now.view.position) latest.current.onChange({ ...now, view: { ...now.view, ran: true, position } });
  }, [start]);

  const wanted = keyOf(scenario.config, scenario.seed);
  const ran = scenario.view.ran;
  const current = shown?.key === wanted;
  useEffect(() => {
    if (!ran || current || pending.current === wanted) return;
    const timer = setTimeout(() => void run(), latest.current.shown ? 300 : 0);
    return () => clearTimeout(timer);
  }, [ran, current, wanted, run]);

  return { engine, shown, current, run };
}

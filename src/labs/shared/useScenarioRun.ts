import { useCallback, useEffect, useRef, useState } from 'react';
import type { EngineRunner } from '../../bridge/useEngine.ts';
import type { Budget } from '../../engines/contract.ts';
import type { Scenario } from '../../scenario/types.ts';

/** A finished run and the settings it ran with (the views describe these, not later edits). */
export interface Shown<C, R> {
  result: R;
  config: C;
  seed: number;
  key: string;
  /** How long the run took (the engine's summary holds counts only, so runs compare byte for byte). */
  elapsedMs: number;
}

export interface ScenarioRunOptions<C, V, R, Req> {
  scenario: Scenario<C, V>;
  onChange(next: Scenario<C, V>): void;
  engine: Pick<EngineRunner<Req, R>, 'start'>;
  /** Whether the view says a run was shown (then opening the scenario runs it again). */
  ran(view: V): boolean;
  /** What a shown run must match to be current; default: the config and the seed. */
  keyOf?(scenario: Scenario<C, V>): string;
  /**
   * When to run without being asked: `open`, once after mounting, if the view says it ran and
   * nothing is shown yet; `changes`, whenever the view says it ran and the shown run is not current.
   */
  rerun?: 'open' | 'changes';
  /** The pause before an automatic run while an older run is shown (typing should not start a run per key). */
  debounceMs?: number;
  /** No automatic run while true (a file still loading, an error in the input). */
  blocked?: boolean;
  /** The engine's input for a scenario; default its config. `reopen` is true for the automatic run. */
  request?(scenario: Scenario<C, V>, reopen: boolean): Req;
  budget?(scenario: Scenario<C, V>, reopen: boolean): Budget | undefined;
  /** Ignore a result whose key no longer matches the scenario when it arrives. */
  dropStale?: boolean;
  /** After a run: the scenario to change to (the view's position, say), or undefined to leave it. */
  onDone?(result: R, ctx: { started: Scenario<C, V>; now: Scenario<C, V>; previous: Shown<C, R> | undefined; reopen: boolean }): Scenario<C, V> | undefined;
}

const defaultKey = <C, V>(s: Scenario<C, V>) => JSON.stringify([s.config, s.seed]);

/**
 * Runs a lab's scenario in its engine and keeps the shown run in step with the scenario. Engines
 * are deterministic, so re-running a scenario whose view says it ran reproduces what was shown.
 */
export function useScenarioRun<C, V, R, Req = C>(options: ScenarioRunOptions<C, V, R, Req>) {
  const { scenario, engine, rerun = 'changes', debounceMs = 300, blocked = false } = options;
  const [shown, setShown] = useState<Shown<C, R>>();
  const latest = useRef({ options, shown });
  latest.current = { options, shown };
  const pending = useRef<string | undefined>(undefined);
  const { start } = engine;

  const runWith = useCallback(
    async (reopen: boolean) => {
      const { options: o } = latest.current;
      const s = o.scenario;
      const keyOf = o.keyOf ?? defaultKey;
      const key = keyOf(s);
      pending.current = key;
      const previous = latest.current.shown;
      const outcome = await start(o.request ? o.request(s, reopen) : (s.config as unknown as Req), s.seed, o.budget?.(s, reopen));
      if (pending.current === key) pending.current = undefined;
      if (outcome.status !== 'done') return;
      const now = latest.current.options.scenario;
      if (o.dropStale && keyOf(now) !== key) return;
      setShown({ result: outcome.result, config: s.config, seed: s.seed, key, elapsedMs: outcome.elapsedMs });
      const next = latest.current.options.onDone?.(outcome.result, { started: s, now, previous, reopen });
      if (next) latest.current.options.onChange(next);
    },
    [start],
  );
  const run = useCallback(() => runWith(false), [runWith]);

  const wanted = (options.keyOf ?? defaultKey)(scenario);
  const ran = options.ran(scenario.view);
  const current = shown?.key === wanted;
  const opened = useRef(false);
  useEffect(() => {
    if (!ran || blocked) return;
    if (rerun === 'open') {
      if (opened.current || latest.current.shown) return;
      opened.current = true;
      void runWith(true);
      return;
    }
    if (current || pending.current === wanted) return;
    const timer = setTimeout(() => void runWith(true), latest.current.shown ? debounceMs : 0);
    return () => clearTimeout(timer);
  }, [ran, blocked, rerun, current, wanted, debounceMs, runWith]);

  return { shown, current, run };
}

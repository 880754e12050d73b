import { useCallback, useRef, type RefObject } from 'react';
import type { Scenario } from '../../scenario/types.ts';

export interface Patchers<C, V> {
  /** The scenario of the latest render: callbacks read it instead of capturing a stale one. */
  latest: RefObject<Scenario<C, V>>;
  change(patch: Partial<Scenario<C, V>>): void;
  patchConfig(patch: Partial<C>): void;
  patchView(patch: Partial<V>): void;
}

/**
 * Setters that patch the latest scenario. The shell passes a new `onChange` on every render, so
 * these read it (and the scenario) through refs: their identity never changes, and effects that
 * depend on them run once per mount.
 */
export function usePatch<C, V>(scenario: Scenario<C, V>, onChange: (next: Scenario<C, V>) => void): Patchers<C, V> {
  const latest = useRef(scenario);
  latest.current = scenario;
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const change = useCallback((patch: Partial<Scenario<C, V>>) => changeRef.current({ ...latest.current, ...patch }), []);
  const patchConfig = useCallback((patch: Partial<C>) => change({ config: { ...latest.current.config, ...patch } }), [change]);
  const patchView = useCallback((patch: Partial<V>) => change({ view: { ...latest.current.view, ...patch } }), [change]);
  return { latest, change, patchConfig, patchView };
}

import { useCallback, useRef, type ComponentType, type ReactElement } from 'react';
import { validateScenario, type Decoded, type ScenarioSource } from '../scenario/codec.ts';
import type { LabId, LabScenarioSpec, Scenario } from '../scenario/types.ts';

/** How a lab is shown: the full workbench, one main view in an iframe, or on a projector. */
export type ViewMode = 'full' | 'embed' | 'present';

export interface LabViewProps<C, V> {
  scenario: Scenario<C, V>;
  onChange(next: Scenario<C, V>): void;
  mode: ViewMode;
}

/** What a lab module provides: its scenario schemas, a starting scenario and its views. */
export interface LabModule<C, V> {
  spec: LabScenarioSpec<C, V>;
  defaultScenario: Scenario<C, V>;
  View: ComponentType<LabViewProps<C, V>>;
}

interface ShellViewProps {
  scenario: Scenario;
  onChange(next: Scenario): void;
  mode: ViewMode;
}

/** A lab as the shell sees it: its types erased behind validation. */
export interface LoadedLab {
  id: LabId;
  defaultScenario: Scenario;
  validate(scenario: Scenario, source?: ScenarioSource): Decoded<Scenario>;
  render(props: ShellViewProps): ReactElement;
}

/**
 * Wraps a lab module for the shell. The shell holds scenarios with their types erased; the lab
 * keeps, for every scenario it accepted (validated, its default, or one its view produced), the
 * same object as its own type, and shows only those. A scenario it never accepted is validated
 * before it is shown. The view's `onChange` keeps its identity across renders.
 */
export function defineLab<C, V>(module: LabModule<C, V>): LoadedLab {
  const { View, spec } = module;
  const accepted = new WeakMap<Scenario, Scenario<C, V>>();
  const accept = (scenario: Scenario<C, V>) => {
    accepted.set(scenario, scenario);
    return scenario;
  };
  const validate = (scenario: Scenario, source?: ScenarioSource): Decoded<Scenario<C, V>> => {
    const checked = validateScenario(scenario, spec, source);
    if (checked.ok) accept(checked.value);
    return checked;
  };
  const typed = (scenario: Scenario): Scenario<C, V> => {
    const known = accepted.get(scenario);
    if (known) return known;
    const checked = validate(scenario);
    if (!checked.ok) throw new Error(`The ${spec.lab} lab was given a scenario it does not accept: ${checked.error.message}`);
    return checked.value;
  };
  accept(module.defaultScenario);

  function LabView({ scenario, onChange, mode }: ShellViewProps) {
    const latest = useRef(onChange);
    latest.current = onChange;
    const change = useCallback((next: Scenario<C, V>) => latest.current(accept(next)), []);
    return <View scenario={typed(scenario)} onChange={change} mode={mode} />;
  }

  return { id: spec.lab, defaultScenario: module.defaultScenario, validate, render: (props) => <LabView {...props} /> };
}

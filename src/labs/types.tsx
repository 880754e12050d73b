import type { ComponentType, ReactElement } from 'react';
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

/** A lab as the shell sees it: its types erased behind validation. */
export interface LoadedLab {
  id: LabId;
  defaultScenario: Scenario;
  validate(scenario: Scenario, source?: ScenarioSource): Decoded<Scenario>;
  render(props: { scenario: Scenario; onChange(next: Scenario): void; mode: ViewMode }): ReactElement;
}

/**
 * Wraps a lab module for the shell. The shell only hands `render` scenarios that `validate`
 * accepted, which is what makes the casts below sound.
 */
export function defineLab<C, V>(module: LabModule<C, V>): LoadedLab {
  const { View } = module;
  return {
    id: module.spec.lab,
    defaultScenario: module.defaultScenario as unknown as Scenario,
    validate: (scenario, source) => validateScenario(scenario, module.spec, source) as unknown as Decoded<Scenario>,
    render: ({ scenario, onChange, mode }) => (
      <View
        scenario={scenario as unknown as Scenario<C, V>}
        onChange={(next) => onChange(next as unknown as Scenario)}
        mode={mode}
      />
    ),
  };
}

import { useState } from 'react';
import type { DynamoConfig, FailureEvent } from '../../engines/dynamo/config.ts';
import type { Scenario } from '../../scenario/types.ts';
import { spec, type DynamoView } from './scenario.ts';

/**
 * Failures injected from the views (a click on the ring, a partition drawn across it): added to
 * the scenario's failure list when the settings accept them, so the scenario runs again with them;
 * otherwise `problem` says why not.
 */
export function useFailureInjection(scenario: Scenario<DynamoConfig, DynamoView>, onChange: (next: Scenario<DynamoConfig, DynamoView>) => void) {
  const [problem, setProblem] = useState<string>();
  const inject = (f: FailureEvent) => {
    const next = { ...scenario.config, failures: [...scenario.config.failures, f] };
    const checked = spec.config.parse(next, 'config');
    if (!checked.ok) {
      setProblem(`That failure cannot be added (${checked.issue.path}: ${checked.issue.message}).`);
      return;
    }
    setProblem(undefined);
    onChange({ ...scenario, config: checked.value, view: { ...scenario.view, ran: true } });
  };
  return { inject, problem };
}

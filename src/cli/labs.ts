import type { Budget, Engine, EngineResult, Progress } from '../engines/contract.ts';
import { runEngine, type RunOutcome } from '../engines/runEngine.ts';
import { validateScenario, type Decoded } from '../scenario/codec.ts';
import type { LabId, LabScenarioSpec, Scenario } from '../scenario/types.ts';

/** A lab as the CLI sees it: validate a scenario, run it through the lab's engine. */
export interface CliLab {
  validate(scenario: Scenario): Decoded<Scenario>;
  run(scenario: Scenario, budget: Budget | undefined, onProgress?: (p: Progress) => void): Promise<RunOutcome<EngineResult>>;
}

/** What src/labs/<lab>/cli.ts exports as `cliLab`. */
export function defineCliLab<C, V, R extends EngineResult>(spec: LabScenarioSpec<C, V>, engine: Engine<C, R>): CliLab {
  return {
    validate: (scenario) => validateScenario(scenario, spec),
    // Only scenarios that `validate` accepted reach `run`, so their config has type C.
    run: (scenario, budget, onProgress) =>
      runEngine(engine, { config: scenario.config as C, seed: scenario.seed, ...(budget ? { budget } : {}) }, onProgress),
  };
}

/**
 * Each lab's src/labs/<lab>/cli.ts, imported when a scenario of that lab runs (so `latticework
 * examples` loads no engine). Static imports, so the CLI's bundle (bundle.mjs) contains them.
 */
const CLI_LABS: Record<LabId, () => Promise<{ cliLab: CliLab }>> = {
  lvars: () => import('../labs/lvars/cli.ts'),
  dynamo: () => import('../labs/dynamo/cli.ts'),
  solver: () => import('../labs/solver/cli.ts'),
  smt: () => import('../labs/smt/cli.ts'),
  kernels: () => import('../labs/kernels/cli.ts'),
};

export async function loadCliLab(lab: LabId): Promise<CliLab> {
  return (await CLI_LABS[lab]()).cliLab;
}

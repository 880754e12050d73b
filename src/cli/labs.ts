import { access } from 'node:fs/promises';
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

/** Loads src/labs/<lab>/cli.ts, or returns undefined when that lab is not built. */
export async function loadCliLab(lab: LabId): Promise<CliLab | undefined> {
  const url = new URL(`../labs/${lab}/cli.ts`, import.meta.url);
  try {
    await access(url);
  } catch {
    return undefined;
  }
  const mod = (await import(url.href)) as { cliLab: CliLab };
  return mod.cliLab;
}

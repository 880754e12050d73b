import type { Schema } from './schema.ts';

/** Every lab the app knows of; the registry lists the ones that are built. */
export const LAB_IDS = ['lvars', 'dynamo', 'solver', 'smt', 'kernels'] as const;
export type LabId = (typeof LAB_IDS)[number];

/** The current scenario format; older ones are migrated on load (see migrate.ts). */
export const SCENARIO_VERSION = 1;

/**
 * Everything needed to reproduce an experiment: which lab, the engine's input (`config`), the seed,
 * and where the views stand (`view`: the player position, the selected witness, ...).
 * Plain JSON, so it fits a link, a file and localStorage alike.
 */
export interface Scenario<C = unknown, V = unknown> {
  version: typeof SCENARIO_VERSION;
  lab: LabId;
  title: string;
  seed: number;
  config: C;
  view: V;
}

/** What a lab contributes to validation: schemas for its own two fields. */
export interface LabScenarioSpec<C, V> {
  lab: LabId;
  config: Schema<C>;
  view: Schema<V>;
}

import { createRunContext } from '../../runContext.ts';
import { engine, type ExploreSettings, type ExploreSummary, type LvarsResult, type LvarsTask } from '../index.ts';
import type { Exploration } from '../explore/explore.ts';

export const SETTINGS: ExploreSettings = { mode: 'exhaustive', reduction: true, por: false, dpor: false, maxStates: 500_000, schedules: 200, maxDepth: 2_000, localLimit: 2_000_000 };

/** Runs the engine exactly as the worker and the CLI do. */
export async function runTask(program: string, task: LvarsTask, settings: Partial<ExploreSettings> = {}, seed = 1): Promise<LvarsResult> {
  return engine.run({ program, explore: { ...SETTINGS, ...settings }, task }, seed, createRunContext({ maxSteps: 1e12, maxMillis: 120_000 }));
}

export async function explore(program: string, settings: Partial<ExploreSettings> = {}, seed = 1): Promise<ExploreSummary & { graph: Exploration['graph'] }> {
  const r = await runTask(program, { kind: 'explore' }, settings, seed);
  if (r.summary.task !== 'explore') throw new Error('not an exploration');
  return { ...r.summary, graph: (r.trace as { graph: Exploration['graph'] }).graph };
}

export const values = (e: { outcomes: { kind: string; text: string }[] }) => e.outcomes.filter((o) => o.kind === 'value').map((o) => o.text).sort();
export const errorKinds = (e: { outcomes: { kind: string; errorKind?: string }[] }) => e.outcomes.filter((o) => o.kind === 'error').map((o) => o.errorKind).sort();

import { InputError, type Engine, type RunContext } from '../contract.ts';
import { worldOf, type Analysis, type Level } from './analysis/analyze.ts';
import { analyzeLast } from './analysis/lastAnalysis.ts';
import { exploreDpor } from './explore/dpor.ts';
import { exploreExhaustive, exploreRandom, type Exploration } from './explore/explore.ts';
import { explainVerdict, failuresOf, type FailureSummary } from './explore/outcome.ts';
import { replay, type Replay } from './explore/replay.ts';
import type { LawReport } from './lattice/laws.ts';
import type { Diagnostic } from './types/infer.ts';

/** How to explore a program's schedules (saved in the scenario). */
export interface ExploreSettings {
  mode: 'exhaustive' | 'random';
  /** State caching: each configuration is explored once, whatever schedule reached it. */
  reduction: boolean;
  /** Partial-order reduction (sleep sets): one schedule per class of equivalent interleavings. */
  por: boolean;
  /**
   * Dynamic partial-order reduction (source sets and sleep sets, POPL'14): stateless, so state
   * caching and plain sleep sets do not apply; one schedule per class of equivalent interleavings.
   */
  dpor: boolean;
  maxStates: number;
  /** Random mode: how many schedules. */
  schedules: number;
  /** The longest schedule followed, in scheduler steps. */
  maxDepth: number;
  /** Steps one thread may take between two shared operations (catches infinite loops). */
  localLimit: number;
}

/** An LVars scenario's engine input: the program and how to explore it. */
export interface LvarsConfig {
  program: string;
  explore: ExploreSettings;
}

export type LvarsTask = { kind: 'check' } | { kind: 'explore' } | { kind: 'replay'; schedule: string[]; finish: boolean };

export interface LvarsInput extends LvarsConfig {
  /** Explore by default (what the CLI runs). */
  task?: LvarsTask;
}

export interface CheckSummary {
  task: 'check';
  diagnostics: Diagnostic[];
  level: Level;
  laws: LawReport[];
}

export interface ExploreSummary extends Omit<Exploration, 'graph'> {
  task: 'explore';
  mode: ExploreSettings['mode'];
  reduction: boolean;
  /** Counts are of explored schedules (one per equivalence class), not of all schedules. */
  por: boolean;
  dpor: boolean;
  level: Level;
  laws: LawReport[];
  /** Interpreter reductions performed (all threads, all schedules). */
  steps: number;
  /** The verdict in one sentence: "always fails: conflicting put on line 4". */
  explanation: string;
  /** The value every successful schedule gives, when there is exactly one (deterministic, quasi-deterministic). */
  value: string | undefined;
  /** The kinds of failure that occurred, with their lines and schedule counts. */
  failures: FailureSummary[];
}

export interface ReplaySummary {
  task: 'replay';
  frames: number;
  schedule: string[];
  ending: Replay['ending'];
  problem: string | undefined;
}

/** What a task returns; `kind` is the task's, so a caller narrows the result without casts. */
export type LvarsResult =
  | { kind: 'check'; summary: CheckSummary; trace?: undefined }
  | { kind: 'explore'; summary: ExploreSummary; trace: { graph: Exploration['graph'] } }
  | { kind: 'replay'; summary: ReplaySummary; trace: Replay };

function ready(analysis: Analysis): NonNullable<Analysis['ready']> {
  const first = analysis.diagnostics.find((d) => d.severity === 'error');
  if (first || !analysis.ready) throw new InputError(first?.message ?? 'The program cannot run.', first && { line: first.loc.line, column: first.loc.column });
  return analysis.ready;
}

function verdictDetail(found: Omit<Exploration, 'graph'>): Pick<ExploreSummary, 'explanation' | 'value' | 'failures'> {
  const values = found.outcomes.filter((o) => o.kind === 'value');
  return { explanation: explainVerdict(found.verdict, found.outcomes), value: values.length === 1 ? values[0]!.text : undefined, failures: failuresOf(found.outcomes) };
}

/** The LVars engine: check a program, explore its schedules, or replay one schedule. */
export const engine: Engine<LvarsInput, LvarsResult> = {
  async run(input: LvarsInput, seed: number, ctx: RunContext): Promise<LvarsResult> {
    const analysis = analyzeLast(input.program);
    const task = input.task ?? { kind: 'explore' };
    if (task.kind === 'check') return { kind: 'check', summary: { task: 'check', diagnostics: analysis.diagnostics, level: analysis.level, laws: analysis.laws } };
    const settings = input.explore;
    let steps = 0;
    const world = worldOf(ready(analysis), settings.localLimit, () => {
      if ((++steps & 1023) === 0) ctx.tick(1024);
    });
    if (task.kind === 'replay') {
      const trace = replay(world, task.schedule, task.finish, settings.maxDepth);
      return { kind: 'replay', summary: { task: 'replay', frames: trace.frames.length, schedule: trace.schedule, ending: trace.ending, problem: trace.problem }, trace };
    }
    const options = { ...settings, sleepSets: settings.por, seed, graphLimit: 400 };
    const explorer = settings.mode === 'random' ? exploreRandom : settings.dpor ? exploreDpor : exploreExhaustive;
    const { graph, ...found } = await explorer(world, options, ctx);
    return {
      kind: 'explore',
      summary: { task: 'explore', ...found, ...verdictDetail(found), mode: settings.mode, reduction: settings.reduction, por: settings.por, dpor: settings.dpor, level: analysis.level, laws: analysis.laws, steps },
      trace: { graph },
    };
  },
};

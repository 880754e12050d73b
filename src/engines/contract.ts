/**
 * The contract between an engine and whoever runs it (a worker, the CLI, a test, a benchmark).
 * Engines are pure: data in, data out; they report progress and spend budget through RunContext.
 */

export interface Budget {
  /** Units of work (interpreter steps, events, pivots; the engine says what a unit is). */
  maxSteps: number;
  /** Wall-clock milliseconds. */
  maxMillis: number;
}

/** A progress report; `Detail` is what the engine's live view gets (a partial search tree, say). */
export interface Progress<Detail = unknown> {
  done: number;
  /** The total when known; otherwise the engine's estimate or undefined. */
  total?: number;
  /** What is being done now, in a few words ("schedules explored"). */
  label?: string;
  /** The best answer so far, if the engine has one (shown next to the progress bar). */
  best?: string;
  /** Engine-specific data for a live view (a partial search tree, say); plain data, cloned to the page. */
  detail?: Detail;
}

export class BudgetExceeded extends Error {
  constructor(
    readonly budget: 'steps' | 'time',
    readonly spent: number,
  ) {
    super(
      budget === 'steps'
        ? `stopped after ${spent.toLocaleString('en-US')} steps: the step budget is spent`
        : `stopped after ${(spent / 1000).toFixed(1)} s: the time budget is spent`,
    );
    this.name = 'BudgetExceeded';
  }
}

/** A problem with the engine's input (a parse error, an impossible setting): exit code 2 in the CLI. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly at?: { line: number; column: number },
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export interface RunContext<Detail = unknown> {
  readonly budget: Budget;
  /** Spends `n` units; throws BudgetExceeded once the step or the time budget is gone. */
  tick(n?: number): void;
  /** True once the time budget is gone, for engines that stop gracefully (a solver's `unknown`). */
  expired(): boolean;
  /** Steps spent so far. */
  steps(): number;
  /** Milliseconds since the run started. */
  elapsed(): number;
  /** Reports progress; calls closer than 100 ms apart are dropped (the last one is kept by `flush`). */
  progress(p: Progress<Detail>): void;
}

/** What every engine returns: a summary (verdicts, metrics) and a trace the views replay. */
export interface EngineResult {
  summary: unknown;
  trace?: unknown;
}

/**
 * An engine. `Detail` types the `detail` of its progress reports, so that a live view reads it
 * without a cast; engines without live detail write `Engine<Config, Result>`.
 */
export interface Engine<Config, Result extends EngineResult, Detail = unknown> {
  run(config: Config, seed: number, ctx: RunContext<Detail>): Result | Promise<Result>;
}

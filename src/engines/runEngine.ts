import { BudgetExceeded, InputError, type Budget, type Engine, type EngineResult, type Progress } from './contract.ts';
import { createRunContext, DEFAULT_BUDGET } from './runContext.ts';

export type FailureKind = 'budget' | 'input' | 'engine' | 'crash' | 'cancelled' | 'timeout';

export interface RunFailure {
  kind: FailureKind;
  message: string;
  /** Where in the user's input the problem is, for an editor marker. */
  at?: { line: number; column: number };
}

export type RunOutcome<R> =
  | { status: 'done'; result: R; steps: number; elapsedMs: number }
  | { status: 'failed'; error: RunFailure; steps: number; elapsedMs: number };

export interface RunRequest<C> {
  config: C;
  seed: number;
  budget?: Budget;
}

/**
 * Runs an engine and turns every way it can end into a RunOutcome: the one place that decides
 * what a budget overrun, a bad input or an engine bug looks like, for workers and the CLI alike.
 */
export async function runEngine<C, R extends EngineResult, D = unknown>(
  engine: Engine<C, R, D>,
  request: RunRequest<C>,
  onProgress?: (p: Progress<D>) => void,
): Promise<RunOutcome<R>> {
  const ctx = createRunContext(request.budget ?? DEFAULT_BUDGET, onProgress);
  try {
    const result = await engine.run(request.config, request.seed, ctx);
    ctx.flush();
    return { status: 'done', result, steps: ctx.steps(), elapsedMs: ctx.elapsed() };
  } catch (e) {
    ctx.flush();
    return { status: 'failed', error: describeFailure(e), steps: ctx.steps(), elapsedMs: ctx.elapsed() };
  }
}

export function describeFailure(e: unknown): RunFailure {
  if (e instanceof BudgetExceeded) return { kind: 'budget', message: `The run ${e.message}.` };
  if (e instanceof InputError) return e.at ? { kind: 'input', message: e.message, at: e.at } : { kind: 'input', message: e.message };
  if (e instanceof RangeError && /call stack/i.test(e.message))
    return { kind: 'budget', message: 'The run went too deep (call stack exhausted): the program recurses without end.' };
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { kind: 'engine', message: `The engine failed: ${message}` };
}

import { show, valueKey, type Value } from '../runtime/values.ts';
import type { Config, Failure, FailureKind, World } from '../runtime/world.ts';

/** How one schedule ended. */
export type Ending =
  | { kind: 'value'; value: Value }
  | { kind: 'error'; failure: Failure }
  /** The schedule can run forever: it came back to a configuration it had been in. */
  | { kind: 'diverges'; message: string };

export interface OutcomeSummary {
  kind: 'value' | 'error' | 'diverges';
  /** The value, or the error's message. */
  text: string;
  errorKind?: FailureKind;
  /** How many of the explored schedules end this way. */
  count: number;
  /** One schedule that ends this way: the thread chosen at each step. */
  witness: string[];
}

/**
 * `always-fails`: every schedule ends in the same error (a program that never works is not called
 * deterministic); `inconclusive`: no schedule ran to its end within the budget, so nothing can be said.
 */
export type Verdict = 'deterministic' | 'always-fails' | 'quasi-deterministic' | 'nondeterministic' | 'inconclusive';

export function endingKey(e: Ending): string {
  switch (e.kind) {
    case 'value':
      return `v:${valueKey(e.value)}`;
    case 'error':
      return `e:${e.failure.key}`;
    case 'diverges':
      return 'd';
  }
}

export function describeEnding(e: Ending): Pick<OutcomeSummary, 'kind' | 'text' | 'errorKind'> {
  switch (e.kind) {
    case 'value':
      return { kind: 'value', text: show(e.value) };
    case 'error':
      return { kind: 'error', text: e.failure.message, errorKind: e.failure.kind };
    case 'diverges':
      return { kind: 'diverges', text: e.message };
  }
}

/**
 * POPL'14 Theorem 1 (quasi-determinism), over what was explored: one value is deterministic, one
 * error everywhere always fails; one value plus errors (or several errors) is quasi-deterministic;
 * two different values are not.
 * A verdict needs evidence: at least one schedule that ran to its end.
 */
export function verdictOf(outcomes: readonly OutcomeSummary[]): Verdict {
  if (outcomes.length === 0) return 'inconclusive';
  const values = outcomes.filter((o) => o.kind === 'value').length;
  if (values >= 2) return 'nondeterministic';
  if (outcomes.length > 1) return 'quasi-deterministic';
  return values === 1 ? 'deterministic' : 'always-fails';
}

/** How a terminal configuration ends. */
export function endingOf(world: World, config: Config): Ending {
  const o = world.outcome(config);
  return o.kind === 'value' ? { kind: 'value', value: o.value } : { kind: 'error', failure: o.failure };
}

import { show, valueKey, type Value } from '../runtime/values.ts';
import type { Config, Failure, FailureKind, World } from '../runtime/world.ts';

/** How one schedule ended. */
export type Ending =
  | { kind: 'value'; value: Value }
  | { kind: 'error'; failure: Failure }
  /** The schedule can run forever: it came back to a configuration it had been in, or (`budget`) it passed the longest schedule. */
  | { kind: 'diverges'; message: string; budget: boolean };

export interface OutcomeSummary {
  /** Identifies the outcome whichever schedule or explorer found it (an error by its kind and LVar, not its message). */
  key: string;
  kind: 'value' | 'error' | 'diverges';
  /** The value, or the error's message. */
  text: string;
  /** For an error, its kind; `budget` for a schedule cut at the longest schedule followed. */
  errorKind?: FailureKind | 'budget';
  /** Where the error happened. */
  line?: number;
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
      return { kind: 'error', text: e.failure.message, errorKind: e.failure.kind, ...(e.failure.loc ? { line: e.failure.loc.line } : {}) };
    case 'diverges':
      return { kind: 'diverges', text: e.message, ...(e.budget ? { errorKind: 'budget' as const } : {}) };
  }
}

/** One kind of failure that some explored schedules end in, where, and in how many. */
export interface FailureSummary {
  kind: FailureKind | 'budget' | 'runs forever';
  line: number | undefined;
  count: number;
}

const KIND_NAMES: Record<FailureSummary['kind'], string> = {
  'conflicting-put': 'conflicting put',
  'put-after-freeze': 'put after freeze',
  blocked: 'blocked',
  threshold: 'threshold violation',
  runtime: 'runtime error',
  loop: 'local loop',
  lattice: 'lattice error',
  budget: 'budget (longest schedule)',
  'runs forever': 'runs forever',
};

export const failureName = (kind: FailureSummary['kind']): string => KIND_NAMES[kind];

/** The failures among the outcomes, by kind and line, most frequent first. */
export function failuresOf(outcomes: readonly OutcomeSummary[]): FailureSummary[] {
  const by = new Map<string, FailureSummary>();
  for (const o of outcomes) {
    if (o.kind === 'value') continue;
    const kind = o.errorKind ?? 'runs forever';
    const key = `${kind}@${o.line ?? ''}`;
    const f = by.get(key) ?? { kind, line: o.line, count: 0 };
    f.count += o.count;
    by.set(key, f);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * The verdict in one sentence, with what it rests on: which value (for quasi-determinism, the one
 * value every successful schedule gives) and which errors, by kind and line.
 * "always fails: conflicting put on line 4"; "quasi-deterministic: the value {3}, or put after freeze on line 8".
 */
export function explainVerdict(verdict: Verdict, outcomes: readonly OutcomeSummary[]): string {
  const failures = failuresOf(outcomes).map((f) => `${failureName(f.kind)}${f.line !== undefined ? ` on line ${f.line}` : ''}`);
  const values = outcomes.filter((o) => o.kind === 'value').map((o) => o.text);
  switch (verdict) {
    case 'deterministic':
      return `deterministic: the value ${values[0]} in every schedule`;
    case 'always-fails':
      return `always fails: ${failures.join('; ')}`;
    case 'quasi-deterministic':
      return values.length === 1 ? `quasi-deterministic: the value ${values[0]}, or ${failures.join('; ')}` : `quasi-deterministic: no value, and different failures (${failures.join('; ')})`;
    case 'nondeterministic':
      return `nondeterministic: ${values.length} different values${failures.length ? `, and ${failures.join('; ')}` : ''}`;
    case 'inconclusive':
      return 'no verdict: no schedule ran to its end within the budget';
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

/** The outcomes found so far, each once, with the first schedule that reached it as its witness. */
export class Outcomes {
  readonly list: OutcomeSummary[] = [];
  private readonly index = new Map<string, number>();

  /** The outcome's index; the first time it is seen, `witness` becomes its witness. */
  add(e: Ending, witness: () => string[]): number {
    const key = endingKey(e);
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(key, i);
      this.list.push({ key, ...describeEnding(e), count: 0, witness: witness() });
    }
    return i;
  }
}

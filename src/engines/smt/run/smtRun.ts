import type { RunContext } from '../../contract.ts';
import type { ApproachStats, SmtConfig, SmtModel, SmtResult, SmtSummary, TheoryMode } from '../api.ts';
import { solveLazy, type LazyAnswer } from '../dpllt/solve.ts';
import { solveEager, type EagerAnswer } from '../eager/solve.ts';
import { tseitin, type Encoding } from '../encode/tseitin.ts';
import type { Assignment } from '../formats/smtlib/evaluate.ts';
import { parseSmtlib } from '../formats/smtlib/parse.ts';
import type { Script } from '../formats/smtlib/terms.ts';
import { Recorder, toDimacs } from '../sat/recorder.ts';
import { searchHooks } from './hooks.ts';

const NO_SAT_STATS = { decisions: 0, propagations: 0, conflicts: 0, learnt: 0, minimisedLiterals: 0, deleted: 0, restarts: 0, maxLevel: 0 };

function lazyStats(a: LazyAnswer | undefined, enc: Encoding, ms: number): ApproachStats {
  return {
    approach: 'lazy',
    verdict: a?.verdict ?? 'unknown',
    size: { variables: enc.nVars, clauses: a?.clauses ?? enc.clauses.length },
    counts: { conflicts: a?.sat.conflicts ?? 0, decisions: a?.sat.decisions ?? 0, theoryChecks: a?.theory.checks ?? 0, theoryConflicts: a?.theory.conflicts ?? 0, pivots: a?.theory.pivots ?? 0 },
    elapsedMs: ms,
  };
}

function eagerStats(a: EagerAnswer | undefined, ms: number): ApproachStats {
  return {
    approach: 'eager',
    verdict: a?.verdict ?? 'unknown',
    size: { variables: a?.size.columns ?? 0, rows: a?.size.rows ?? 0, integerVariables: a?.size.integers ?? 0 },
    counts: { nodes: a?.nodes ?? 0, pivots: a?.pivots ?? 0 },
    elapsedMs: ms,
    ...(a?.note ? { note: a.note } : {}),
  };
}

function describeModel(script: Script, m: Assignment): SmtModel {
  return {
    literals: [],
    booleans: script.booleans.map((name) => ({ name, value: m.booleans.get(name) ?? false })),
    reals: script.reals.map((name) => {
      const q = m.reals.get(name)!;
      return { name, exact: q.toString(), decimal: q.toDecimal() };
    }),
    checked: true,
  };
}

/** An SMT-LIB run: parse, Tseitin, then DPLL(T) (lazy) or big-M branch and bound (eager), or both. */
export function runSmtlib(config: SmtConfig, ctx: RunContext): SmtResult {
  const script = parseSmtlib(config.input.text);
  const enc = tseitin(script);
  const rec = new Recorder(config.options.record, config.options.traceCap);
  const hooks = searchHooks(ctx, 'DPLL(T)');
  const want = (t: TheoryMode) => config.theory === t || config.options.compare;
  let t0 = ctx.elapsed();
  const lazy = want('lazy') ? solveLazy(script, enc, config.mode, config.options, config.theory === 'lazy' ? rec : new Recorder(false, 0), hooks) : undefined;
  const lazyMs = ctx.elapsed() - t0;
  t0 = ctx.elapsed();
  const eager = want('eager') ? solveEager(script, enc, hooks) : undefined;
  const eagerMs = ctx.elapsed() - t0;
  const main = config.theory === 'lazy' ? lazy! : eager!;
  const verdict = main.verdict;
  rec.push({ kind: 'done', verdict });
  const model = main.model;
  const stopped = config.theory === 'lazy' ? lazy!.stopped : eager!.note;
  const explanation =
    verdict === 'sat'
      ? 'sat: the model satisfies every assertion in exact rational arithmetic (checked).'
      : verdict === 'unsat'
        ? config.theory === 'lazy'
          ? 'unsat: every Boolean assignment was refuted, by clauses or by theory conflicts.'
          : 'unsat: branch and bound closed every node of the mixed-integer encoding.'
        : `unknown: ${stopped ?? 'the search stopped'}.`;
  const summary: SmtSummary = {
    verdict,
    explanation,
    input: { kind: 'smtlib', booleanVariables: enc.nVars, clauses: enc.clauses.length, atoms: enc.atoms.length, realVariables: script.reals.length, getModel: script.getModel },
    ...(model ? { model: describeModel(script, model) } : {}),
    sat: lazy?.sat ?? NO_SAT_STATS,
    ...(lazy ? { theory: lazy.theory } : {}),
    ...(config.options.compare ? { contrast: [lazyStats(lazy, enc, lazyMs), eagerStats(eager, eagerMs)] } : {}),
    elapsedMs: ctx.elapsed(),
  };
  const trace = config.options.record
    ? { variables: enc.variables, clauses: enc.clauses.map((lits, id) => ({ id, lits: lits.map(toDimacs) })), events: rec.events, truncated: rec.truncated, cap: rec.cap, slacks: lazy?.slacks ?? [] }
    : undefined;
  return { summary, trace };
}

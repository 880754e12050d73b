import type { RunContext } from '../../contract.ts';
import type { SmtConfig, SmtResult } from '../api.ts';
import { parseDimacs } from '../formats/dimacs.ts';
import { Recorder } from '../sat/recorder.ts';
import { solveCnf } from '../sat/solveCnf.ts';
import { searchHooks, SearchStopped } from './hooks.ts';

/** A DIMACS run: parse, solve with CDCL or DPLL, check the model, describe. */
export function runDimacs(config: SmtConfig, ctx: RunContext): SmtResult {
  const cnf = parseDimacs(config.input.text);
  const rec = new Recorder(config.options.record, config.options.traceCap);
  const options = { ...config.options, mode: config.mode };
  let answer;
  let stopped: string | undefined;
  try {
    answer = solveCnf(cnf, options, rec, searchHooks(ctx, config.mode.toUpperCase()));
  } catch (e) {
    if (!(e instanceof SearchStopped)) throw e;
    stopped = e.why;
  }
  const verdict = answer?.verdict ?? 'unknown';
  rec.push({ kind: 'done', verdict });
  const stats = answer?.stats ?? { decisions: 0, propagations: 0, conflicts: 0, learnt: 0, minimisedLiterals: 0, deleted: 0, restarts: 0, maxLevel: 0 };
  const explanation =
    verdict === 'sat'
      ? 'Satisfiable: the assignment below satisfies every clause (checked).'
      : verdict === 'unsat'
        ? `Unsatisfiable: ${config.mode === 'cdcl' ? 'the empty clause was learnt' : 'every branch ends in a conflict'}.`
        : `Unknown: ${stopped ?? 'the time budget is spent'}.`;
  return {
    summary: {
      verdict,
      explanation,
      input: { kind: 'dimacs', booleanVariables: cnf.vars, clauses: cnf.clauses.length },
      ...(answer?.literals ? { model: { literals: answer.literals, booleans: [], reals: [], checked: true } } : {}),
      sat: stats,
      elapsedMs: ctx.elapsed(),
    },
    trace: config.options.record
      ? {
          variables: Array.from({ length: cnf.vars }, (_, v) => ({ id: v + 1, name: `x${v + 1}`, role: 'input' as const })),
          clauses: cnf.clauses.map((lits, id) => ({ id, lits })),
          events: rec.events,
          truncated: rec.truncated,
          cap: rec.cap,
        }
      : undefined,
  };
}

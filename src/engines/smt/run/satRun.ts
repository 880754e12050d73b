import type { RunContext } from '../../contract.ts';
import type { SmtConfig, SmtResult } from '../api.ts';
import { parseDimacs } from '../formats/dimacs.ts';
import { Recorder } from '../sat/recorder.ts';
import { solveCnf } from '../sat/solveCnf.ts';
import { searchHooks } from './hooks.ts';

/** A DIMACS run: parse, solve with CDCL or DPLL, check the model, describe. */
export function runDimacs(config: SmtConfig, ctx: RunContext): SmtResult {
  const cnf = parseDimacs(config.input.text);
  const rec = new Recorder(config.options.record, config.options.traceCap);
  const options = { ...config.options, mode: config.mode };
  const answer = solveCnf(cnf, options, rec, searchHooks(ctx, config.mode.toUpperCase()));
  const { verdict, stats, stopped } = answer;
  rec.push({ kind: 'done', verdict });
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
      ...(answer.literals ? { model: { literals: answer.literals, booleans: [], reals: [], checked: true } } : {}),
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

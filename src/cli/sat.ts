import { runEngine } from '../engines/runEngine.ts';
import { DEFAULT_OPTIONS, type InputKind, type RestartPolicy, type SmtConfig, type SmtSummary, type TheoryMode } from '../engines/smt/api.ts';
import { engine } from '../engines/smt/engine.ts';
import { EXIT, parseArgs, positiveNumber, readTextFile, UsageError } from './io.ts';
import { SAT_USAGE, SMT_USAGE } from './usage.ts';

/** The SAT competition's exit codes. */
const SAT_EXIT = { sat: 10, unsat: 20, unknown: 0 } as const;

async function solveFile(kind: InputKind, args: string[], usage: string): Promise<{ summary: SmtSummary } | { code: number }> {
  const { options, positional } = parseArgs(args, ['mode', 'restarts', 'timeout', 'theory'], []);
  if (positional.length !== 1) throw new UsageError(`usage: ${usage}`);
  const mode = options.get('mode') ?? 'cdcl';
  if (mode !== 'cdcl' && mode !== 'dpll') throw new UsageError('--mode must be cdcl or dpll');
  const restarts = (options.get('restarts') ?? DEFAULT_OPTIONS.restarts) as RestartPolicy;
  if (!['luby', 'glucose', 'none'].includes(restarts)) throw new UsageError('--restarts must be luby, glucose or none');
  const theory = (options.get('theory') ?? 'lazy') as TheoryMode;
  if (theory !== 'lazy' && theory !== 'eager') throw new UsageError('--theory must be lazy or eager');
  const timeout = positiveNumber(options.get('timeout'), 'timeout') ?? 300;
  const path = positional[0]!;
  const text = await readTextFile(path);
  const config: SmtConfig = { input: { kind, text, name: path }, mode, theory, options: { ...DEFAULT_OPTIONS, record: false, restarts } };
  const outcome = await runEngine(engine, { config, seed: 1, budget: { maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: timeout * 1000 } });
  if (outcome.status === 'failed') {
    const where = outcome.error.at ? `${path}:${outcome.error.at.line}:${outcome.error.at.column}: ` : '';
    process.stderr.write(`latticework: ${where}${outcome.error.message}\n`);
    return { code: outcome.error.kind === 'input' ? EXIT.badInput : EXIT.failed };
  }
  return { summary: outcome.result.summary };
}

/** `sat FILE.cnf`, in the SAT competition's output format: an `s` line, then `v` lines ending in 0. */
export async function satCommand(args: string[]): Promise<number> {
  const r = await solveFile('dimacs', args, SAT_USAGE);
  if ('code' in r) return r.code;
  const { summary } = r;
  const status = { sat: 'SATISFIABLE', unsat: 'UNSATISFIABLE', unknown: 'UNKNOWN' }[summary.verdict];
  process.stdout.write(`s ${status}\n`);
  if (summary.model) {
    const lits = [...summary.model.literals, 0];
    for (let i = 0; i < lits.length; i += 10) process.stdout.write(`v ${lits.slice(i, i + 10).join(' ')}\n`);
  }
  const s = summary.sat;
  process.stderr.write(`c ${s.decisions} decisions, ${s.propagations} propagations, ${s.conflicts} conflicts, ${s.restarts} restarts, ${(summary.elapsedMs / 1000).toFixed(2)} s\n`);
  return SAT_EXIT[summary.verdict];
}

/** `smt FILE.smt2`: `sat`, `unsat` or `unknown`, then the model when the script asks (get-model). */
export async function smtCommand(args: string[]): Promise<number> {
  const r = await solveFile('smtlib', args, SMT_USAGE);
  if ('code' in r) return r.code;
  const { summary } = r;
  process.stdout.write(`${summary.verdict}\n`);
  if (summary.model && summary.input.getModel) {
    const defs = [
      ...summary.model.booleans.map((b) => `  (define-fun ${b.name} () Bool ${b.value})`),
      ...summary.model.reals.map((x) => `  (define-fun ${x.name} () Real ${smtReal(x.exact)})`),
    ];
    process.stdout.write(`(\n${defs.join('\n')}\n)\n`);
  }
  process.stderr.write(`${summary.explanation}\n`);
  return SAT_EXIT[summary.verdict];
}

/** "-3/4" as SMT-LIB writes it: (- (/ 3.0 4.0)). */
function smtReal(exact: string): string {
  const neg = exact.startsWith('-');
  const [n, d] = (neg ? exact.slice(1) : exact).split('/') as [string, string | undefined];
  const body = d ? `(/ ${n}.0 ${d}.0)` : `${n}.0`;
  return neg ? `(- ${body})` : body;
}

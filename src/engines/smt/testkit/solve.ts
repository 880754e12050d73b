import { createRunContext } from '../../runContext.ts';
import { DEFAULT_OPTIONS, type SatMode, type SmtOptions, type SmtResult } from '../api.ts';
import { writeDimacs, type Cnf } from '../formats/dimacs.ts';
import { runDimacs } from '../run/satRun.ts';
import { runSmtlib } from '../run/smtRun.ts';

/** Runs the engine on a CNF with a step budget (never a clock) and the given options. */
export function solveCnfText(cnf: Cnf, mode: SatMode = 'cdcl', options: Partial<SmtOptions> = {}, maxSteps = 50_000_000): SmtResult {
  const ctx = createRunContext({ maxSteps, maxMillis: 1e9 });
  return runDimacs({ input: { kind: 'dimacs', text: writeDimacs(cnf) }, mode, theory: 'lazy', options: { ...DEFAULT_OPTIONS, record: false, ...options } }, ctx);
}

/** Runs the engine on an SMT-LIB script with a step budget (never a clock); a spent budget answers `unknown`. */
export function solveSmt(text: string, theory: 'lazy' | 'eager' = 'lazy', options: Partial<SmtOptions> = {}, mode: SatMode = 'cdcl', maxSteps = 50_000_000): SmtResult {
  const ctx = createRunContext({ maxSteps, maxMillis: 1e9 });
  return runSmtlib({ input: { kind: 'smtlib', text }, mode, theory, options: { ...DEFAULT_OPTIONS, record: false, ...options } }, ctx);
}

/** Satisfiability by trying every assignment (for CNFs of at most ~20 variables). */
export function bruteForceSat(cnf: Cnf): boolean {
  for (let m = 0; m < 2 ** cnf.vars; m++) {
    const ok = cnf.clauses.every((c) => c.some((l) => ((m >> (Math.abs(l) - 1)) & 1) === (l > 0 ? 1 : 0)));
    if (ok) return true;
  }
  return false;
}

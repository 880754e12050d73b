import { InputError, type Engine } from '../contract.ts';
import type { SmtConfig, SmtResult } from './api.ts';
import { runDimacs } from './run/satRun.ts';
import { runSmtlib } from './run/smtRun.ts';

/**
 * The SMT lab's engine: DIMACS CNF through CDCL (or DPLL), SMT-LIB QF_LRA through DPLL(T) (lazy)
 * or branch and bound over a big-M encoding (eager). Deterministic: no randomness is used, so
 * the seed does not change the run.
 */
export const engine: Engine<SmtConfig, SmtResult> = {
  run(config, _seed, ctx) {
    if (config.mode !== 'cdcl' && config.mode !== 'dpll') throw new InputError(`unknown mode "${String(config.mode)}": cdcl or dpll`);
    if (config.input.kind === 'dimacs') return runDimacs(config, ctx);
    if (config.input.kind === 'smtlib') return runSmtlib(config, ctx);
    throw new InputError(`unknown input kind "${String(config.input.kind)}": dimacs or smtlib`);
  },
};

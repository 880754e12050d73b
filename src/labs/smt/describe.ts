import type { SmtEvent } from '../../engines/smt/api.ts';
import { clauseText, type LitNamer } from './replay/names.ts';

/** One recorded event in words, for the Player's caption ("decide x3 at level 2"). */
export function describeEvent(e: SmtEvent, name: LitNamer): string {
  switch (e.kind) {
    case 'decide':
      return `decide ${name(e.lit)} at level ${e.level}`;
    case 'propagate':
      return `propagate ${name(e.lit)} at level ${e.level} (reason: clause ${e.reason})`;
    case 'conflict':
      return `conflict: clause ${e.clause} is false at level ${e.level}`;
    case 'learn':
      return `learn ${clauseText(e.lits, name)} (LBD ${e.lbd}), first UIP ${name(e.cut.uip)}`;
    case 'backjump':
      return `backjump from level ${e.from} to level ${e.to}`;
    case 'backtrack':
      return `backtrack from level ${e.from}: flip the decision of level ${e.to} to ${name(e.flipped)}`;
    case 'restart':
      return `restart after ${e.conflicts} conflicts`;
    case 'reduce':
      return `reduce the clause database: ${e.removed.length} learnt clauses deleted, ${e.kept} kept`;
    case 'theory-assert':
      return `simplex: assert ${e.bound.variable} ${e.bound.kind === 'lower' ? '≥' : '≤'} ${e.bound.value} (from ${name(e.lit)})`;
    case 'theory-check':
      return `simplex check: ${e.ok ? 'feasible' : 'infeasible'}${e.pivots ? ` after ${e.pivots} pivots` : ''}`;
    case 'theory-conflict':
      return `theory conflict: learn ${clauseText(e.lits, name)}`;
    case 'theory-propagate':
      return `theory propagation: ${name(e.lit)} (explanation: clause ${e.reason})`;
    case 'done':
      return `done: ${e.verdict}`;
  }
}

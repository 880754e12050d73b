import type { SmtTrace } from '../../../engines/smt/api.ts';

/** How the views write a literal: the variable's name, negated with ¬ ("¬x3", "¬(<= x 3)"). */
export type LitNamer = (lit: number) => string;

export function litNamer(trace: SmtTrace | undefined): LitNamer {
  const names = new Map<number, string>();
  for (const v of trace?.variables ?? []) names.set(v.id, v.name);
  return (lit) => {
    const v = Math.abs(lit);
    const name = names.get(v) ?? `x${v}`;
    // An atom's text has spaces ("a - b ≤ 3"): its negation is bracketed so ¬ covers all of it.
    return lit < 0 ? (name.includes(' ') ? `¬(${name})` : `¬${name}`) : name;
  };
}

/** A clause as text: its literals joined by ∨ (the empty clause is ⊥). */
export const clauseText = (lits: readonly number[], name: LitNamer): string => (lits.length === 0 ? '⊥' : lits.map(name).join(' ∨ '));

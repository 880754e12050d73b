import { DQ, Q } from '../lra/rational.ts';
import type { Linear } from '../formats/smtlib/terms.ts';

/**
 * An arithmetic atom in canonical form `P ≤ b` or `P < b`, where P is a linear polynomial whose
 * first coefficient (in declaration order) is 1. Atoms over the same P share one simplex row,
 * and `P ≥ b` is stored as the negation of `P < b`, so every atom is an upper bound on P.
 */
export interface Atom {
  /** The Boolean variable (0-based) that stands for the atom. */
  bvar: number;
  /** Key of P: the same for all atoms over the same polynomial. */
  poly: string;
  coeffs: [string, Q][];
  /** The bound as a delta-rational: b, or b - δ when strict. */
  bound: DQ;
  text: string;
}

export type Canonical = { kind: 'const'; value: boolean } | { kind: 'atom'; coeffs: [string, Q][]; poly: string; bound: DQ; negated: boolean; key: string };

/** `lhs ≤ 0` (or `< 0`) in canonical form, with `negated` when the atom is the negation of the canonical one. */
export function canonical(lhs: Linear, strict: boolean, order: Map<string, number>): Canonical {
  const terms = [...lhs.coeffs].sort((a, b) => order.get(a[0])! - order.get(b[0])!);
  if (terms.length === 0) {
    const s = lhs.constant.sign();
    return { kind: 'const', value: strict ? s < 0 : s <= 0 };
  }
  const lead = terms[0]![1];
  const g = lead.sign() < 0 ? lead.neg() : lead;
  const flip = lead.sign() < 0;
  const scale = flip ? Q.ONE.neg().div(g) : Q.ONE.div(g);
  const coeffs = terms.map(([x, a]) => [x, a.mul(scale)] as [string, Q]);
  // Σ a·x + c ≤ 0  ⇔  Σ (a/g)·x ≤ -c/g; flipped (a₁ < 0): P ≥ c/g, the negation of P < c/g.
  const b = flip ? lhs.constant.div(g) : lhs.constant.neg().div(g);
  const canonicalStrict = flip ? !strict : strict;
  const bound = new DQ(b, canonicalStrict ? Q.ONE.neg() : Q.ZERO);
  const poly = coeffs.map(([x, a]) => `${a}*${x}`).join('+');
  return { kind: 'atom', coeffs, poly, bound, negated: flip, key: `${poly}|${bound}` };
}

/** "x + 2·y ≤ 3", "x < 1/2": an atom as a lecturer would write it. */
export function atomText(coeffs: [string, Q][], bound: DQ): string {
  const parts = coeffs.map(([x, a], i) => {
    const mag = a.sign() < 0 ? a.neg() : a;
    const term = mag.cmp(Q.ONE) === 0 ? x : `${mag}·${x}`;
    return i === 0 ? (a.sign() < 0 ? `-${term}` : term) : `${a.sign() < 0 ? '-' : '+'} ${term}`;
  });
  return `${parts.join(' ')} ${bound.k.isZero() ? '≤' : '<'} ${bound.r}`;
}

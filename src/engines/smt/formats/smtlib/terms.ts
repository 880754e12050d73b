import type { Q } from '../../lra/rational.ts';

/** A linear term Σ aᵢ·xᵢ + c over the declared real constants (coefficients never zero). */
export interface Linear {
  coeffs: Map<string, Q>;
  constant: Q;
}

/**
 * A Boolean term of QF_LRA after parsing: connectives, Boolean constants and variables, and
 * arithmetic atoms in the normal form `lhs ≤ 0` or `lhs < 0` (the parser rewrites >=, >, =, distinct
 * and => into these).
 */
export type BoolTerm =
  | { op: 'const'; value: boolean }
  | { op: 'var'; name: string }
  | { op: 'not'; arg: BoolTerm }
  | { op: 'and' | 'or' | 'xor' | 'iff'; args: BoolTerm[] }
  | { op: 'ite'; cond: BoolTerm; then: BoolTerm; else: BoolTerm }
  | { op: 'atom'; strict: boolean; lhs: Linear };

export interface Script {
  logic?: string;
  booleans: string[];
  reals: string[];
  assertions: { term: BoolTerm; line: number }[];
  getModel: boolean;
}

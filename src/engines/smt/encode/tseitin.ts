import type { TraceVariable } from '../api.ts';
import type { BoolTerm, Script } from '../formats/smtlib/terms.ts';
import { atomText, canonical, type Atom } from './atoms.ts';

/** A Boolean literal (internal: 2v or 2v+1) or a constant. */
type Lit = number | boolean;

export interface Encoding {
  nVars: number;
  /** Clauses over internal literals. */
  clauses: number[][];
  variables: TraceVariable[];
  atoms: Atom[];
  booleans: Map<string, number>;
}

const neg = (l: Lit): Lit => (typeof l === 'boolean' ? !l : l ^ 1);

/**
 * Tseitin's encoding (1968) of the assertions into CNF: one fresh variable per connective with
 * clauses saying it is equivalent to its definition, so the CNF grows linearly. Top-level
 * conjunctions and disjunctions become clauses directly; constants are simplified away.
 */
export function tseitin(script: Script): Encoding {
  const encoder = new Tseitin(script);
  for (const { term } of script.assertions) encoder.assert(term);
  for (const name of script.booleans) if (!encoder.enc.booleans.has(name)) encoder.enc.booleans.set(name, encoder.fresh(name, 'input'));
  return encoder.enc;
}

/** The encoder's state (variables, clauses, shared atoms) and one method per kind of term. */
class Tseitin {
  readonly enc: Encoding = { nVars: 0, clauses: [], variables: [], atoms: [], booleans: new Map() };
  private readonly order: Map<string, number>;
  /** Atoms over the same canonical sum share one variable (and one simplex row). */
  private readonly atomsByKey = new Map<string, Atom>();

  constructor(script: Script) {
    this.order = new Map(script.reals.map((x, i) => [x, i]));
  }

  fresh(name: string, role: TraceVariable['role']): number {
    const v = this.enc.nVars++;
    this.enc.variables.push({ id: v + 1, name, role });
    return v;
  }

  /** An assertion: conjunctions split, a disjunction is one clause, anything else one unit clause. */
  assert(t: BoolTerm): void {
    if (t.op === 'and') t.args.forEach((a) => this.assert(a));
    else if (t.op === 'or') this.clause(t.args.map((a) => this.lit(a)));
    else if (t.op === 'not' && t.arg.op === 'or') t.arg.args.forEach((a) => this.assert({ op: 'not', arg: a }));
    else if (t.op === 'not' && t.arg.op === 'not') this.assert(t.arg.arg);
    else this.clause([this.lit(t)]);
  }

  private clause(lits: Lit[]): void {
    if (lits.includes(true)) return;
    this.enc.clauses.push(lits.filter((l): l is number => typeof l === 'number'));
  }

  /** The literal standing for a term. */
  private lit(t: BoolTerm): Lit {
    switch (t.op) {
      case 'const':
        return t.value;
      case 'var': {
        let v = this.enc.booleans.get(t.name);
        if (v === undefined) this.enc.booleans.set(t.name, (v = this.fresh(t.name, 'input')));
        return 2 * v;
      }
      case 'not':
        return neg(this.lit(t.arg));
      case 'and':
      case 'or':
        return this.define(t.args.map((a) => this.lit(a)), t.op === 'and');
      case 'xor':
        return t.args.map((a) => this.lit(a)).reduce((a, b) => this.xor2(a, b));
      case 'iff':
        return neg(t.args.map((a) => this.lit(a)).reduce((a, b) => this.xor2(a, b)));
      case 'ite': {
        const c = this.lit(t.cond);
        return this.define([this.define([c, this.lit(t.then)], true), this.define([neg(c), this.lit(t.else)], true)], false);
      }
      case 'atom':
        return this.atom(t);
    }
  }

  /** t ↔ AND(lits) (conj) or t ↔ OR(lits), with a fresh t unless the connective simplifies away. */
  private define(lits: Lit[], conj: boolean): Lit {
    const absorbing = !conj;
    if (lits.includes(absorbing)) return absorbing;
    const rest = [...new Set(lits.filter((l): l is number => typeof l === 'number'))];
    if (rest.length === 0) return conj;
    if (rest.length === 1) return rest[0]!;
    const t = 2 * this.fresh(`t${this.enc.nVars + 1}`, 'tseitin');
    if (conj) {
      for (const l of rest) this.clause([t ^ 1, l]);
      this.clause([t, ...rest.map((l) => l ^ 1)]);
    } else {
      for (const l of rest) this.clause([t, l ^ 1]);
      this.clause([t ^ 1, ...rest]);
    }
    return t;
  }

  private xor2(a: Lit, b: Lit): Lit {
    if (typeof a === 'boolean') return a ? neg(b) : b;
    if (typeof b === 'boolean') return b ? neg(a) : a;
    const t = 2 * this.fresh(`t${this.enc.nVars + 1}`, 'tseitin');
    this.clause([t ^ 1, a, b]);
    this.clause([t ^ 1, a ^ 1, b ^ 1]);
    this.clause([t, a ^ 1, b]);
    this.clause([t, a, b ^ 1]);
    return t;
  }

  /** A linear atom in canonical form, shared between equal sums. */
  private atom(t: Extract<BoolTerm, { op: 'atom' }>): Lit {
    const c = canonical(t.lhs, t.strict, this.order);
    if (c.kind === 'const') return c.value;
    let a = this.atomsByKey.get(c.key);
    if (!a) {
      const text = atomText(c.coeffs, c.bound);
      a = { bvar: this.fresh(text, 'atom'), poly: c.poly, coeffs: c.coeffs, bound: c.bound, text };
      this.atomsByKey.set(c.key, a);
      this.enc.atoms.push(a);
    }
    return c.negated ? 2 * a.bvar + 1 : 2 * a.bvar;
  }
}

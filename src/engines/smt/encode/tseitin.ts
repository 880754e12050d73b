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
  const order = new Map(script.reals.map((x, i) => [x, i]));
  const enc: Encoding = { nVars: 0, clauses: [], variables: [], atoms: [], booleans: new Map() };
  const atomsByKey = new Map<string, Atom>();
  const fresh = (name: string, role: TraceVariable['role']) => {
    const v = enc.nVars++;
    enc.variables.push({ id: v + 1, name, role });
    return v;
  };
  const clause = (lits: Lit[]) => {
    if (lits.includes(true)) return;
    enc.clauses.push(lits.filter((l): l is number => typeof l === 'number'));
  };
  const define = (lits: Lit[], conj: boolean): Lit => {
    // t ↔ AND(lits) (conj) or t ↔ OR(lits).
    const absorbing = !conj;
    if (lits.includes(absorbing)) return absorbing;
    const rest = [...new Set(lits.filter((l): l is number => typeof l === 'number'))];
    if (rest.length === 0) return conj;
    if (rest.length === 1) return rest[0]!;
    const t = 2 * fresh(`t${enc.nVars + 1}`, 'tseitin');
    if (conj) {
      for (const l of rest) clause([t ^ 1, l]);
      clause([t, ...rest.map((l) => l ^ 1)]);
    } else {
      for (const l of rest) clause([t, l ^ 1]);
      clause([t ^ 1, ...rest]);
    }
    return t;
  };
  const xor2 = (a: Lit, b: Lit): Lit => {
    if (typeof a === 'boolean') return a ? neg(b) : b;
    if (typeof b === 'boolean') return b ? neg(a) : a;
    const t = 2 * fresh(`t${enc.nVars + 1}`, 'tseitin');
    clause([t ^ 1, a, b]);
    clause([t ^ 1, a ^ 1, b ^ 1]);
    clause([t, a ^ 1, b]);
    clause([t, a, b ^ 1]);
    return t;
  };
  const atom = (t: Extract<BoolTerm, { op: 'atom' }>): Lit => {
    const c = canonical(t.lhs, t.strict, order);
    if (c.kind === 'const') return c.value;
    let a = atomsByKey.get(c.key);
    if (!a) {
      const text = atomText(c.coeffs, c.bound);
      a = { bvar: fresh(text, 'atom'), poly: c.poly, coeffs: c.coeffs, bound: c.bound, text };
      atomsByKey.set(c.key, a);
      enc.atoms.push(a);
    }
    return c.negated ? 2 * a.bvar + 1 : 2 * a.bvar;
  };
  const lit = (t: BoolTerm): Lit => {
    switch (t.op) {
      case 'const':
        return t.value;
      case 'var': {
        let v = enc.booleans.get(t.name);
        if (v === undefined) enc.booleans.set(t.name, (v = fresh(t.name, 'input')));
        return 2 * v;
      }
      case 'not':
        return neg(lit(t.arg));
      case 'and':
      case 'or':
        return define(t.args.map(lit), t.op === 'and');
      case 'xor':
        return t.args.map(lit).reduce(xor2);
      case 'iff':
        return neg(t.args.map(lit).reduce(xor2));
      case 'ite': {
        const c = lit(t.cond);
        return define([define([c, lit(t.then)], true), define([neg(c), lit(t.else)], true)], false);
      }
      case 'atom':
        return atom(t);
    }
  };
  const assert = (t: BoolTerm) => {
    if (t.op === 'and') t.args.forEach(assert);
    else if (t.op === 'or') clause(t.args.map(lit));
    else if (t.op === 'not' && t.arg.op === 'or') t.arg.args.forEach((a) => assert({ op: 'not', arg: a }));
    else if (t.op === 'not' && t.arg.op === 'not') assert(t.arg.arg);
    else clause([lit(t)]);
  };
  for (const { term } of script.assertions) assert(term);
  for (const name of script.booleans) if (!enc.booleans.has(name)) enc.booleans.set(name, fresh(name, 'input'));
  return enc;
}

import { Q } from '../../lra/rational.ts';
import type { BoolTerm, Linear, Script } from './terms.ts';

export interface Assignment {
  booleans: Map<string, boolean>;
  reals: Map<string, Q>;
}

export function evalLinear(t: Linear, m: Assignment): Q {
  let sum = t.constant;
  for (const [x, a] of t.coeffs) sum = sum.add(a.mul(m.reals.get(x) ?? Q.ZERO));
  return sum;
}

/** The truth of a term under an assignment, in exact arithmetic. */
export function evalBool(t: BoolTerm, m: Assignment): boolean {
  switch (t.op) {
    case 'const':
      return t.value;
    case 'var':
      return m.booleans.get(t.name) ?? false;
    case 'not':
      return !evalBool(t.arg, m);
    case 'and':
      return t.args.every((a) => evalBool(a, m));
    case 'or':
      return t.args.some((a) => evalBool(a, m));
    case 'xor':
      return t.args.reduce((acc, a) => acc !== evalBool(a, m), false);
    case 'iff':
      return t.args.every((a) => evalBool(a, m) === evalBool(t.args[0]!, m));
    case 'ite':
      return evalBool(t.cond, m) ? evalBool(t.then, m) : evalBool(t.else, m);
    case 'atom': {
      const s = evalLinear(t.lhs, m).sign();
      return t.strict ? s < 0 : s <= 0;
    }
  }
}

/** The line of the first assertion the assignment falsifies, or -1: every model is checked before it is shown. */
export function firstFalseAssertion(script: Script, m: Assignment): number {
  const bad = script.assertions.find((a) => !evalBool(a.term, m));
  return bad ? bad.line : -1;
}

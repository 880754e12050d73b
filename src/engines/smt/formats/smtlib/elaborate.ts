import { InputError } from '../../../contract.ts';
import { Q } from '../../lra/rational.ts';
import type { Sx } from './reader.ts';
import type { BoolTerm, Linear } from './terms.ts';

export type Typed = { sort: 'Bool'; term: BoolTerm } | { sort: 'Real'; lin: Linear };
export type Sort = 'Bool' | 'Real';

/** What a symbol means where it is used: a declared constant or a `let` binding. */
export interface Scope {
  declared: Map<string, Sort>;
  bound: Map<string, Typed>[];
}

const at = (x: Sx) => ({ line: x.line, column: x.column });
const fail = (x: Sx, message: string): never => {
  throw new InputError(message, at(x));
};

const constant = (c: Q): Linear => ({ coeffs: new Map(), constant: c });

function combine(a: Linear, b: Linear, scale: Q): Linear {
  const coeffs = new Map(a.coeffs);
  for (const [x, c] of b.coeffs) {
    const sum = (coeffs.get(x) ?? Q.ZERO).add(c.mul(scale));
    if (sum.isZero()) coeffs.delete(x);
    else coeffs.set(x, sum);
  }
  return { coeffs, constant: a.constant.add(b.constant.mul(scale)) };
}

function scaleLinear(a: Linear, c: Q): Linear {
  if (c.isZero()) return constant(Q.ZERO);
  return { coeffs: new Map([...a.coeffs].map(([x, k]) => [x, k.mul(c)])), constant: a.constant.mul(c) };
}

const isConstant = (a: Linear) => a.coeffs.size === 0;

function bool(x: Sx, scope: Scope): BoolTerm {
  const t = elaborate(x, scope);
  return t.sort === 'Bool' ? t.term : fail(x, 'expected a Boolean term here, found a real one');
}
function real(x: Sx, scope: Scope): Linear {
  const t = elaborate(x, scope);
  return t.sort === 'Real' ? t.lin : fail(x, 'expected a real term here, found a Boolean one');
}

/** `a ≤ b` (or `a < b`) as the atom `a - b ≤ 0`. */
const compare = (a: Linear, b: Linear, strict: boolean): BoolTerm => ({ op: 'atom', strict, lhs: combine(a, b, Q.ONE.neg()) });

function symbol(x: Extract<Sx, { kind: 'atom' }>, scope: Scope): Typed {
  const { text } = x;
  if (!x.quoted && /^-?\d+(\.\d+)?$/.test(text)) return { sort: 'Real', lin: constant(Q.parse(text)) };
  if (!x.quoted && (text === 'true' || text === 'false')) return { sort: 'Bool', term: { op: 'const', value: text === 'true' } };
  for (let i = scope.bound.length - 1; i >= 0; i--) {
    const b = scope.bound[i]!.get(text);
    if (b) return b;
  }
  const sort = scope.declared.get(text);
  if (!sort) return fail(x, `"${text}" is not declared (declare it with (declare-const ${text} Real) or Bool)`);
  return sort === 'Bool' ? { sort, term: { op: 'var', name: text } } : { sort, lin: { coeffs: new Map([[text, Q.ONE]]), constant: Q.ZERO } };
}

/** Type-checks a term and puts it in the normal form of terms.ts: arithmetic becomes linear. */
export function elaborate(x: Sx, scope: Scope): Typed {
  if (x.kind === 'atom') return symbol(x, scope);
  const [head, ...args] = x.items;
  if (!head) return fail(x, 'an empty application "()"');
  if (head.kind !== 'atom' || head.quoted) return fail(head, 'expected an operator name here');
  const arity = (min: number, max = Infinity) => {
    if (args.length < min || args.length > max)
      fail(x, `"${head.text}" takes ${max === min ? min : max === Infinity ? `at least ${min}` : `${min} to ${max}`} argument${min === 1 && max === 1 ? '' : 's'}, got ${args.length}`);
  };
  const B = (term: BoolTerm): Typed => ({ sort: 'Bool', term });
  const R = (lin: Linear): Typed => ({ sort: 'Real', lin });
  switch (head.text) {
    case 'not':
      arity(1, 1);
      return B({ op: 'not', arg: bool(args[0]!, scope) });
    case 'and':
    case 'or':
    case 'xor':
      arity(1);
      return B({ op: head.text, args: args.map((a) => bool(a, scope)) });
    case '=>': {
      arity(2);
      const parts = args.map((a) => bool(a, scope));
      return B(parts.reduceRight((concl, hyp) => ({ op: 'or', args: [{ op: 'not', arg: hyp }, concl] })));
    }
    case 'ite': {
      arity(3, 3);
      const cond = bool(args[0]!, scope);
      const t = elaborate(args[1]!, scope);
      if (t.sort === 'Real') return fail(x, 'ite over reals is not supported: split it into two implications over a fresh real constant');
      return B({ op: 'ite', cond, then: t.term, else: bool(args[2]!, scope) });
    }
    case '=':
    case 'distinct':
      arity(2);
      return equality(head.text, args, scope);
    case '<=':
    case '<':
    case '>=':
    case '>': {
      arity(2);
      const terms = args.map((a) => real(a, scope));
      const strict = head.text === '<' || head.text === '>';
      const up = head.text === '<=' || head.text === '<';
      const links = terms.slice(1).map((b, i) => (up ? compare(terms[i]!, b, strict) : compare(b, terms[i]!, strict)));
      return B(links.length === 1 ? links[0]! : { op: 'and', args: links });
    }
    case '+':
      arity(1);
      return R(args.map((a) => real(a, scope)).reduce((s, t) => combine(s, t, Q.ONE)));
    case '-': {
      arity(1);
      const terms = args.map((a) => real(a, scope));
      if (terms.length === 1) return R(scaleLinear(terms[0]!, Q.ONE.neg()));
      return R(terms.slice(1).reduce((s, t) => combine(s, t, Q.ONE.neg()), terms[0]!));
    }
    case '*': {
      arity(2);
      const terms = args.map((a) => real(a, scope));
      const varying = terms.filter((t) => !isConstant(t));
      if (varying.length > 1) return fail(x, 'a product of two non-constant terms is not linear (QF_LRA allows only multiplication by a constant)');
      const factor = terms.filter(isConstant).reduce((p, t) => p.mul(t.constant), Q.ONE);
      return R(scaleLinear(varying[0] ?? constant(Q.ONE), factor));
    }
    case '/': {
      arity(2, 2);
      const [n, d] = args.map((a) => real(a, scope)) as [Linear, Linear];
      if (!isConstant(d)) return fail(args[1]!, 'division by a non-constant term is not linear');
      if (d.constant.isZero()) return fail(args[1]!, 'division by zero');
      return R(scaleLinear(n, Q.ONE.div(d.constant)));
    }
    case 'let':
      return letTerm(x, args, scope);
    default:
      return fail(head, `"${head.text}" is not an operator of QF_LRA`);
  }
}

function equality(op: '=' | 'distinct', args: Sx[], scope: Scope): Typed {
  const terms = args.map((a) => elaborate(a, scope));
  const sort = terms[0]!.sort;
  terms.forEach((t, i) => t.sort !== sort && fail(args[i]!, `"${op}" compares terms of one sort: this one is ${t.sort}, the first is ${sort}`));
  const eq = (a: Typed, b: Typed): BoolTerm =>
    a.sort === 'Bool' && b.sort === 'Bool'
      ? { op: 'iff', args: [a.term, b.term] }
      : a.sort === 'Real' && b.sort === 'Real'
        ? { op: 'and', args: [compare(a.lin, b.lin, false), compare(b.lin, a.lin, false)] }
        : { op: 'const', value: false };
  const pairs: BoolTerm[] = [];
  if (op === '=') for (let i = 1; i < terms.length; i++) pairs.push(eq(terms[i - 1]!, terms[i]!));
  else for (let i = 0; i < terms.length; i++) for (let j = i + 1; j < terms.length; j++) pairs.push({ op: 'not', arg: eq(terms[i]!, terms[j]!) });
  return { sort: 'Bool', term: pairs.length === 1 ? pairs[0]! : { op: 'and', args: pairs } };
}

function letTerm(x: Sx, args: Sx[], scope: Scope): Typed {
  const [bindings, body] = args;
  if (args.length !== 2 || !bindings || bindings.kind !== 'list' || !body) return fail(x, 'let reads (let ((name term) ...) body)');
  const frame = new Map<string, Typed>();
  for (const b of bindings.items) {
    if (b.kind !== 'list' || b.items.length !== 2 || b.items[0]!.kind !== 'atom') return fail(b, 'a let binding reads (name term)');
    frame.set((b.items[0] as Extract<Sx, { kind: 'atom' }>).text, elaborate(b.items[1]!, scope));
  }
  scope.bound.push(frame);
  try {
    return elaborate(body, scope);
  } finally {
    scope.bound.pop();
  }
}

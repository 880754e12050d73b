import { InputError } from '../../contract.ts';
import { parseDecimal } from './decimal.ts';
import { exactProduct, exactSum } from '../bounds/exact.ts';
import { iadd, idiv, imul, ineg, point, type Interval } from '../bounds/interval.ts';
import { readSExprs, type SExpr } from './sexpr.ts';
import type { OutputConstraint, Spec, SpecCase, Where } from '../model/spec.ts';
import { compareDecimal, nextDown, nextUp } from './ulp.ts';

/**
 * VNN-LIB, the subset the standard benchmarks use: `(declare-const X_i Real)`, `(declare-const Y_j Real)`
 * and `(assert F)` where F is built from `and`, `or`, and comparisons `<=`, `>=` (also `<`, `>`, `=`)
 * between linear terms (`+`, `-`, `*` by a constant). Inputs may only be bounded one at a time;
 * outputs may be combined linearly. The asserts together describe the unsafe region, which is
 * brought into disjunctive normal form. Every error names its line and column.
 */

const MAX_CASES = 4096;
const VARIABLE = /^([XY])_(\d+)$/;

type Atom =
  | { kind: 'bound'; input: number; side: 'lo' | 'hi'; value: Interval; strict: boolean; at: Where }
  | { kind: 'output'; coeffs: Map<number, number>; rhs: Interval; strict: boolean; at: Where }
  | { kind: 'constant'; truth: boolean };

interface Linear {
  x: Map<number, number>;
  y: Map<number, number>;
  constant: Interval;
}

const fail = (node: { line: number; column: number }, message: string): never => {
  throw new InputError(`${message}`, { line: node.line, column: node.column });
};

const show = (node: SExpr): string => {
  const text = node.kind === 'atom' ? node.text : `(${node.items.map(show).join(' ')})`;
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
};

/** The declared inputs X_i and outputs Y_j, and where each was declared. */
type Declared = { X: Map<number, Where>; Y: Map<number, Where> };

export function parseVnnlib(text: string): Spec {
  const declared: Declared = { X: new Map<number, Where>(), Y: new Map<number, Where>() };
  const asserts: SExpr[] = [];
  for (const command of readSExprs(text)) {
    if (command.kind !== 'list' || command.items.length === 0) fail(command, `expected a command such as (declare-const ...) or (assert ...), found ${show(command)}`);
    const [head, ...args] = (command as Extract<SExpr, { kind: 'list' }>).items;
    const name = head!.kind === 'atom' ? head!.text : '';
    if (name === 'declare-const') {
      if (args.length !== 2 || args[0]!.kind !== 'atom' || args[1]!.kind !== 'atom')
        fail(command, 'declare-const takes a name and a sort: (declare-const X_0 Real)');
      const [variable, sort] = args as [Extract<SExpr, { kind: 'atom' }>, Extract<SExpr, { kind: 'atom' }>];
      const match = VARIABLE.exec(variable.text);
      if (!match) fail(variable, `"${variable.text}" is not an input X_i or an output Y_j (flat indices from 0)`);
      if (sort.text !== 'Real') fail(sort, `the sort must be Real, found ${sort.text}`);
      const space = match![1] as 'X' | 'Y';
      const index = Number(match![2]);
      if (index > 100_000) fail(variable, `index ${index} is too large`);
      if (declared[space].has(index)) fail(variable, `${variable.text} is declared twice`);
      declared[space].set(index, { line: variable.line, column: variable.column });
    } else if (name === 'assert') {
      if (args.length !== 1) fail(command, 'assert takes exactly one formula');
      asserts.push(args[0]!);
    } else {
      fail(head!, `"${show(head!)}" is not supported here; a VNN-LIB property uses declare-const and assert`);
    }
  }
  const inputs = contiguous(declared.X, 'X');
  const outputs = contiguous(declared.Y, 'Y');
  if (inputs === 0) throw new InputError('the property declares no inputs: add (declare-const X_0 Real) and so on', { line: 1, column: 1 });
  if (asserts.length === 0) throw new InputError('the property has no (assert ...): it describes no unsafe region', { line: 1, column: 1 });

  let cases: Atom[][] = [[]];
  for (const a of asserts) {
    const next: Atom[][] = [];
    for (const left of cases) for (const right of formula(a, declared)) next.push([...left, ...right]);
    if (next.length > MAX_CASES) fail(a, `the asserts expand into more than ${MAX_CASES} cases`);
    cases = next;
  }

  const declaredAt = Array.from({ length: inputs }, (_, i) => declared.X.get(i)!);
  const built: SpecCase[] = [];
  cases.forEach((atoms, k) => {
    const c = buildCase(atoms, inputs, outputs, declaredAt, cases.length > 1 ? k : undefined);
    if (c) built.push(c);
  });
  return { inputs, outputs, cases: built, declaredAt };
}

/** An arithmetic term: a decimal, a declared variable, or +, -, * of terms (linear only). */
function term(node: SExpr, declared: Declared): Linear {
  if (node.kind === 'atom') {
    const v = parseDecimal(node.text);
    if (v !== undefined) {
      // A decimal that is not a double becomes the interval between the two doubles around it.
      const side = compareDecimal(node.text, v);
      return { x: new Map(), y: new Map(), constant: side === 0 ? point(v) : side > 0 ? { lo: nextDown(v), hi: v } : { lo: v, hi: nextUp(v) } };
    }
    const match = VARIABLE.exec(node.text);
    if (!match) fail(node, `"${node.text}" is neither a number nor a declared variable`);
    const space = match![1] as 'X' | 'Y';
    const index = Number(match![2]);
    if (!declared[space].has(index)) fail(node, `${node.text} is used but never declared`);
    const linear: Linear = { x: new Map(), y: new Map(), constant: point(0) };
    (space === 'X' ? linear.x : linear.y).set(index, 1);
    return linear;
  }
  const [head, ...args] = node.items;
  if (!head || head.kind !== 'atom') return fail(node, `expected an arithmetic term, found ${show(node)}`);
  switch (head.text) {
    case '+':
      if (args.length === 0) fail(node, '(+) needs at least one term');
      return args.map((arg) => term(arg, declared)).reduce((a, b) => add(a, b, node));
    case '-':
      if (args.length === 0) fail(node, '(-) needs at least one term');
      if (args.length === 1) return negate(term(args[0]!, declared));
      return args.slice(1).map((arg) => term(arg, declared)).reduce((a, b) => add(a, negate(b), node), term(args[0]!, declared));
    case '*':
      if (args.length < 2) fail(node, '(*) needs at least two factors');
      return args.map((arg) => term(arg, declared)).reduce((a, b) => multiply(a, b, node));
    default:
      return fail(head, `"${head.text}" is not an arithmetic operator (+, -, *)`);
  }
}

/** A formula as a disjunction of conjunctions (cases) of atoms. */
function formula(node: SExpr, declared: Declared): Atom[][] {
  if (node.kind !== 'list' || node.items.length === 0 || node.items[0]!.kind !== 'atom')
    return fail(node, `expected a formula such as (<= X_0 1) or (and ...), found ${show(node)}`);
  const [head, ...args] = node.items as [Extract<SExpr, { kind: 'atom' }>, ...SExpr[]];
  switch (head.text) {
    case 'and': {
      let product: Atom[][] = [[]];
      for (const arg of args) {
        const cases = formula(arg, declared);
        const next: Atom[][] = [];
        for (const left of product) for (const right of cases) next.push([...left, ...right]);
        if (next.length > MAX_CASES) fail(node, `this formula expands into more than ${MAX_CASES} cases`);
        product = next;
      }
      return product;
    }
    case 'or': {
      const all = args.flatMap((arg) => formula(arg, declared));
      if (all.length > MAX_CASES) fail(node, `this formula expands into more than ${MAX_CASES} cases`);
      return all;
    }
    case '<=':
    case '>=':
    case '<':
    case '>':
    case '=': {
      if (args.length !== 2) fail(node, `(${head.text}) compares exactly two terms`);
      const left = term(args[0]!, declared);
      const right = term(args[1]!, declared);
      const at = { line: node.line, column: node.column };
      const leq = (a: Linear, b: Linear, strict: boolean) => atom(add(a, negate(b), node), strict, at, node);
      if (head.text === '<=' || head.text === '<') return [[leq(left, right, head.text === '<')]];
      if (head.text === '>=' || head.text === '>') return [[leq(right, left, head.text === '>')]];
      return [[leq(left, right, false), leq(right, left, false)]];
    }
    default:
      return fail(head, `"${head.text}" is not supported in a property (use and, or, <=, >=)`);
  }
}

function contiguous(map: Map<number, Where>, space: 'X' | 'Y'): number {
  const n = map.size;
  for (const [index, where] of map) {
    if (index >= n) fail(where, `${space}_${index} is declared but ${space}_0 … ${space}_${n - 1} are not all declared before it`);
  }
  return n;
}

function add(a: Linear, b: Linear, node: SExpr): Linear {
  const merge = (p: Map<number, number>, q: Map<number, number>) => {
    const out = new Map(p);
    for (const [k, v] of q) {
      const s = exactSum(out.get(k) ?? 0, v);
      if (!s.exact) fail(node, 'adding these coefficients is not exact in floating point; write each coefficient as one number');
      if (s.value === 0) out.delete(k);
      else out.set(k, s.value);
    }
    return out;
  };
  return { x: merge(a.x, b.x), y: merge(a.y, b.y), constant: iadd(a.constant, b.constant) };
}

function negate(a: Linear): Linear {
  const flip = (m: Map<number, number>) => new Map([...m].map(([k, v]) => [k, -v] as [number, number]));
  return { x: flip(a.x), y: flip(a.y), constant: ineg(a.constant) };
}

function multiply(a: Linear, b: Linear, node: SExpr): Linear {
  const constantA = a.x.size === 0 && a.y.size === 0;
  const constantB = b.x.size === 0 && b.y.size === 0;
  if (!constantA && !constantB) return fail(node, 'multiplying two variables is not linear');
  if (constantA && constantB) return { x: new Map(), y: new Map(), constant: imul(a.constant, b.constant) };
  const [factor, linear] = constantA ? [a.constant, b] : [b.constant, a];
  if (factor.lo !== factor.hi) fail(node, 'a coefficient must be exactly representable (for example 0.5 or 3, not 0.1): otherwise a proof would be about a nearby property');
  const scale = (m: Map<number, number>) => {
    const out = new Map<number, number>();
    for (const [k, v] of m) {
      const p = exactProduct(factor.lo, v);
      if (!p.exact) fail(node, 'this product of coefficients is not exact in floating point');
      if (p.value !== 0) out.set(k, p.value);
    }
    return out;
  };
  return { x: scale(linear.x), y: scale(linear.y), constant: imul(point(factor.lo), linear.constant) };
}

/** `linear ≤ 0` (or `< 0`) as a bound on one input, a constraint on outputs, or a constant truth. */
function atom(linear: Linear, strict: boolean, at: Where, node: SExpr): Atom {
  if (linear.x.size > 0 && linear.y.size > 0) return fail(node, 'a constraint may mention inputs or outputs, not both');
  if (linear.x.size > 1) return fail(node, 'a constraint on inputs must bound a single input (the input set is a box)');
  if (linear.x.size === 1) {
    const [[input, a]] = [...linear.x] as [[number, number]];
    // a·x + K ≤ 0  ⇔  x ≤ −K/a (a > 0)  or  x ≥ −K/a (a < 0)
    const value = idiv(ineg(linear.constant), point(a));
    return { kind: 'bound', input, side: a > 0 ? 'hi' : 'lo', value, strict, at };
  }
  const negated = ineg(linear.constant);
  // (+ 0 turns −0 into 0: an unsafe region "y ≤ −0" reads better as "y ≤ 0".)
  const rhs = { lo: negated.lo + 0, hi: negated.hi + 0 };
  if (linear.y.size === 0) {
    const decided = strict ? (rhs.lo > 0 ? true : rhs.hi <= 0 ? false : undefined) : rhs.lo >= 0 ? true : rhs.hi < 0 ? false : undefined;
    if (decided === undefined) return fail(node, 'this comparison of constants cannot be decided in floating point');
    return { kind: 'constant', truth: decided };
  }
  return { kind: 'output', coeffs: linear.y, rhs, strict, at };
}

function buildCase(atoms: Atom[], inputs: number, outputs: number, declaredAt: Where[], caseIndex: number | undefined): SpecCase | undefined {
  const lo = new Float64Array(inputs).fill(-Infinity);
  const hi = new Float64Array(inputs).fill(Infinity);
  const loIn = new Float64Array(inputs).fill(-Infinity);
  const hiIn = new Float64Array(inputs).fill(Infinity);
  const constraints: OutputConstraint[] = [];
  for (const a of atoms) {
    if (a.kind === 'constant') {
      if (!a.truth) return undefined;
    } else if (a.kind === 'bound') {
      // Search outside the written bound, certify inside it.
      if (a.side === 'lo') {
        lo[a.input] = Math.max(lo[a.input]!, a.value.lo);
        loIn[a.input] = Math.max(loIn[a.input]!, a.strict ? nextUp(a.value.hi) : a.value.hi);
      } else {
        hi[a.input] = Math.min(hi[a.input]!, a.value.hi);
        hiIn[a.input] = Math.min(hiIn[a.input]!, a.strict ? nextDown(a.value.lo) : a.value.lo);
      }
    } else {
      const coeffs = new Float64Array(outputs);
      for (const [j, v] of a.coeffs) coeffs[j] = v;
      constraints.push({ coeffs, rhsLo: a.rhs.lo, rhsHi: a.rhs.hi, strict: a.strict, at: a.at });
    }
  }
  const where = caseIndex === undefined ? '' : ` in case ${caseIndex + 1} of the disjunction`;
  for (let i = 0; i < inputs; i++) {
    if (lo[i] === -Infinity) fail(declaredAt[i]!, `X_${i} has no lower bound${where}: every input needs a bound on each side`);
    if (hi[i] === Infinity) fail(declaredAt[i]!, `X_${i} has no upper bound${where}: every input needs a bound on each side`);
    if (lo[i]! > hi[i]!) return undefined;
  }
  return { lo, hi, loIn, hiIn, constraints };
}

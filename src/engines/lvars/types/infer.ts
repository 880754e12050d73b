import { BUILTINS, builtinFor, type BuiltinInfo } from '../builtins.ts';
import { specFromExpr, type LatticeSpec } from '../lattice/spec.ts';
import type { Block, Expr, Loc, Pattern, Program, Stmt } from '../syntax/ast.ts';
import { walkBlock } from '../syntax/walk.ts';
import {
  BOOL, con, fnType, fresh, futureType, generalize, instantiate, INT, listType, lvarType, mapType, mono, prune, setType, show, STR,
  tupleType, unify, UnifyError, UNIT_T, type Scheme, type TCon, type Type,
} from './types.ts';

// Why one file of about 500 lines: Hindley–Milner inference (with let-generalisation) over
// every syntax form of the language, and the LVar sites it records for the lattice checks, are
// one recursive pass over the same environment and substitution; the types themselves and
// unification live in types.ts.

export interface Diagnostic {
  severity: 'error' | 'warning';
  message: string;
  loc: Loc;
}

/** A call whose LVar argument is checked again once its lattice is known. */
export interface LVarSite {
  builtin: string;
  lvar: Type;
  loc: Loc;
  /** For get(lv, T): the threshold-set expression. */
  threshold?: Expr;
  /** For get(lv, T, F): the frozen thresholds' expression. */
  frozenThreshold?: Expr;
}

export interface Typing {
  diagnostics: Diagnostic[];
  sites: LVarSite[];
  /** The element type of each declared lattice. */
  latticeTypes: Map<string, Type>;
  /** The type of each top-level function, generalised. */
  fnTypes: Map<string, Scheme>;
  /** The type of the program's result. */
  result: Type;
}

class TypeErr extends Error {
  constructor(
    readonly loc: Loc,
    message: string,
  ) {
    super(message);
  }
}

class Scope {
  private readonly vars = new Map<string, Scheme>();
  constructor(private readonly parent: Scope | null) {}
  bind(name: string, s: Scheme): void {
    this.vars.set(name, s);
  }
  lookup(name: string): Scheme | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }
  names(): string[] {
    return [...this.vars.keys(), ...(this.parent?.names() ?? [])];
  }
}

/** Hindley-Milner inference (algorithm W with levels) over a whole program. */
class Inferer {
  private level = 1;
  private readonly returns: Type[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly sites: LVarSite[] = [];
  readonly latticeTypes = new Map<string, Type>();
  private readonly lattices: ReadonlySet<string>;

  constructor(private readonly program: Program) {
    this.lattices = new Set(program.lattices.map((l) => l.name));
  }

  run(): Typing {
    const globals = new Scope(null);
    const seen = new Set<string>();
    for (const l of this.program.lattices) {
      if (seen.has(l.name) || BUILTINS.has(l.name)) this.report(l.nameLoc, `The lattice ${l.name} is declared twice.`);
      seen.add(l.name);
      this.latticeTypes.set(l.name, fresh(0));
    }
    // Top-level functions, by dependency: each group of mutually recursive functions is
    // monomorphic inside and generalised before the functions that use it (as in Haskell).
    const schemes = new Map<string, Scheme>();
    const seenFns = new Set<string>();
    for (const f of this.program.fns) {
      if (seenFns.has(f.name)) this.report(f.nameLoc, `The function ${f.name} is defined twice.`);
      seenFns.add(f.name);
    }
    for (const group of dependencyGroups(this.program.fns)) {
      const types = new Map(group.map((f) => [f.name, fresh(this.level)]));
      for (const [name, t] of types) globals.bind(name, mono(t));
      for (const f of group) this.guard(() => this.unifyAt(f.nameLoc, this.fnExpr(f.params, f.body, globals), types.get(f.name)!, `the function ${f.name}`));
      for (const [name, t] of types) {
        const s = generalize(t, 0);
        schemes.set(name, s);
        globals.bind(name, s);
      }
    }
    for (const l of this.program.lattices) {
      const el = this.latticeTypes.get(l.name)!;
      const field = (name: string, e: Expr | undefined, expected: Type) =>
        e && this.guard(() => this.unifyAt(e.loc, this.expr(e, globals), expected, `the ${name} of ${l.name}`));
      field('bottom', l.bottom, el);
      field('join', l.join, fnType([el, el], el));
      field('top', l.top, el);
      field('carrier', l.carrier, setType(el));
      field('events', l.events, fnType([el], listType(el)));
    }
    const result = fresh(this.level);
    this.returns.push(result);
    this.guard(() => this.unifyAt(this.program.main.loc, this.block(this.program.main, new Scope(globals)), result, 'the program'));
    this.returns.pop();
    this.postChecks();
    return { diagnostics: this.diagnostics, sites: this.sites, latticeTypes: this.latticeTypes, fnTypes: schemes, result };
  }

  // Statements and blocks

  private block(b: Block, outer: Scope): Type {
    let scope = new Scope(outer);
    let value: Type = UNIT_T;
    b.stmts.forEach((s, i) => {
      const last = i === b.stmts.length - 1;
      this.guard(() => {
        const next = this.stmt(s, scope);
        scope = next.scope;
        if (last) value = s.k === 'expr' && !s.semi ? next.type : s.k === 'return' ? fresh(this.level) : UNIT_T;
      });
    });
    return value;
  }

  private stmt(s: Stmt, scope: Scope): { scope: Scope; type: Type } {
    switch (s.k) {
      case 'expr':
        return { scope, type: this.expr(s.expr, scope) };
      case 'let': {
        const isFn = s.value.k === 'fn';
        if (isFn) this.level++;
        const t = this.expr(s.value, scope);
        if (isFn) this.level--;
        const next = new Scope(scope);
        if (isFn && s.pattern.k === 'name') next.bind(s.pattern.name, generalize(t, this.level));
        else this.bindPattern(s.pattern, t, next);
        return { scope: next, type: UNIT_T };
      }
      case 'return': {
        const t = s.value ? this.expr(s.value, scope) : UNIT_T;
        this.unifyAt(s.loc, t, this.returns[this.returns.length - 1]!, 'the returned value');
        return { scope, type: UNIT_T };
      }
      case 'fork':
        this.returns.push(fresh(this.level));
        this.block(s.body, scope);
        this.returns.pop();
        return { scope, type: UNIT_T };
      case 'for': {
        const item = fresh(this.level);
        const it = this.expr(s.iterable, scope);
        const r = prune(it);
        if (r.kind === 'con' && r.name === 'Set') throw new TypeErr(s.iterable.loc, 'for loops go over lists; write elems(s) to loop over the elements of a set.');
        this.unifyAt(s.iterable.loc, it, listType(item), 'the list a for loop goes over');
        const inner = new Scope(scope);
        this.bindPattern(s.name, item, inner);
        this.block(s.body, inner);
        return { scope, type: UNIT_T };
      }
      case 'while':
        this.unifyAt(s.cond.loc, this.expr(s.cond, scope), BOOL, 'the condition of while');
        this.block(s.body, scope);
        return { scope, type: UNIT_T };
    }
  }

  private bindPattern(p: Pattern, t: Type, scope: Scope): void {
    switch (p.k) {
      case 'wild':
        return;
      case 'name':
        scope.bind(p.name, mono(t));
        return;
      case 'tuple': {
        const items = p.items.map(() => fresh(this.level));
        this.unifyAt(p.loc, t, tupleType(items), `a ${p.items.length}-tuple pattern`);
        p.items.forEach((q, i) => this.bindPattern(q, items[i]!, scope));
      }
    }
  }

  // Expressions

  private expr(e: Expr, scope: Scope): Type {
    switch (e.k) {
      case 'int':
        return INT;
      case 'str':
        return STR;
      case 'bool':
        return BOOL;
      case 'unit':
        return UNIT_T;
      case 'bot':
        return fresh(this.level);
      case 'var':
        return this.variable(e.name, e.loc, scope);
      case 'tuple':
        return tupleType(e.items.map((x) => this.expr(x, scope)));
      case 'list':
      case 'set': {
        const item = fresh(this.level);
        for (const x of e.items) this.unifyAt(x.loc, this.expr(x, scope), item, `an element of this ${e.k}`);
        return e.k === 'list' ? listType(item) : setType(item);
      }
      case 'map': {
        const k = fresh(this.level);
        const v = fresh(this.level);
        for (const [a, b] of e.entries) {
          this.unifyAt(a.loc, this.expr(a, scope), k, 'a key of this map');
          this.unifyAt(b.loc, this.expr(b, scope), v, 'a value of this map');
        }
        return mapType(k, v);
      }
      case 'unary': {
        const expected = e.op === '-' ? INT : BOOL;
        this.unifyAt(e.operand.loc, this.expr(e.operand, scope), expected, `the operand of ${e.op}`);
        return expected;
      }
      case 'binary':
        return this.binary(e, scope);
      case 'if': {
        this.unifyAt(e.cond.loc, this.expr(e.cond, scope), BOOL, 'the condition of if');
        const then = this.block(e.then, scope);
        if (!e.else) return UNIT_T;
        const otherwise = this.block(e.else, scope);
        this.unifyAt(e.else.loc, otherwise, then, 'the else branch (both branches must have the same type)');
        return then;
      }
      case 'fn':
        return this.fnExpr(e.params, e.body, scope, e.name);
      case 'call':
        return this.call(e, scope);
      case 'index': {
        const item = fresh(this.level);
        this.unifyAt(e.target.loc, this.expr(e.target, scope), listType(item), 'the indexed value (only lists are indexed; use lookup for maps)');
        this.unifyAt(e.index.loc, this.expr(e.index, scope), INT, 'the index');
        return item;
      }
      case 'fork': {
        const result = fresh(this.level);
        this.returns.push(result);
        try {
          this.unifyAt(e.body.loc, this.block(e.body, scope), result, 'the value of the forked block');
        } finally {
          this.returns.pop();
        }
        return futureType(result);
      }
      case 'new': {
        const spec = specFromExpr(e.lattice, this.lattices);
        if (typeof spec === 'string') throw new TypeErr(e.lattice.loc, spec);
        const t = this.lvarOf(spec);
        return lvarType(t.descriptor, t.element, t.event);
      }
    }
  }

  private variable(name: string, loc: Loc, scope: Scope): Type {
    const s = scope.lookup(name);
    if (s) return instantiate(s, this.level);
    if (name === 'get') throw new TypeErr(loc, 'get is used as get(iv) or get(lv, {thresholds}); it cannot be passed as a value.');
    const b = BUILTINS.get(name);
    if (b) return instantiate(b.scheme, this.level);
    if (this.lattices.has(name)) throw new TypeErr(loc, `${name} is a lattice; make an LVar of it with new(${name}).`);
    const near = closest(name, [...scope.names(), ...BUILTINS.keys()].map((n) => n.replace(/\/\d$/, '')));
    throw new TypeErr(loc, `Unknown name ${name}.${near ? ` Did you mean ${near}?` : ''}`);
  }

  private fnExpr(params: string[], body: Block, scope: Scope, name?: string): Type {
    const inner = new Scope(scope);
    const paramTypes = params.map((p) => {
      const t = fresh(this.level);
      inner.bind(p, mono(t));
      return t;
    });
    const result = fresh(this.level);
    const self = fnType(paramTypes, result);
    if (name) inner.bind(name, mono(self));
    this.returns.push(result);
    try {
      this.unifyAt(body.loc, this.block(body, inner), result, 'the value of the function body');
    } finally {
      this.returns.pop();
    }
    return self;
  }

  private call(e: Extract<Expr, { k: 'call' }>, scope: Scope): Type {
    const builtin = e.callee.k === 'var' && !scope.lookup(e.callee.name) ? builtinFor(e.callee.name, e.args.length) : undefined;
    if (!builtin && e.callee.k === 'var') this.variable(e.callee.name, e.callee.loc, scope);
    const args = e.args.map((a) => this.expr(a, scope));
    const result = fresh(this.level);
    if (builtin) {
      if (builtin.arity !== e.args.length)
        throw new TypeErr(e.loc, `${e.callee.k === 'var' ? e.callee.name : 'this'} takes ${builtin.arity} argument${builtin.arity === 1 ? '' : 's'}, got ${e.args.length}.`);
      const t = instantiate(builtin.scheme, this.level) as TCon;
      this.recordSite(builtin, t, e);
      args.forEach((a, i) => this.unifyAt(e.args[i]!.loc, a, t.args[i]!, `argument ${i + 1} of ${e.callee.k === 'var' ? e.callee.name : ''}`, () => hint(builtin, prune(args[0]!))));
      this.unifyAt(e.loc, t.args[t.args.length - 1]!, result, 'the result');
      return result;
    }
    const callee = prune(this.expr(e.callee, scope));
    if (callee.kind === 'con' && callee.name.startsWith('Fn') && callee.args.length - 1 !== args.length)
      throw new TypeErr(e.loc, `This function takes ${callee.args.length - 1} argument${callee.args.length === 2 ? '' : 's'}, got ${args.length}.`);
    if (callee.kind === 'con' && !callee.name.startsWith('Fn')) throw new TypeErr(e.callee.loc, `This is a ${show(callee)}, not a function.`);
    this.unifyAt(e.loc, callee, fnType(args, result), 'the call');
    return result;
  }

  private recordSite(b: BuiltinInfo, t: TCon, e: Extract<Expr, { k: 'call' }>): void {
    const lvarArg: Record<string, number> = { put: 0, 'get/2': 0, 'get/3': 0, addHandler: 1, newHandler: 0, freezeAfter: 0 };
    const i = lvarArg[b.name];
    if (i === undefined) return;
    const thresholds = b.name === 'get/2' || b.name === 'get/3' ? { threshold: e.args[1]!, ...(e.args[2] ? { frozenThreshold: e.args[2] } : {}) } : {};
    this.sites.push({ builtin: b.name, lvar: t.args[i]!, loc: e.loc, ...thresholds });
  }

  private binary(e: Extract<Expr, { k: 'binary' }>, scope: Scope): Type {
    const l = this.expr(e.left, scope);
    const r = this.expr(e.right, scope);
    const both = (t: Type, what: string) => {
      this.unifyAt(e.left.loc, l, t, what);
      this.unifyAt(e.right.loc, r, t, what);
    };
    switch (e.op) {
      case '+': case '-': case '*': case '/': case '%':
        both(INT, `the operands of ${e.op}`);
        return INT;
      case '++':
        both(STR, 'the operands of ++ (text)');
        return STR;
      case '&&': case '||':
        both(BOOL, `the operands of ${e.op}`);
        return BOOL;
      default:
        this.unifyAt(e.right.loc, r, l, `the right side of ${e.op} (both sides must have the same type)`);
        return BOOL;
    }
  }

  /** The descriptor, element and event types of a lattice. */
  private lvarOf(spec: LatticeSpec): { descriptor: Type; element: Type; event: Type } {
    switch (spec.kind) {
      case 'ivar': {
        const t = fresh(this.level);
        return { descriptor: con('L:IVar', t), element: t, event: t };
      }
      case 'maxnat':
        return { descriptor: con('L:MaxNat'), element: INT, event: INT };
      case 'counter':
        return { descriptor: con('L:Counter'), element: INT, event: INT };
      case 'set': {
        const t = fresh(this.level);
        return { descriptor: con('L:Set', t), element: setType(t), event: t };
      }
      case 'bool':
        return { descriptor: con('L:Bool'), element: BOOL, event: BOOL };
      case 'map': {
        const k = fresh(this.level);
        const inner = this.lvarOf(spec.value);
        return { descriptor: con('L:Map', k, inner.descriptor), element: mapType(k, inner.element), event: k };
      }
      case 'pair': {
        const a = this.lvarOf(spec.left);
        const b = this.lvarOf(spec.right);
        // A pair's events are its components' events, each as the least pair that has it: (e, ⊥) or (⊥, e).
        const element = tupleType([a.element, b.element]);
        return { descriptor: con('L:Pair', a.descriptor, b.descriptor), element, event: element };
      }
      case 'user': {
        const t = this.latticeTypes.get(spec.name)!;
        return { descriptor: con(`L:User:${spec.name}`), element: t, event: t };
      }
    }
  }

  /** Checks that need the resolved lattice of an LVar. */
  private postChecks(): void {
    const carriers = new Set(this.program.lattices.filter((l) => l.carrier || l.events).map((l) => l.name));
    for (const site of this.sites) {
      const lv = prune(site.lvar);
      if (lv.kind !== 'con') continue;
      const d = prune(lv.args[0]!);
      if (d.kind !== 'con') continue;
      if (site.builtin === 'put' && d.name === 'L:Counter')
        this.report(site.loc, 'A counter changes only by bump(c, n): put (max) and bump (+) do not commute.');
      // The event-set forms (addHandler/4, newHandler/3, freezeAfter/3) need no events of the lattice.
      if (['addHandler', 'newHandler', 'freezeAfter'].includes(site.builtin)) {
        if (d.name.startsWith('L:User:') && !carriers.has(d.name.slice(7)))
          this.report(site.loc, `Handlers on ${d.name.slice(7)} need its events: declare a finite carrier or an events function for the lattice, or give an event set (as in newHandler(lv, {bot}, f)).`);
      }
    }
  }

  // Errors

  private unifyAt(loc: Loc, actual: Type, expected: Type, what: string, extra?: () => string | undefined): void {
    try {
      unify(actual, expected);
    } catch (e) {
      if (!(e instanceof UnifyError)) throw e;
      const names = new Map();
      const more = extra?.();
      throw new TypeErr(loc, `Type mismatch in ${what}: expected ${show(expected, names)}, got ${show(actual, names)}.${more ? ` ${more}` : ''}`);
    }
  }

  private guard(f: () => void): void {
    try {
      f();
    } catch (e) {
      if (e instanceof TypeErr) this.report(e.loc, e.message);
      else throw e;
    }
  }

  private report(loc: Loc, message: string): void {
    this.diagnostics.push({ severity: 'error', message, loc });
  }
}

/** Top-level functions grouped into strongly connected components of the call graph, callees first (Tarjan). */
function dependencyGroups(fns: Program['fns']): Program['fns'][] {
  const byName = new Map(fns.map((f) => [f.name, f]));
  const uses = new Map(
    fns.map((f) => {
      const names = new Set<string>();
      walkBlock(f.body, (e) => e.k === 'var' && byName.has(e.name) && names.add(e.name));
      return [f.name, [...names]];
    }),
  );
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: Program['fns'][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of uses.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: Program['fns'] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(byName.get(w)!);
      } while (w !== v);
      groups.push(group);
    }
  };
  for (const f of fns) if (!index.has(f.name)) visit(f.name);
  return groups;
}

/** A hint for the common mix-ups: put of an element into a set, get without a threshold. */
function hint(b: BuiltinInfo, first: Type): string | undefined {
  if (first.kind !== 'con' || first.name !== 'LVar') return undefined;
  const d = prune(first.args[0]!);
  const kind = d.kind === 'con' ? d.name : '';
  if (b.name === 'put' && kind === 'L:Set') return 'To add one element x to a set LVar s, write insert(x, s) (or put(s, {x})).';
  if (b.name === 'get/1' && kind !== 'L:IVar') return 'get(lv) without thresholds is for IVars; give a threshold set, e.g. get(s, {{x}}) or waitElem(x, s).';
  if (b.name === 'bump') return 'bump works on counters: new(Counter) or newCounter().';
  return undefined;
}

function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of new Set(candidates)) {
    const d = editDistance(name, c);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function infer(program: Program): Typing {
  return new Inferer(program).run();
}

import { builtinFor } from '../builtins.ts';
import { specFromExpr } from '../lattice/spec.ts';
import type { Block, Expr, Pattern, Program, Stmt } from '../syntax/ast.ts';
import { isAtomic, Op, type BlockCode, type Code, type FnCode, type PatCode, type StmtCode } from './code.ts';
import { BOT, UNIT, type Builtin, type Closure, type Value } from './values.ts';

export interface CompiledLattice {
  name: string;
  bottom: Code;
  join: Code;
  top: Code | undefined;
  carrier: Code | undefined;
  events: Code | undefined;
}

export interface Compiled {
  main: BlockCode;
  lattices: CompiledLattice[];
  /** Every function in the program, by its stable id. */
  fns: FnCode[];
}

/** Compile-time mirror of the runtime environment: one list of names per frame. */
type Frames = string[][];

const builtinValue = (name: string): Builtin => ({ tag: 'builtin', name });

/**
 * Compiles a type-checked program. Top-level functions become closures over the empty
 * environment, created before their bodies are compiled so that they can call each other.
 */
// One function (142 lines): one case per syntax form, all sharing the compile-time frames and the
// closure counter; the inner functions are the compiler, the outer one only their shared state.
export function compile(program: Program): Compiled {
  let nextCid = 1;
  const fns: FnCode[] = [];
  const lattices = new Set(program.lattices.map((l) => l.name));
  const globals = new Map<string, Closure>();
  const newFn = (name: string | undefined, params: number, loc: FnCode['loc']): FnCode => {
    const fn: FnCode = { cid: nextCid++, id: fns.length, name, params, body: { cid: 0, stmts: [], valueLast: false, loc }, loc };
    fns.push(fn);
    return fn;
  };
  for (const f of program.fns) globals.set(f.name, { tag: 'closure', code: newFn(f.name, f.params.length, f.loc), env: null });

  const constant = (value: Value, loc: Code['loc']): Code => ({ op: Op.Const, cid: nextCid++, value, loc });

  function lookup(name: string, frames: Frames): { depth: number; index: number } | undefined {
    for (let d = 0; d < frames.length; d++) {
      const frame = frames[frames.length - 1 - d]!;
      const index = frame.lastIndexOf(name);
      if (index >= 0) return { depth: d, index };
    }
    return undefined;
  }

  function expr(e: Expr, frames: Frames, bindName?: string): Code {
    const cid = nextCid++;
    const loc = e.loc;
    switch (e.k) {
      case 'int':
      case 'str':
      case 'bool':
        return { op: Op.Const, cid, value: e.value, loc };
      case 'unit':
        return { op: Op.Const, cid, value: UNIT, loc };
      case 'bot':
        return { op: Op.Const, cid, value: BOT, loc };
      case 'var': {
        const at = lookup(e.name, frames);
        if (at) return { op: Op.Local, cid, ...at, name: e.name, loc };
        const fn = globals.get(e.name);
        return { op: Op.Const, cid, value: fn ?? builtinValue(e.name), loc };
      }
      case 'tuple':
        return { op: Op.Tuple, cid, items: e.items.map((x) => expr(x, frames)), loc };
      case 'list':
        return { op: Op.List, cid, items: e.items.map((x) => expr(x, frames)), loc };
      case 'set':
        return { op: Op.Set, cid, items: e.items.map((x) => expr(x, frames)), loc };
      case 'map':
        return { op: Op.Map, cid, items: e.entries.flatMap(([k, v]) => [expr(k, frames), expr(v, frames)]), loc };
      case 'unary':
        return { op: Op.Unary, cid, operator: e.op, operand: expr(e.operand, frames), loc };
      case 'binary':
        if (e.op === '&&' || e.op === '||')
          return { op: e.op === '&&' ? Op.And : Op.Or, cid, left: expr(e.left, frames), right: expr(e.right, frames), loc };
        return { op: Op.Binary, cid, operator: e.op, left: expr(e.left, frames), right: expr(e.right, frames), loc };
      case 'if':
        return { op: Op.If, cid, cond: expr(e.cond, frames), then: block(e.then, frames), else: e.else ? block(e.else, frames) : null, loc };
      case 'fn':
        return { op: Op.Lambda, cid, fn: fnCode(e.name, e.params, e.body, frames, loc), loc };
      case 'call': {
        const isBuiltin = e.callee.k === 'var' && !lookup(e.callee.name, frames) && !globals.has(e.callee.name);
        const b = isBuiltin && e.callee.k === 'var' ? builtinFor(e.callee.name, e.args.length) : undefined;
        const callee = b ? constant(builtinValue(b.name), e.callee.loc) : expr(e.callee, frames);
        const args = e.args.map((a) => expr(a, frames));
        return { op: Op.Call, cid, callee, args, loc, bindName, atomic: callee.op === Op.Const && args.every(isAtomic) };
      }
      case 'index':
        return { op: Op.Index, cid, target: expr(e.target, frames), index: expr(e.index, frames), loc };
      case 'fork':
        return { op: Op.Fork, cid, body: block(e.body, frames), loc };
      case 'new': {
        const spec = specFromExpr(e.lattice, lattices);
        if (typeof spec === 'string') throw new Error(`unchecked lattice: ${spec}`);
        return { op: Op.New, cid, spec, loc, bindName };
      }
    }
  }

  function fnCode(name: string | undefined, params: string[], body: Block, frames: Frames, loc: FnCode['loc'], into?: FnCode): FnCode {
    const fn = into ?? newFn(name, params.length, loc);
    fn.body = block(body, [...frames, [name ?? '', ...params]]);
    return fn;
  }

  function pattern(p: Pattern, names: string[]): PatCode {
    switch (p.k) {
      case 'wild':
        return { k: 'wild' };
      case 'name':
        names.push(p.name);
        return { k: 'slot' };
      case 'tuple':
        return { k: 'tuple', items: p.items.map((q) => pattern(q, names)) };
    }
  }

  function block(b: Block, outer: Frames): BlockCode {
    let frames = outer;
    const stmts: StmtCode[] = [];
    for (const s of b.stmts) {
      const { code, binds } = stmt(s, frames);
      stmts.push(code);
      if (binds) frames = [...frames, binds];
    }
    const last = b.stmts[b.stmts.length - 1];
    return { cid: nextCid++, stmts, valueLast: last !== undefined && last.k === 'expr' && !last.semi, loc: b.loc };
  }

  function stmt(s: Stmt, frames: Frames): { code: StmtCode; binds?: string[] } {
    const cid = nextCid++;
    switch (s.k) {
      case 'let': {
        const names: string[] = [];
        const pat = pattern(s.pattern, names);
        // A named function may call itself: it sees its own name in slot 0 of its frame.
        const value = expr(s.value, frames, s.pattern.k === 'name' ? s.pattern.name : undefined);
        return { code: { k: 'let', cid, pattern: pat, value, loc: s.loc }, binds: names };
      }
      case 'expr':
        return { code: { k: 'expr', cid, expr: expr(s.expr, frames), loc: s.loc } };
      case 'return':
        return { code: { k: 'return', cid, value: s.value ? expr(s.value, frames) : null, loc: s.loc } };
      case 'fork':
        return { code: { k: 'fork', cid, body: block(s.body, frames), loc: s.loc } };
      case 'for': {
        const names: string[] = [];
        const pat = pattern(s.name, names);
        return { code: { k: 'for', cid, pattern: pat, iterable: expr(s.iterable, frames), body: block(s.body, [...frames, names]), loc: s.loc } };
      }
      case 'while':
        return { code: { k: 'while', cid, cond: expr(s.cond, frames), body: block(s.body, frames), loc: s.loc } };
    }
  }

  program.fns.forEach((f) => fnCode(f.name, f.params, f.body, [], f.loc, globals.get(f.name)!.code));
  const compiledLattices = program.lattices.map((l) => ({
    name: l.name,
    bottom: expr(l.bottom, []),
    join: expr(l.join, []),
    top: l.top && expr(l.top, []),
    carrier: l.carrier && expr(l.carrier, []),
    events: l.events && expr(l.events, []),
  }));
  const main = block(program.main, []);
  return { main, lattices: compiledLattices, fns };
}

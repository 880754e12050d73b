import { BUILTINS } from '../builtins.ts';
import type { LatticeSpec } from '../lattice/spec.ts';
import type { Loc } from '../syntax/ast.ts';
import { Op, type BlockCode, type Code, type Env, type PatCode } from './code.ts';
import { binaryOp, LangError, makeList, makeMapValue, makeSetValue, makeTuple, pureBuiltin } from './prims.ts';
import { list, tuple, UNIT, type Closure, type List, type Tuple, type Value } from './values.ts';

// Why one file of about 460 lines: the CEK machine's evaluation, statement and return rules
// (evalStep, exec, retStep) are mutually recursive over the same continuation frames.

/**
 * A CEK machine for one thread. Each reduction names the rule it took, as the PLT Redex model of
 * λLVish does. A thread runs its own (local) reductions until it reaches a shared operation,
 * where it stops, "poised"; the scheduler decides when a poised thread takes its shared step.
 */

export const enum Mode {
  Eval,
  Exec,
  Ret,
  Unwind,
  Poised,
  Done,
}

type CallCode = Extract<Code, { op: Op.Call }>;
type BinaryCode = Extract<Code, { op: Op.Binary }>;
type ItemsCode = Extract<Code, { op: Op.Tuple | Op.List | Op.Set | Op.Map }>;
type IfCode = Extract<Code, { op: Op.If }>;
type AndOrCode = Extract<Code, { op: Op.And | Op.Or }>;
type IndexCode = Extract<Code, { op: Op.Index }>;
type UnaryCode = Extract<Code, { op: Op.Unary }>;

export const enum K {
  Seq, Let, Boundary, ReturnVal, Callee, Args, BinL, BinR, AndOr, Unary, If, Items, IndexT, IndexI, ForIter, ForNext, WhileCond, WhileBody,
}

/** Continuation frames: immutable, shared between configurations. */
export type Kont =
  | { t: K.Seq | K.Let | K.ForIter | K.WhileCond | K.WhileBody; block: BlockCode; index: number; env: Env | null; next: Kont | null }
  | { t: K.Boundary | K.ReturnVal; next: Kont | null }
  | { t: K.Callee; node: CallCode; env: Env | null; next: Kont | null }
  | { t: K.Args; node: CallCode; callee: Value; done: readonly Value[]; env: Env | null; next: Kont | null }
  | { t: K.BinL; node: BinaryCode; env: Env | null; next: Kont | null }
  | { t: K.BinR; node: BinaryCode; left: Value; next: Kont | null }
  | { t: K.AndOr; node: AndOrCode; env: Env | null; next: Kont | null }
  | { t: K.Unary; node: UnaryCode; next: Kont | null }
  | { t: K.If; node: IfCode; env: Env | null; next: Kont | null }
  | { t: K.Items; node: ItemsCode; done: readonly Value[]; env: Env | null; next: Kont | null }
  | { t: K.IndexT; node: IndexCode; env: Env | null; next: Kont | null }
  | { t: K.IndexI; node: IndexCode; target: Value; next: Kont | null }
  | { t: K.ForNext; block: BlockCode; index: number; env: Env | null; items: readonly Value[]; pos: number; next: Kont | null };

/** A shared operation a thread is poised at, with its evaluated arguments. */
export interface Pending {
  op: string;
  args: readonly Value[];
  loc: Loc;
  bindName: string | undefined;
  /** freezeAfter's second phase (E-Freeze-Final) waits on this pool. */
  finalPool?: string;
}

export interface Thread {
  readonly id: string;
  mode: Mode;
  code: Code | null;
  block: BlockCode | null;
  index: number;
  env: Env | null;
  value: Value;
  kont: Kont | null;
  pending: Pending | null;
  /** Children forked and things allocated so far: the source of schedule-independent names. */
  forks: number;
  allocs: number;
  /** The handler pool this thread runs for, if it is a handler. */
  pool: string | null;
  /** Where the thread was created. */
  origin: Loc;
}

export interface MachineHost {
  /** A new LVar at bottom, or at `initial` (an element of its lattice). */
  newLVar(t: Thread, spec: LatticeSpec, name: string | undefined, loc: Loc, initial?: Value): Value;
  newPool(t: Thread, name: string | undefined): Value;
  newRef(t: Thread, initial: Value, name: string | undefined): Value;
  /** Starts a thread; with `future`, returns the future of its value (else unit). */
  fork(t: Thread, body: BlockCode, env: Env | null, loc: Loc, future: boolean): Value;
  /** Called once per reduction, with the rule's name. */
  rule(name: string, loc: Loc, t: Thread): void;
  /** Machine transitions a thread may take before reaching a shared operation. */
  readonly localLimit: number;
}

/** A thread ran too long without reaching a shared operation: most likely an infinite loop. */
export class LocalLoop extends Error {
  constructor(readonly loc: Loc) {
    super('loop');
  }
}

export function threadAt(id: string, block: BlockCode, env: Env | null, pool: string | null, origin: Loc): Thread {
  return { id, mode: Mode.Exec, code: null, block, index: 0, env, value: UNIT, kont: null, pending: null, forks: 0, allocs: 0, pool, origin };
}

/** A thread that starts by applying `fn` to `args` (a handler invocation). */
export function threadCalling(id: string, fn: Closure, args: Value[], pool: string | null, origin: Loc): Thread {
  const t = threadAt(id, fn.code.body, { vals: [fn, ...args], parent: fn.env }, pool, origin);
  t.kont = { t: K.Boundary, next: null };
  return t;
}

function bind(p: PatCode, v: Value, out: Value[], loc: Loc): void {
  if (p.k === 'slot') out.push(v);
  else if (p.k === 'tuple') {
    const items = (v as Tuple).items;
    if (typeof v !== 'object' || v.tag !== 'tuple' || items.length !== p.items.length) throw new LangError('The value does not match the tuple pattern.', loc);
    p.items.forEach((q, i) => bind(q, items[i]!, out, loc));
  }
}

function frame(p: PatCode, v: Value, parent: Env | null, loc: Loc): Env {
  const vals: Value[] = [];
  bind(p, v, vals, loc);
  return { vals, parent };
}

const ITEM_RULE: Record<number, string> = { [Op.Tuple]: 'E-Tuple', [Op.List]: 'E-List', [Op.Set]: 'E-Set', [Op.Map]: 'E-Map' };

function construct(node: ItemsCode, items: Value[]): Value {
  switch (node.op) {
    case Op.Tuple:
      return makeTuple(items);
    case Op.List:
      return makeList(items);
    case Op.Set:
      return makeSetValue(items);
    default:
      return makeMapValue(items);
  }
}

/**
 * Runs `t` (mutated in place; its kont and env are immutable) until it is poised at a shared
 * operation or done. Throws LangError for the program's own errors and LocalLoop at the limit.
 */
export function runLocal(t: Thread, host: MachineHost): void {
  let fuel = host.localLimit;
  for (;;) {
    if (--fuel < 0) throw new LocalLoop(t.code?.loc ?? t.block?.loc ?? t.origin);
    switch (t.mode) {
      case Mode.Eval:
        evalStep(t, t.code!, host);
        break;
      case Mode.Exec:
        execStep(t, host);
        break;
      case Mode.Ret:
        retStep(t, host);
        break;
      case Mode.Unwind: {
        let k = t.kont;
        while (k && k.t !== K.Boundary) k = k.next;
        t.kont = k ? k.next : null;
        t.mode = Mode.Ret;
        if (!k) finish(t);
        break;
      }
      default:
        return;
    }
  }
}

function finish(t: Thread): void {
  t.mode = Mode.Done;
  t.code = null;
  t.block = null;
  t.env = null;
}

function ret(t: Thread, v: Value): void {
  t.mode = Mode.Ret;
  t.value = v;
}

function evalIn(t: Thread, code: Code, env: Env | null, kont: Kont | null): void {
  t.mode = Mode.Eval;
  t.code = code;
  t.env = env;
  t.kont = kont;
}

function exec(t: Thread, block: BlockCode, index: number, env: Env | null): void {
  t.mode = Mode.Exec;
  t.block = block;
  t.index = index;
  t.env = env;
}

/** The value of a constant or a variable. */
function atom(c: Code, env: Env | null): Value {
  if (c.op === Op.Const) return c.value;
  const local = c as Extract<Code, { op: Op.Local }>;
  let e = env!;
  for (let d = local.depth; d > 0; d--) e = e.parent!;
  return e.vals[local.index]!;
}

/** The values of atomic arguments (a loop: this is on every call of a builtin). */
function atoms(args: readonly Code[], env: Env | null): Value[] {
  const out: Value[] = new Array<Value>(args.length);
  for (let i = 0; i < args.length; i++) out[i] = atom(args[i]!, env);
  return out;
}

function evalStep(t: Thread, c: Code, host: MachineHost): void {
  const env = t.env;
  switch (c.op) {
    case Op.Const:
    case Op.Local:
      return ret(t, atom(c, env));
    case Op.Tuple:
    case Op.List:
    case Op.Set:
    case Op.Map:
      if (c.items.length === 0) {
        host.rule(ITEM_RULE[c.op]!, c.loc, t);
        return ret(t, construct(c, []));
      }
      return evalIn(t, c.items[0]!, env, { t: K.Items, node: c, done: [], env, next: t.kont });
    case Op.Unary:
      return evalIn(t, c.operand, env, { t: K.Unary, node: c, next: t.kont });
    case Op.Binary:
      return evalIn(t, c.left, env, { t: K.BinL, node: c, env, next: t.kont });
    case Op.And:
    case Op.Or:
      return evalIn(t, c.left, env, { t: K.AndOr, node: c, env, next: t.kont });
    case Op.If:
      return evalIn(t, c.cond, env, { t: K.If, node: c, env, next: t.kont });
    case Op.Lambda:
      return ret(t, { tag: 'closure', code: c.fn, env });
    case Op.Call:
      if (c.atomic) return apply(t, (c.callee as Extract<Code, { op: Op.Const }>).value, atoms(c.args, env), c, host);
      return evalIn(t, c.callee, env, { t: K.Callee, node: c, env, next: t.kont });
    case Op.Index:
      return evalIn(t, c.target, env, { t: K.IndexT, node: c, env, next: t.kont });
    case Op.New:
      host.rule('E-New', c.loc, t);
      return ret(t, host.newLVar(t, c.spec, c.bindName, c.loc));
    case Op.Fork:
      host.rule('E-Fork', c.loc, t);
      return ret(t, host.fork(t, c.body, env, c.loc, true));
  }
}

function execStep(t: Thread, host: MachineHost): void {
  const block = t.block!;
  const i = t.index;
  const env = t.env;
  if (i >= block.stmts.length) return ret(t, UNIT);
  const s = block.stmts[i]!;
  switch (s.k) {
    case 'let':
      return evalIn(t, s.value, env, { t: K.Let, block, index: i, env, next: t.kont });
    case 'expr':
      if (i === block.stmts.length - 1 && block.valueLast) return evalIn(t, s.expr, env, t.kont);
      return evalIn(t, s.expr, env, { t: K.Seq, block, index: i, env, next: t.kont });
    case 'return':
      if (s.value) return evalIn(t, s.value, env, { t: K.ReturnVal, next: t.kont });
      host.rule('E-Return', s.loc, t);
      t.value = UNIT;
      t.mode = Mode.Unwind;
      return;
    case 'fork':
      host.rule('E-Fork', s.loc, t);
      host.fork(t, s.body, env, s.loc, false);
      return exec(t, block, i + 1, env);
    case 'for':
      return evalIn(t, s.iterable, env, { t: K.ForIter, block, index: i, env, next: t.kont });
    case 'while':
      return evalIn(t, s.cond, env, { t: K.WhileCond, block, index: i, env, next: t.kont });
  }
}

// One function (101 lines): one case per continuation frame (Kont), as a CEK machine's table of
// return rules; each case is a few lines, and apart they would only be dispatched to from here.
function retStep(t: Thread, host: MachineHost): void {
  const k = t.kont;
  const v = t.value;
  if (!k) return finish(t);
  switch (k.t) {
    case K.Seq:
      t.kont = k.next;
      return exec(t, k.block, k.index + 1, k.env);
    case K.Let: {
      const s = k.block.stmts[k.index] as Extract<BlockCode['stmts'][number], { k: 'let' }>;
      host.rule('E-Let', s.loc, t);
      t.kont = k.next;
      return exec(t, k.block, k.index + 1, frame(s.pattern, v, k.env, s.loc));
    }
    case K.Boundary:
      t.kont = k.next;
      return;
    case K.ReturnVal:
      host.rule('E-Return', t.code?.loc ?? t.origin, t);
      t.kont = k.next;
      t.mode = Mode.Unwind;
      return;
    case K.Callee:
      if (k.node.args.length === 0) {
        t.kont = k.next;
        return apply(t, v, [], k.node, host);
      }
      return evalIn(t, k.node.args[0]!, k.env, { t: K.Args, node: k.node, callee: v, done: [], env: k.env, next: k.next });
    case K.Args: {
      const done = [...k.done, v];
      if (done.length < k.node.args.length)
        return evalIn(t, k.node.args[done.length]!, k.env, { t: K.Args, node: k.node, callee: k.callee, done, env: k.env, next: k.next });
      t.kont = k.next;
      return apply(t, k.callee, done, k.node, host);
    }
    case K.BinL:
      return evalIn(t, k.node.right, k.env, { t: K.BinR, node: k.node, left: v, next: k.next });
    case K.BinR:
      host.rule('E-Prim', k.node.loc, t);
      t.kont = k.next;
      return ret(t, binaryOp(k.node.operator, k.left, v, k.node.loc));
    case K.AndOr: {
      const short = k.node.op === Op.And ? v === false : v === true;
      host.rule('E-Prim', k.node.loc, t);
      if (short) {
        t.kont = k.next;
        return ret(t, v);
      }
      return evalIn(t, k.node.right, k.env, k.next);
    }
    case K.Unary:
      host.rule('E-Prim', k.node.loc, t);
      t.kont = k.next;
      return ret(t, k.node.operator === '-' ? -(v as number) : !v);
    case K.If:
      host.rule(v === true ? 'E-If-True' : 'E-If-False', k.node.loc, t);
      t.kont = k.next;
      if (v === true) return exec(t, k.node.then, 0, k.env);
      if (k.node.else) return exec(t, k.node.else, 0, k.env);
      return ret(t, UNIT);
    case K.Items: {
      const done = [...k.done, v];
      if (done.length < k.node.items.length)
        return evalIn(t, k.node.items[done.length]!, k.env, { t: K.Items, node: k.node, done, env: k.env, next: k.next });
      host.rule(ITEM_RULE[k.node.op]!, k.node.loc, t);
      t.kont = k.next;
      return ret(t, construct(k.node, done));
    }
    case K.IndexT:
      return evalIn(t, k.node.index, k.env, { t: K.IndexI, node: k.node, target: v, next: k.next });
    case K.IndexI: {
      const items = (k.target as List).items;
      const i = v as number;
      if (i < 0 || i >= items.length) throw new LangError(`Index ${i} is outside the list (length ${items.length}).`, k.node.loc);
      host.rule('E-Index', k.node.loc, t);
      t.kont = k.next;
      return ret(t, items[i]!);
    }
    case K.ForIter: {
      const items = (v as List).items;
      return loop(t, k.block, k.index, k.env, items, 0, k.next, host);
    }
    case K.ForNext:
      return loop(t, k.block, k.index, k.env, k.items, k.pos + 1, k.next, host);
    case K.WhileCond: {
      const s = k.block.stmts[k.index]!;
      host.rule(v === true ? 'E-While-True' : 'E-While-False', s.loc, t);
      if (v !== true) {
        t.kont = k.next;
        return exec(t, k.block, k.index + 1, k.env);
      }
      t.kont = { t: K.WhileBody, block: k.block, index: k.index, env: k.env, next: k.next };
      const body = (s as Extract<typeof s, { k: 'while' }>).body;
      return exec(t, body, 0, k.env);
    }
    case K.WhileBody: {
      const s = k.block.stmts[k.index] as Extract<BlockCode['stmts'][number], { k: 'while' }>;
      return evalIn(t, s.cond, k.env, { t: K.WhileCond, block: k.block, index: k.index, env: k.env, next: k.next });
    }
  }
}

function loop(t: Thread, block: BlockCode, index: number, env: Env | null, items: readonly Value[], pos: number, next: Kont | null, host: MachineHost): void {
  const s = block.stmts[index] as Extract<BlockCode['stmts'][number], { k: 'for' }>;
  if (pos >= items.length) {
    t.kont = next;
    return exec(t, block, index + 1, env);
  }
  host.rule('E-For', s.loc, t);
  t.kont = { t: K.ForNext, block, index, env, items, pos, next };
  return exec(t, s.body, 0, frame(s.pattern, items[pos]!, env, s.loc));
}

function apply(t: Thread, callee: Value, args: Value[], node: CallCode, host: MachineHost): void {
  if (typeof callee !== 'object' || (callee.tag !== 'closure' && callee.tag !== 'builtin'))
    throw new LangError('This is not a function.', node.loc);
  if (callee.tag === 'closure') {
    if (callee.code.params !== args.length)
      throw new LangError(`This function takes ${callee.code.params} arguments, got ${args.length}.`, node.loc);
    host.rule('E-Beta', node.loc, t);
    // A call in tail position reuses the caller's boundary: loops written as recursion run in constant space.
    if (!t.kont || t.kont.t !== K.Boundary) t.kont = { t: K.Boundary, next: t.kont };
    return exec(t, callee.code.body, 0, { vals: [callee, ...args], parent: callee.env });
  }
  const info = BUILTINS.get(callee.name);
  if (!info) throw new LangError(`Unknown builtin ${callee.name}.`, node.loc);
  if (info.kind === 'pure') {
    host.rule('E-Prim', node.loc, t);
    return ret(t, pureBuiltin(callee.name, args, node.loc));
  }
  if (info.kind === 'alloc') {
    switch (callee.name) {
      case 'newPool':
        host.rule('E-New-Pool', node.loc, t);
        return ret(t, host.newPool(t, node.bindName));
      case 'ref':
        host.rule('E-New-Ref', node.loc, t);
        return ret(t, host.newRef(t, args[0]!, node.bindName));
      case 'newFromList':
        host.rule('E-New', node.loc, t);
        return ret(t, host.newLVar(t, { kind: 'set' }, node.bindName, node.loc, makeSetValue([...(args[0] as List).items])));
      case 'newNatArray':
      case 'newCounterArray':
        return ret(t, newArray(t, callee.name === 'newNatArray' ? { kind: 'ivar' } : { kind: 'counter' }, args[0] as number, node, host));
      case 'makeMemo':
        // Data.LVar.Memo: the table is a map LVar from keys to the futures of the function's results.
        host.rule('E-New', node.loc, t);
        return ret(t, tuple([host.newLVar(t, { kind: 'map', value: { kind: 'ivar' } }, node.bindName ?? 'memo', node.loc), args[0]!]));
      default:
        host.rule('E-New', node.loc, t);
        return ret(t, host.newLVar(t, ALLOC_SPEC[callee.name]!, node.bindName, node.loc));
    }
  }
  t.mode = Mode.Poised;
  t.pending = { op: callee.name, args, loc: node.loc, bindName: node.bindName };
}

/** The lattice of each allocating builtin that makes one empty LVar (modify takes these as its constructor). */
export const ALLOC_SPEC: Readonly<Record<string, LatticeSpec>> = {
  newIVar: { kind: 'ivar' },
  newEmptySet: { kind: 'set' },
  newEmptyMap: { kind: 'map', value: { kind: 'ivar' } },
  newMaxCounter: { kind: 'maxnat' },
  newCounter: { kind: 'counter' },
  newPair: { kind: 'pair', left: { kind: 'ivar' }, right: { kind: 'ivar' } },
};

/** The most LVars one array may have (each is a cell of the store). */
export const MAX_ARRAY = 10_000;

/** Data.LVar.NatArray (or an array of counters): one LVar per index, in a list behind an opaque type. */
function newArray(t: Thread, spec: LatticeSpec, n: number, node: CallCode, host: MachineHost): Value {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_ARRAY) throw new LangError(`An array has between 0 and ${MAX_ARRAY.toLocaleString('en-US')} elements, not ${n}.`, node.loc);
  const name = node.bindName ?? 'array';
  const cells: Value[] = [];
  for (let i = 0; i < n; i++) {
    host.rule('E-New', node.loc, t);
    cells.push(host.newLVar(t, spec, `${name}[${i}]`, node.loc));
  }
  return list(cells);
}

/**
 * A poised thread makes a call (a shared operation whose continuation is a function, as modify's):
 * it leaves the poised state and enters `fn`'s body with `args`, returning to where it was.
 */
export function enterCall(t: Thread, fn: Value, args: Value[], loc: Loc, host: MachineHost): void {
  if (typeof fn !== 'object' || fn.tag !== 'closure') throw new LangError('This must be a function written fn(x) { ... }.', loc);
  if (fn.code.params !== args.length) throw new LangError(`This function takes ${fn.code.params} arguments, got ${args.length}.`, loc);
  t.pending = null;
  host.rule('E-Beta', loc, t);
  if (!t.kont || t.kont.t !== K.Boundary) t.kont = { t: K.Boundary, next: t.kont };
  exec(t, fn.code.body, 0, { vals: [fn, ...args], parent: fn.env });
}

/** A thread whose whole body is one shared operation (a library handler's callback, as cartesianProd's). */
export function threadPoised(id: string, pending: Pending, pool: string | null): Thread {
  const t = threadAt(id, { cid: 0, stmts: [], valueLast: false, loc: pending.loc }, null, pool, pending.loc);
  t.mode = Mode.Poised;
  t.block = null;
  t.pending = pending;
  return t;
}

/** Resumes a poised thread with the result of its shared operation. */
export function resume(t: Thread, result: Value): void {
  t.pending = null;
  t.mode = Mode.Ret;
  t.value = result;
}

/** A host for pure evaluation (a lattice's join, its bottom and carrier): nothing may be allocated. */
export function pureHost(localLimit: number, what: string): MachineHost {
  const refuse = (op: string, loc: Loc): never => {
    throw new LangError(`${what} must be pure, but it uses ${op}.`, loc);
  };
  return {
    newLVar: (_t, _s, _n, loc) => refuse('an LVar', loc),
    newPool: (t) => refuse('newPool', t.origin),
    newRef: (t) => refuse('ref', t.origin),
    fork: (_t, _b, _e, loc) => refuse('fork', loc),
    rule: () => {},
    localLimit,
  };
}

/** Runs pure code to a value (used for lattice declarations, before any thread exists). */
export function evaluatePure(code: Code | { fn: Closure | Value; args: Value[] }, host: MachineHost, loc: Loc): Value {
  let t: Thread;
  if ('op' in code) {
    t = threadAt('pure', { cid: 0, stmts: [], valueLast: false, loc }, null, null, loc);
    t.mode = Mode.Eval;
    t.code = code;
  } else {
    const fn = code.fn;
    if (typeof fn === 'object' && fn.tag === 'builtin') return pureBuiltin(fn.name, code.args, loc);
    if (typeof fn !== 'object' || fn.tag !== 'closure') throw new LangError('This is not a function.', loc);
    t = threadCalling('pure', fn, code.args, null, loc);
  }
  runLocal(t, host);
  if (t.mode === Mode.Poised) throw new LangError(`This must be pure, but it uses ${t.pending!.op.replace(/\/\d$/, '')}.`, t.pending!.loc);
  return t.value;
}

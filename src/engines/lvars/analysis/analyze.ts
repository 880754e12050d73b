import { BUILTINS, builtinFor } from '../builtins.ts';
import { LatticeValueError, type State } from '../lattice/lattice.ts';
import { frozenIncompatibilityViolation } from '../lattice/thresholds.ts';
import { checkLaws, type LawReport } from '../lattice/laws.ts';
import { samplesOf } from '../lattice/samples.ts';
import { specFromType } from '../lattice/spec.ts';
import type { UserLatticeDef } from '../lattice/user.ts';
import { compile, type Compiled } from '../runtime/compile.ts';
import { ALLOC_SPEC, evaluatePure, LocalLoop, pureHost } from '../runtime/machine.ts';
import { LangError } from '../runtime/prims.ts';
import { makeMap, makeSet, tuple, BOT, UNIT, type List, type SetValue, type Value } from '../runtime/values.ts';
import { World } from '../runtime/world.ts';
import type { Expr, Loc, Program } from '../syntax/ast.ts';
import { parse } from '../syntax/parser.ts';
import { walkBlock, walkExpr } from '../syntax/walk.ts';
import { infer, type Diagnostic, type Typing } from '../types/infer.ts';
import { prune } from '../types/types.ts';

/**
 * The effect signature of PLDI'14's effect zoo, `Par (Ef P G F B I) s a`: which kinds of effect the
 * program uses (Put, Get, Freeze, Bump, IO), known statically. Bump is the commuting update: a
 * program with B and no P or F may still be reordered freely.
 */
export type Effect = 'P' | 'G' | 'F' | 'B' | 'I';

/** The effects of each builtin that has any (a memo request both puts and gets). */
const EFFECT_OF: Record<string, string> = {
  put: 'P', insert: 'P', putKey: 'P', putFst: 'P', putSnd: 'P', putAt: 'P', modify: 'P', cartesianProd: 'P', 'cartesianProd/3': 'P',
  'get/1': 'G', 'get/2': 'G', 'get/3': 'G', waitElem: 'G', waitSize: 'G', getKey: 'G', waitKey: 'G', getFst: 'G', getSnd: 'G', getAt: 'G', waitAt: 'G',
  getMemo: 'PG',
  freeze: 'F', freezeAfter: 'F', 'freezeAfter/3': 'F', withCallbacksThenFreeze: 'F',
  bump: 'B', bumpAt: 'B',
  ref: 'I', read: 'I', write: 'I',
};
/** The effects a cancelled computation may not have for cancellation to be deterministic (PLDI'14: it must be read-only). */
const WRITES: ReadonlySet<string> = new Set(['P', 'F', 'B', 'I']);
const EFFECT_ORDER: readonly Effect[] = ['P', 'G', 'F', 'B', 'I'];

/** LVish's determinism levels (its phantom types): what the program's operations allow. */
export interface Level {
  level: 'Det' | 'QuasiDet' | 'Nondet';
  /** The effects the program uses, in PLDI'14's order (P G F B I). */
  effects: Effect[];
  /** Why: the first operation that lowers the level. */
  reason: string | undefined;
  loc: Loc | undefined;
  /** The effect zoo's other constructs the program uses: memo tables, and cancellation (of read-only computations). */
  zoo: ('memo' | 'cancel')[];
}

export interface Analysis {
  diagnostics: Diagnostic[];
  level: Level;
  laws: LawReport[];
  /** Present when there are no errors: the program is ready to run. */
  ready: { compiled: Compiled; userDefs: Map<string, UserLatticeDef> } | undefined;
}

/** Pure code (joins, declarations) gets this many machine transitions per evaluation. */
const PURE_LIMIT = 200_000;

/**
 * Everything known about a program before it runs: syntax, types, the determinism level, the
 * declared lattices and whether they obey the lattice laws, and threshold sets that can be checked
 * statically. Parse errors throw InputError; every other problem is a diagnostic.
 */
export function analyze(source: string): Analysis {
  const program = parse(source);
  const typing = infer(program);
  const diagnostics: Diagnostic[] = [...typing.diagnostics];
  const level = levelOf(program);
  diagnostics.push(...impureJoins(program), ...modifyConstructors(program));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, level, laws: [], ready: undefined };

  const compiled = compile(program);
  const { userDefs, laws, problems } = buildLattices(program, compiled, typing);
  diagnostics.push(...problems);
  if (!problems.some((d) => d.severity === 'error')) diagnostics.push(...staticThresholds(typing, userDefs));
  const ready = diagnostics.some((d) => d.severity === 'error') ? undefined : { compiled, userDefs };
  return { diagnostics, level, laws, ready };
}

export function worldOf(ready: NonNullable<Analysis['ready']>, localLimit: number, onReduction?: () => void): World {
  return new World(ready.compiled.main, ready.userDefs, { localLimit, ...(onReduction ? { onReduction } : {}) });
}

type Because = Pick<Level, 'level' | 'reason' | 'loc'>;

/** The builtin a call expression names (not a function of the program's own with that name). */
function calledBuiltin(program: Program, e: Expr) {
  if (e.k !== 'call' || e.callee.k !== 'var') return undefined;
  const name = e.callee.name;
  return program.fns.some((f) => f.name === name) ? undefined : builtinFor(name, e.args.length);
}

function levelOf(program: Program): Level {
  let quasi: Because | undefined;
  let nondet: Because | undefined;
  const effects = new Set<Effect>();
  const zoo = new Set<'memo' | 'cancel'>();
  const visit = (e: Expr) => {
    const b = calledBuiltin(program, e);
    if (!b || e.k !== 'call' || e.callee.k !== 'var') return;
    for (const effect of EFFECT_OF[b.name] ?? '') effects.add(effect as Effect);
    if (b.name === 'getMemo') zoo.add('memo');
    if (b.name === 'cancel') zoo.add('cancel');
    if (b.level === 'Nondet') nondet ??= { level: 'Nondet', reason: `uses ${e.callee.name} (a mutable cell) on line ${e.loc.line}`, loc: e.loc };
    if (b.level === 'QuasiDet') quasi ??= { level: 'QuasiDet', reason: `uses ${e.callee.name} on line ${e.loc.line}`, loc: e.loc };
  };
  for (const f of program.fns) walkBlock(f.body, visit);
  walkBlock(program.main, visit);
  if (zoo.has('cancel')) nondet ??= cancellationProblem(program);
  return { ...(nondet ?? quasi ?? { level: 'Det', reason: undefined, loc: undefined }), effects: EFFECT_ORDER.filter((x) => effects.has(x)), zoo: [...zoo] };
}

/**
 * PLDI'14's deterministic cancellation: cancelling a computation is deterministic when the
 * computation is read-only (no put, freeze, bump or IO: whether it ran, or how far, cannot be
 * observed) and its result is not read. Each forkCancelable's function is checked statically,
 * following the program's own functions; a computation it cannot see into counts as writing.
 */
function cancellationProblem(program: Program): Because | undefined {
  const fns = new Map(program.fns.map((f) => [f.name, f]));
  const cancelled = new Set<string>();
  const awaited = new Map<string, Loc>();
  let found: Because | undefined;
  const writesOf = (fn: Expr, at: Loc): string | undefined => {
    if (fn.k === 'var' && fns.has(fn.name)) return writesIn(fns.get(fn.name)!.body, new Set([fn.name]));
    if (fn.k === 'fn') return writesIn(fn.body, new Set());
    return `cannot see what the function on line ${at.line} does`;
  };
  const writesIn = (body: Program['main'], seen: Set<string>): string | undefined => {
    let why: string | undefined;
    walkBlock(body, (e) => {
      if (why || e.k !== 'call') return;
      const b = calledBuiltin(program, e);
      const effects = b ? (EFFECT_OF[b.name] ?? '') : '';
      if ([...effects].some((x) => WRITES.has(x))) why = `${b!.name.replace(/\/\d$/, '')} on line ${e.loc.line}`;
      else if (!b && e.callee.k === 'var' && fns.has(e.callee.name) && !seen.has(e.callee.name)) {
        seen.add(e.callee.name);
        why = writesIn(fns.get(e.callee.name)!.body, seen);
      } else if (!b && !(e.callee.k === 'var' && fns.has(e.callee.name))) why = `a call on line ${e.loc.line} it cannot see into`;
    });
    return why;
  };
  const visit = (e: Expr) => {
    const b = calledBuiltin(program, e);
    if (!b || e.k !== 'call') return;
    const arg = e.args[0];
    if (b.name === 'forkCancelable' && arg && !found) {
      const why = writesOf(arg, e.loc);
      if (why) found = { level: 'Nondet', reason: `cancels a computation that is not read-only (${why}): whether its writes happen depends on the schedule`, loc: e.loc };
    }
    if (b.name === 'cancel' && arg?.k === 'var') cancelled.add(arg.name);
    if (b.name === 'await' && arg?.k === 'var') awaited.set(arg.name, e.loc);
  };
  for (const f of program.fns) walkBlock(f.body, visit);
  walkBlock(program.main, visit);
  const read = [...cancelled].find((name) => awaited.has(name));
  if (!found && read) {
    const loc = awaited.get(read)!;
    found = { level: 'Nondet', reason: `may read the result of ${read}, which it cancels (await on line ${loc.line}): the result is there only if the computation finished first`, loc };
  }
  return found;
}

/** modify makes the key's LVar itself, atomically: its constructor must name an allocating builtin (newEmptySet, ...). */
function modifyConstructors(program: Program): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (e: Expr) => {
    if (calledBuiltin(program, e)?.name !== 'modify' || e.k !== 'call') return;
    const ctor = e.args[2]!;
    if (ctor.k !== 'var' || !(ctor.name in ALLOC_SPEC) || program.fns.some((f) => f.name === ctor.name))
      out.push({ severity: 'error', message: `modify creates the key's LVar itself, once: give one of ${Object.keys(ALLOC_SPEC).join(', ')} as its constructor.`, loc: ctor.loc });
  };
  for (const f of program.fns) walkBlock(f.body, visit);
  walkBlock(program.main, visit);
  return out;
}

/** A join must be a function of its arguments alone: no LVars, cells, handlers or threads. */
function impureJoins(program: Program): Diagnostic[] {
  const fns = new Map(program.fns.map((f) => [f.name, f]));
  const out: Diagnostic[] = [];
  for (const l of program.lattices) {
    const seen = new Set<string>();
    let found: { name: string; loc: Loc } | undefined;
    const visit = (e: Expr) => {
      if (found) return;
      if (e.k === 'new' || e.k === 'fork') found = { name: e.k, loc: e.loc };
      if (e.k !== 'var') return;
      const f = fns.get(e.name);
      if (f && !seen.has(e.name)) {
        seen.add(e.name);
        walkBlock(f.body, visit, (s) => s.k === 'fork' && !found && (found = { name: 'fork', loc: s.loc }));
      } else if (!f) {
        const b = BUILTINS.get(e.name) ?? BUILTINS.get(`${e.name}/1`);
        if (b && b.kind !== 'pure') found = { name: e.name, loc: e.loc };
      }
    };
    walkExpr(l.join, visit);
    if (l.events) walkExpr(l.events, visit);
    if (found) out.push({ severity: 'error', message: `The join of ${l.name} must be pure, but it uses ${found.name}.`, loc: found.loc });
  }
  return out;
}

function buildLattices(program: Program, compiled: Compiled, typing: Typing) {
  const userDefs = new Map<string, UserLatticeDef>();
  const laws: LawReport[] = [];
  const problems: Diagnostic[] = [];
  compiled.lattices.forEach((l, i) => {
    const decl = program.lattices[i]!;
    const host = pureHost(PURE_LIMIT, `The declaration of ${l.name}`);
    try {
      const bottom = evaluatePure(l.bottom, host, decl.bottom.loc);
      const top = l.top && evaluatePure(l.top, host, decl.top!.loc);
      const carrierValue = l.carrier && (evaluatePure(l.carrier, host, decl.carrier!.loc) as SetValue);
      const joinFn = evaluatePure(l.join, host, decl.join.loc);
      const join = (a: Value, b: Value) => evaluatePure({ fn: joinFn, args: [a, b] }, pureHost(PURE_LIMIT, `The join of ${l.name}`), decl.join.loc);
      const eventsFn = l.events ? evaluatePure(l.events, host, decl.events!.loc) : undefined;
      const events =
        eventsFn === undefined ? undefined : (v: Value) => (evaluatePure({ fn: eventsFn, args: [v] }, pureHost(PURE_LIMIT, `The events of ${l.name}`), decl.events!.loc) as List).items;
      const carrier = carrierValue?.items;
      if (carrier && !carrier.some((c) => c === bottom || (typeof c === 'object' && typeof bottom === 'object' && c === bottom) || String(c) === String(bottom) && typeof c === typeof bottom))
        problems.push({ severity: 'error', message: `The carrier of ${l.name} must contain its bottom.`, loc: decl.carrier!.loc });
      const constants: Value[] = [];
      walkExpr(decl.join, (e) => (e.k === 'int' || e.k === 'str' || e.k === 'bool') && constants.push(e.value));
      const report = checkLaws({ name: l.name, bottom, top, carrier, join }, carrier ?? samplesOf(typing.latticeTypes.get(l.name)!, [bottom, ...(top !== undefined ? [top] : []), ...constants], hash(l.name)));
      laws.push(report);
      if (!report.ok)
        problems.push({
          severity: 'warning',
          message: `${l.name} is not a lattice: ${report.violations.map((v) => `not ${v.law}: ${v.text}`).join(' ')} Programs using it may be nondeterministic.`,
          loc: decl.nameLoc,
        });
      userDefs.set(l.name, { name: l.name, bottom, top, carrier, join, events, lawful: report.ok && report.exhaustive });
    } catch (e) {
      if (e instanceof LangError) problems.push({ severity: 'error', message: e.message, loc: e.loc });
      else if (e instanceof LocalLoop) problems.push({ severity: 'error', message: `Evaluating ${l.name} does not finish (it loops).`, loc: e.loc });
      else throw e;
    }
  });
  return { userDefs, laws, problems };
}

/** Threshold sets written as constants are checked before running: a bad one is reported, not run. */
function staticThresholds(typing: Typing, userDefs: Map<string, UserLatticeDef>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const world = new World({ cid: 0, stmts: [], valueLast: false, loc: { line: 1, column: 1, endLine: 1, endColumn: 1 } }, userDefs, { localLimit: PURE_LIMIT });
  for (const site of typing.sites) {
    if ((site.builtin !== 'get/2' && site.builtin !== 'get/3') || !site.threshold) continue;
    const set = constant(site.threshold);
    const frozenSet = site.frozenThreshold ? constant(site.frozenThreshold) : makeSet([]);
    const lv = prune(site.lvar);
    const spec = lv.kind === 'con' ? specFromType(lv.args[0]!) : undefined;
    if (!set || !frozenSet || !spec || typeof set !== 'object' || set.tag !== 'set' || typeof frozenSet !== 'object' || frozenSet.tag !== 'set') continue;
    try {
      const lattice = world.lattice(spec);
      const elements = (s: SetValue): State[] => s.items.map((v) => lattice.fromValue(v));
      const bad = frozenIncompatibilityViolation(lattice, elements(set), elements(frozenSet));
      if (bad)
        out.push({
          severity: 'error',
          message: `This threshold set is not pairwise incompatible: ${bad.a} ⊔ ${bad.b} = ${bad.join}, not ⊤. Both could be reached, and which one get returns would depend on the schedule.`,
          loc: site.threshold.loc,
        });
    } catch (e) {
      if (e instanceof LatticeValueError || e instanceof LangError) out.push({ severity: 'error', message: e.message, loc: site.threshold.loc });
      else throw e;
    }
  }
  return out;
}

/** The value of a constant expression (literals, bot, and collections of them), if it is one. */
function constant(e: Expr): Value | undefined {
  const all = (xs: Expr[]) => {
    const vs = xs.map(constant);
    return vs.every((v): v is Value => v !== undefined) ? vs : undefined;
  };
  switch (e.k) {
    case 'int':
    case 'str':
    case 'bool':
      return e.value;
    case 'unit':
      return UNIT;
    case 'bot':
      return BOT;
    case 'tuple': {
      const vs = all(e.items);
      return vs && tuple(vs);
    }
    case 'set': {
      const vs = all(e.items);
      return vs && makeSet(vs);
    }
    case 'map': {
      const ks = all(e.entries.map(([k]) => k));
      const vs = all(e.entries.map(([, v]) => v));
      return ks && vs && makeMap(ks.map((k, i) => [k, vs[i]!]));
    }
    default:
      return undefined;
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

import { builtinLattice } from '../lattice/builtin.ts';
import { isTop, LatticeValueError, showState, stateKey, TOP, type Lattice, type State } from '../lattice/lattice.ts';
import { specName, type LatticeSpec } from '../lattice/spec.ts';
import { frozenIncompatibilityViolation, incompatibilityViolation, reachedFrozenThreshold, reachedThreshold, thresholdsOf } from '../lattice/thresholds.ts';
import { userLattice, type UserLatticeDef } from '../lattice/user.ts';
import type { Loc } from '../syntax/ast.ts';
import type { BlockCode, Env } from './code.ts';
import type { Edit } from './treeSet.ts';
import { eventsAt, handlerThreadId, newEvents, quiescent, type HandlerCell } from './handlerPools.ts';
import { ALLOC_SPEC, enterCall, LocalLoop, Mode, resume, runLocal, threadAt, threadCalling, threadPoised, type MachineHost, type Pending, type Thread } from './machine.ts';
import { LangError } from './prims.ts';
import { BOT, makeMap, makeSet, mapGet, setSize, show, tuple, UNIT, valueKey, type Builtin, type Closure, type Handle, type List, type MapValue, type SetValue, type Tuple, type Value } from './values.ts';

// Why one file of about 500 lines: the store (World) and one scheduler step over it (Draft)
// share the copy-on-write representation of configurations, which no other module may touch;
// threshold sets are in ../lattice/thresholds.ts and handler pools in handlerPools.ts.

export interface LVarCell {
  readonly id: string;
  readonly label: string;
  readonly lattice: Lattice;
  readonly state: State;
  readonly frozen: boolean;
  readonly loc: Loc;
}

export interface NamedCell {
  readonly id: string;
  readonly label: string;
}

export type FailureKind = 'conflicting-put' | 'put-after-freeze' | 'blocked' | 'threshold' | 'runtime' | 'loop' | 'lattice';

export interface Failure {
  kind: FailureKind;
  /** Identifies the failure across schedules (which put came second may differ; the LVar does not). */
  key: string;
  message: string;
  loc: Loc | undefined;
  thread: string | undefined;
  /** For a rejected put: the LVar and the state the put would have led to (top, or a change to a frozen LVar). */
  attempt?: { lvar: string; state: State };
}

/**
 * A configuration: the store (each LVar's state and frozen bit, handlers, pools, cells) and the
 * threads. Immutable: a scheduler step returns a new one. Threads that finished are dropped,
 * except main, whose value is the program's result.
 */
export interface Config {
  readonly threads: readonly Thread[];
  readonly lvars: ReadonlyMap<string, LVarCell>;
  readonly handlers: readonly HandlerCell[];
  readonly pools: ReadonlyMap<string, NamedCell>;
  readonly refs: ReadonlyMap<string, NamedCell & { readonly value: Value }>;
  /** Each future (a `fork` expression's thread) and its value once that thread has ended. */
  readonly futures: ReadonlyMap<string, Value | undefined>;
  readonly result: Value | undefined;
  readonly failure: Failure | undefined;
  /**
   * A walk that never comes back (`World.own`, `World.advance`): its transient edit, under which
   * LVar states change in place (../runtime/treeSet.ts) until one escapes to the program.
   */
  readonly edit?: Edit;
}

/** What a replay records: every reduction, with the thread that took it. */
export interface Recorder {
  rule(thread: string, rule: string, loc: Loc): void;
}

export interface WorldOptions {
  /** Machine transitions one thread may take between two shared operations. */
  localLimit: number;
  /** Counts reductions (the interpreter's steps). */
  onReduction?: () => void;
}

export const MAIN = 'main';

/** The LVar at index args[1] of the array args[0], if the index is inside it. */
export function arrayCell(lvars: ReadonlyMap<string, LVarCell>, p: Pending): LVarCell | undefined {
  const items = (p.args[0] as List).items;
  const i = p.args[1] as number;
  return Number.isInteger(i) && i >= 0 && i < items.length ? lvars.get((items[i] as Handle).id) : undefined;
}

/** getAt's and waitAt's thresholds on an array's LVar: filled (an IVar), or at least n (a counter). */
export function arrayThresholdMet(cell: LVarCell, p: Pending): boolean {
  const s = cell.state;
  return p.op === 'getAt' ? s !== BOT && !isTop(s) : isTop(s) || (s as number) >= (p.args[2] as number);
}

const byId = (a: Thread, b: Thread) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class StepFailure extends Error {
  constructor(readonly failure: Omit<Failure, 'thread'>) {
    super(failure.message);
  }
}

/**
 * The semantics of one program: its initial configuration, which threads may step, and what a
 * step does. Everything is deterministic given the choice of thread.
 */
export class World {
  private readonly lattices = new Map<string, Lattice>();
  /** The walk `advance` last stepped: its configuration and the draft that changes it. */
  private walk: { config: Config; draft: Draft } | undefined;

  constructor(
    private readonly main: BlockCode,
    private readonly userDefs: ReadonlyMap<string, UserLatticeDef>,
    private readonly options: WorldOptions,
  ) {}

  lattice(spec: LatticeSpec): Lattice {
    const name = specName(spec);
    let l = this.lattices.get(name);
    if (!l) {
      if (spec.kind === 'user') {
        const def = this.userDefs.get(spec.name);
        if (!def) throw new Error(`unknown lattice ${spec.name}`);
        l = userLattice(def);
      } else l = builtinLattice(spec, (s) => this.lattice(s));
      this.lattices.set(name, l);
    }
    return l;
  }

  initial(rec?: Recorder): Config {
    const empty: Config = { threads: [], lvars: new Map(), handlers: [], pools: new Map(), refs: new Map(), futures: new Map(), result: undefined, failure: undefined };
    const draft = new Draft(this, empty, rec, true);
    draft.spawn(threadAt(MAIN, this.main, null, null, this.main.loc));
    return draft.run(undefined);
  }

  /** The threads that can take a step, in a fixed order. */
  runnable(c: Config): string[] {
    if (c.failure) return [];
    const out: string[] = [];
    for (const t of c.threads) if (t.mode === Mode.Poised && this.canProceed(c, t)) out.push(t.id);
    return out;
  }

  step(c: Config, id: string, rec?: Recorder): Config {
    return new Draft(this, c, rec, false).run(id);
  }

  /**
   * A copy of `c` that `advance` may change in place: its threads, the store's maps and LVar cells
   * are its own (environments and continuations are immutable and stay shared; the LVars' states
   * too, until the walk's edit copies them, see Config.edit).
   */
  own(c: Config): Config {
    const lvars = new Map<string, LVarCell>();
    for (const [id, cell] of c.lvars) lvars.set(id, { ...cell });
    return { ...c, threads: c.threads.map((t) => ({ ...t })), lvars, handlers: [...c.handlers], pools: new Map(c.pools), refs: new Map(c.refs), futures: new Map(c.futures), edit: {} };
  }

  /**
   * `step` for a walk that never comes back (random schedules): `c`, which must come from `own` or
   * an earlier `advance`, is used up, its threads and maps changed in place rather than copied.
   */
  advance(c: Config, id: string): Config {
    // The walk's configuration is one object changed in place, so its draft is kept from step to step.
    let walk = this.walk;
    if (walk?.config !== c) walk = this.walk = { config: c, draft: new Draft(this, c, undefined, true) };
    return walk.draft.run(id);
  }

  /** For a terminal configuration: the value, or the error, it ends in. */
  outcome(c: Config): { kind: 'value'; value: Value } | { kind: 'error'; failure: Failure } {
    if (c.failure) return { kind: 'error', failure: c.failure };
    if (c.result !== undefined) return { kind: 'value', value: this.resolve(c, c.result, 0) };
    const waiting = c.threads.filter((t) => t.mode === Mode.Poised).map((t) => `${t.id} waits at ${t.pending!.op.replace(/\/\d$/, '')}(…) on line ${t.pending!.loc.line}`);
    return {
      kind: 'error',
      failure: {
        kind: 'blocked',
        key: `blocked:${waiting.join(';')}`,
        message: `Blocked: every thread is waiting on a threshold that is never reached (${waiting.join('; ')}).`,
        loc: c.threads.find((t) => t.id === MAIN)?.pending?.loc,
        thread: MAIN,
      },
    };
  }

  /** The program's result with every LVar in it shown as its location, final contents and frozen bit (the model's l beside the store). */
  resolve(c: Config, v: Value, depth: number): Value {
    if (depth > 50 || typeof v !== 'object') return v;
    switch (v.tag) {
      case 'lvar': {
        const cell = c.lvars.get(v.id)!;
        return { tag: 'location', label: cell.label, state: this.resolve(c, cell.lattice.toValue(cell.state), depth + 1), frozen: cell.frozen };
      }
      case 'ref':
        return this.resolve(c, c.refs.get(v.id)!.value, depth + 1);
      case 'future': {
        const value = c.futures.get(v.id);
        return value === undefined ? v : this.resolve(c, value, depth + 1);
      }
      case 'tuple':
        return tuple(v.items.map((x) => this.resolve(c, x, depth + 1)));
      case 'list':
        return { tag: 'list', items: v.items.map((x) => this.resolve(c, x, depth + 1)) };
      case 'set':
        return makeSet(v.items.map((x) => this.resolve(c, x, depth + 1)));
      case 'map':
        return makeMap(v.keys.map((k, i) => [this.resolve(c, k, depth + 1), this.resolve(c, v.values[i]!, depth + 1)]));
      default:
        return v;
    }
  }

  private canProceed(c: Config, t: Thread): boolean {
    const p = t.pending!;
    switch (p.op) {
      case 'get/1': {
        const s = c.lvars.get((p.args[0] as Handle).id)!.state;
        return s !== BOT && !isTop(s);
      }
      case 'get/2':
      case 'get/3':
      case 'waitElem':
      case 'waitSize':
      case 'getFst':
      case 'getSnd':
      case 'getKey':
      case 'waitKey':
        return this.reachedThreshold(c, p) !== undefined;
      case 'quiesce':
        return quiescent(c.threads, (p.args[0] as Handle).id);
      case 'freezeAfter':
      case 'freezeAfter/3':
        return p.finalPool === undefined || quiescent(c.threads, p.finalPool);
      case 'withCallbacksThenFreeze':
        return p.finalPool === undefined || quiescent(c.threads, p.finalPool);
      case 'await':
        return c.futures.get((p.args[0] as Handle).id) !== undefined;
      case 'getAt':
      case 'waitAt': {
        // An index outside the array is not waited on: the step reports it.
        const cell = arrayCell(c.lvars, p);
        return !cell || arrayThresholdMet(cell, p);
      }
      default:
        return true;
    }
  }

  /** The threshold (as a value to return) that the LVar's state has reached, if any. */
  reachedThreshold(c: Config, p: Pending): Value | undefined {
    switch (p.op) {
      case 'get/2': {
        const { lattice, state } = c.lvars.get((p.args[0] as Handle).id)!;
        return reachedThreshold(lattice, state, p.args[1]!);
      }
      case 'get/3': {
        const { lattice, state, frozen } = c.lvars.get((p.args[0] as Handle).id)!;
        return reachedFrozenThreshold(lattice, state, frozen, p.args[1]!, p.args[2]!);
      }
      case 'waitSize': {
        // Size is monotone in the set order, so "at least n elements" is a threshold that stays met.
        const { state } = c.lvars.get((p.args[0] as Handle).id)!;
        return !isTop(state) && setSize(state as SetValue) >= (p.args[1] as number) ? UNIT : undefined;
      }
      case 'getFst':
      case 'getSnd': {
        const { state } = c.lvars.get((p.args[0] as Handle).id)!;
        const part = isTop(state) ? BOT : (state as Tuple).items[p.op === 'getFst' ? 0 : 1]!;
        return part === BOT ? undefined : part;
      }
      case 'waitElem': {
        const { lattice, state } = c.lvars.get((p.args[1] as Handle).id)!;
        return lattice.leq(makeSet([p.args[0]!]), state) ? UNIT : undefined;
      }
      case 'getAt':
      case 'waitAt': {
        const cell = arrayCell(c.lvars, p);
        if (!cell || !arrayThresholdMet(cell, p)) return undefined;
        return p.op === 'getAt' ? (cell.state as Value) : UNIT;
      }
      case 'getKey':
      case 'waitKey': {
        const { state } = c.lvars.get((p.args[0] as Handle).id)!;
        if (isTop(state)) return undefined;
        const v = mapGet(state as MapValue, p.args[1]!);
        if (v === undefined) return undefined;
        if (p.op === 'waitKey') return UNIT;
        return v === BOT ? undefined : v;
      }
    }
    return undefined;
  }

  get localLimit(): number {
    return this.options.localLimit;
  }

  countReduction(): void {
    this.options.onReduction?.();
  }
}

/**
 * One scheduler step in progress: copy-on-write maps, and a queue of threads that must run to
 * their first shared operation (forked ones, handler invocations) before the step is over. In
 * place (`World.advance`), the base's threads and maps are the draft's own from the start.
 */
class Draft implements MachineHost {
  /** The base's threads (sorted by id), copied: a step changes one or two of them in place. */
  private readonly threads: Thread[];
  private result: Value | undefined;
  /** Threads started in this step, in order, from `head` on; the performing thread runs before them. */
  private queue: Thread[] = [];
  private head = 0;
  private performer: Thread | undefined;
  private performing: string | undefined;
  private spawned = false;
  // The store is copied on first write only: most steps change one LVar, or none.
  private ownLvars: Map<string, LVarCell> | undefined;
  private ownHandlers: HandlerCell[] | undefined;
  private ownPools: Map<string, NamedCell> | undefined;
  private ownRefs: Map<string, NamedCell & { value: Value }> | undefined;
  private ownFutures: Map<string, Value | undefined> | undefined;
  /** In place: the walk's transient edit (Config.edit); renewed whenever a state escapes to the program. */
  private edit: Edit | undefined;

  constructor(
    private readonly world: World,
    private readonly base: Config,
    private readonly rec: Recorder | undefined,
    private readonly inPlace: boolean,
  ) {
    this.result = base.result;
    if (!inPlace) {
      this.threads = base.threads.slice();
      return;
    }
    // The base is the caller's to give up (see World.own): its mutable parts are taken over.
    this.edit = base.edit;
    this.threads = base.threads as Thread[];
    this.ownLvars = base.lvars as Map<string, LVarCell>;
    this.ownHandlers = base.handlers as HandlerCell[];
    this.ownPools = base.pools as Map<string, NamedCell>;
    this.ownRefs = base.refs as Map<string, NamedCell & { value: Value }>;
    this.ownFutures = base.futures as Map<string, Value | undefined>;
  }

  private get lvars(): ReadonlyMap<string, LVarCell> {
    return this.ownLvars ?? this.base.lvars;
  }
  private setLVar(cell: LVarCell): void {
    (this.ownLvars ??= new Map(this.base.lvars)).set(cell.id, cell);
  }
  /** A new state for an LVar: in place, its cell is the walk's own and changes; else a new cell. */
  private setState(c: LVarCell, state: State): void {
    if (this.inPlace) (c as Mutable<LVarCell>).state = state;
    else this.setLVar({ ...c, state });
  }
  private get handlers(): readonly HandlerCell[] {
    return this.ownHandlers ?? this.base.handlers;
  }
  private get refs(): ReadonlyMap<string, NamedCell & { readonly value: Value }> {
    return this.ownRefs ?? this.base.refs;
  }
  private setRef(cell: NamedCell & { value: Value }): void {
    (this.ownRefs ??= new Map(this.base.refs)).set(cell.id, cell);
  }
  private get pools(): ReadonlyMap<string, NamedCell> {
    return this.ownPools ?? this.base.pools;
  }
  private get futures(): ReadonlyMap<string, Value | undefined> {
    return this.ownFutures ?? this.base.futures;
  }
  private setFuture(id: string, value: Value | undefined): void {
    (this.ownFutures ??= new Map(this.base.futures)).set(id, value);
  }

  get localLimit(): number {
    return this.world.localLimit;
  }

  /** Performs thread `id`'s shared operation (none for the initial configuration), then runs the queue. */
  run(id: string | undefined): Config {
    let failure: Failure | undefined;
    let current: Thread | undefined;
    try {
      if (id !== undefined) this.perform(id);
      while ((current = this.next())) {
        runLocal(current, this);
        this.settle(current);
      }
    } catch (e) {
      const thread = current?.id ?? this.performing;
      if (e instanceof StepFailure) failure = { ...e.failure, thread };
      else if (e instanceof LangError) failure = { kind: 'runtime', key: `runtime:${e.message}@${e.loc.line}:${e.loc.column}`, message: `${e.message} (line ${e.loc.line})`, loc: e.loc, thread };
      else if (e instanceof LocalLoop)
        failure = {
          kind: 'loop',
          key: `loop:${e.loc.line}`,
          message: `Thread ${thread ?? '?'} ran ${this.world.localLimit.toLocaleString('en-US')} steps without reaching a shared operation (line ${e.loc.line}): it probably loops forever.`,
          loc: e.loc,
          thread,
        };
      else if (e instanceof LatticeValueError) failure = { kind: 'lattice', key: `lattice:${e.message}`, message: e.message, loc: current?.pending?.loc, thread };
      else throw e;
    }
    // The base's threads are sorted: sort only when one was added.
    const threads = this.threads;
    if (this.spawned) threads.sort(byId);
    // Ready for the next step (an in-place draft is kept for the whole walk).
    if (this.queue.length > 0) this.queue = [];
    this.head = 0;
    this.performer = undefined;
    this.performing = undefined;
    this.spawned = false;
    if (!this.inPlace) return { threads, lvars: this.lvars, handlers: this.handlers, pools: this.pools, refs: this.refs, futures: this.futures, result: this.result, failure };
    // In place, the base is the walk's own (World.own): its maps and threads already are the draft's.
    const walk = this.base as Mutable<Config>;
    walk.result = this.result;
    walk.failure = failure;
    walk.edit = this.edit;
    return walk;
  }

  /** The next thread to run within this step: the performer, then the started ones in order. */
  private next(): Thread | undefined {
    const t = this.performer;
    if (t) {
      this.performer = undefined;
      return t;
    }
    return this.head < this.queue.length ? this.queue[this.head++] : undefined;
  }

  /** Queues a new thread; it runs to its first shared operation within this step. */
  spawn(t: Thread): void {
    this.spawned = true;
    this.threads.push(t);
    this.queue.push(t);
  }

  // One function (89 lines): one case per shared operation (put, get, freeze, handlers, quiesce,
  // refs), so that the rules of λLVish's semantics (E-Put, E-Get, E-Freeze, ...) read side by side.
  /** Performs the shared operation thread `id` is poised at, then lets it run on. */
  perform(id: string): void {
    this.performing = id;
    const at = this.indexOf(id);
    const t = this.inPlace ? this.threads[at]! : { ...this.threads[at]! };
    this.threads[at] = t;
    const p = t.pending!;
    let result: Value = UNIT;
    switch (p.op) {
      case 'put':
        this.put(t, this.lvarArg(p, 0), p.args[1]!, p.loc);
        break;
      case 'insert':
        this.put(t, this.lvarArg(p, 1), { tag: 'set', items: [p.args[0]!] }, p.loc);
        break;
      case 'putKey':
        this.put(t, this.lvarArg(p, 0), makeMap([[p.args[1]!, p.args[2]!]]), p.loc);
        break;
      case 'putFst':
      case 'putSnd':
        this.put(t, this.lvarArg(p, 0), tuple(p.op === 'putFst' ? [p.args[1]!, BOT] : [BOT, p.args[1]!]), p.loc);
        break;
      case 'bump':
        this.bump(t, this.lvarArg(p, 0), p.args[1] as number, p.loc);
        break;
      case 'putAt': {
        const x = p.args[2] as number;
        if (x < 0) throw new LangError(`putAt: a NatArray holds naturals, not ${x}.`, p.loc);
        this.put(t, this.indexed(p), x, p.loc);
        break;
      }
      case 'bumpAt':
        this.bump(t, this.indexed(p), p.args[2] as number, p.loc);
        break;
      case 'getAt':
        this.rule('E-Get', p.loc, t);
        result = this.escaping(this.indexed(p).state) as Value;
        break;
      case 'waitAt':
        this.rule('E-Get', p.loc, t);
        this.indexed(p);
        break;
      case 'get/1':
        this.rule('E-Get', p.loc, t);
        result = this.escaping(this.lvarArg(p, 0).state) as Value;
        break;
      case 'get/2':
      case 'get/3':
      case 'waitElem':
      case 'waitSize':
      case 'getFst':
      case 'getSnd':
      case 'getKey':
      case 'waitKey':
        this.rule('E-Get', p.loc, t);
        result = this.world.reachedThreshold(this.snapshot(), p)!;
        break;
      case 'freeze': {
        const c = this.lvarArg(p, 0);
        this.rule('E-Freeze-Simple', p.loc, t);
        this.setLVar({ ...c, frozen: true });
        result = c.lattice.toValue(this.escaping(c.state));
        break;
      }
      case 'freezeAfter':
      case 'freezeAfter/3': {
        const c = this.lvarArg(p, 0);
        if (p.finalPool === undefined) {
          // E-Freeze-Init: handlers for every event so far, then wait for quiescence.
          this.rule('E-Freeze-Init', p.loc, t);
          const pool = this.newPool(t, undefined);
          const withSet = p.op === 'freezeAfter/3';
          this.addHandler(t, (pool as Handle).id, c, p.args[withSet ? 2 : 1] as Closure, p.loc, withSet ? p.args[1] : undefined);
          t.pending = { ...p, finalPool: (pool as Handle).id };
          return;
        }
        this.rule('E-Freeze-Final', p.loc, t);
        this.setLVar({ ...c, frozen: true });
        result = c.lattice.toValue(this.escaping(c.state));
        break;
      }
      case 'addHandler':
      case 'addHandler/4':
        this.rule('E-Add-Handler', p.loc, t);
        this.addHandler(t, (p.args[0] as Handle).id, this.lvarArg(p, 1), p.args[p.args.length - 1] as Closure, p.loc, p.args.length === 4 ? p.args[2] : undefined);
        break;
      case 'newHandler':
      case 'newHandler/3': {
        this.rule('E-Add-Handler', p.loc, t);
        result = this.newPool(t, p.bindName);
        this.addHandler(t, (result as Handle).id, this.lvarArg(p, 0), p.args[p.args.length - 1] as Closure, p.loc, p.args.length === 3 ? p.args[1] : undefined);
        break;
      }
      case 'withCallbacksThenFreeze': {
        const c = this.lvarArg(p, 0);
        if (p.finalPool === undefined) {
          // E-Freeze-Init with the action in the handlers' pool: quiescence waits for both.
          this.rule('E-Freeze-Init', p.loc, t);
          const pool = (this.newPool(t, undefined) as Handle).id;
          this.addHandler(t, pool, c, p.args[1] as Closure, p.loc);
          this.rule('E-Fork', p.loc, t);
          t.pending = { ...p, args: [...p.args, this.spawnCall(t, p.args[2]!, pool, p.loc)], finalPool: pool };
          return;
        }
        this.rule('E-Freeze-Final', p.loc, t);
        this.setLVar({ ...c, frozen: true });
        result = tuple([this.futures.get((p.args[3] as Handle).id)!, c.lattice.toValue(this.escaping(c.state))]);
        break;
      }
      case 'cartesianProd':
      case 'cartesianProd/3':
        result = this.cartesianProd(t, p);
        break;
      case 'pairLeft':
      case 'pairRight':
        this.pairWith(t, p);
        break;
      case 'modify': {
        const key = this.keyLVar(t, p);
        enterCall(t, p.args[3]!, [key], p.loc, this);
        this.performer = t;
        return;
      }
      case 'getMemo': {
        const future = this.memoFuture(t, p);
        const value = this.futures.get(future.id);
        if (value === undefined) {
          // Computed elsewhere, not yet finished: wait for it as await does.
          t.pending = { ...p, op: 'await', args: [future] };
          return;
        }
        this.rule('E-Await', p.loc, t);
        result = value;
        break;
      }
      case 'forkCancelable':
        this.rule('E-Fork', p.loc, t);
        result = this.spawnCall(t, p.args[0]!, null, p.loc);
        break;
      case 'cancel':
        this.rule('E-Cancel', p.loc, t);
        this.cancel(t, (p.args[0] as Handle).id, p.loc);
        break;
      case 'await':
        this.rule('E-Await', p.loc, t);
        result = this.futures.get((p.args[0] as Handle).id)!;
        break;
      case 'quiesce':
        this.rule('E-Quiesce', p.loc, t);
        break;
      case 'read':
        this.rule('E-Read', p.loc, t);
        result = this.refs.get((p.args[0] as Handle).id)!.value;
        break;
      case 'write': {
        const r = this.refs.get((p.args[0] as Handle).id)!;
        this.rule('E-Write', p.loc, t);
        this.setRef({ ...r, value: p.args[1]! });
        break;
      }
      default:
        throw new Error(`no shared operation ${p.op}`);
    }
    resume(t, result);
    this.performer = t;
  }

  /** E-Put, or E-Put-Err when the join reaches top or changes a frozen LVar. */
  private put(t: Thread, c: LVarCell, v: Value, loc: Loc): void {
    const delta = c.lattice.fromValue(v);
    // In place only where no one can see the old state: not frozen (its check compares them), and no handler (it diffs them).
    const edit = this.edit && !c.frozen && c.lattice.joinEditing && !this.watched(c.id) ? this.edit : undefined;
    const next = edit ? c.lattice.joinEditing!(c.state, delta, edit) : c.lattice.join(c.state, delta);
    if (isTop(next)) {
      this.rule('E-Put-Err', loc, t);
      throw new StepFailure({
        kind: 'conflicting-put',
        key: `conflicting-put:${c.label}`,
        message: `Conflicting put on ${c.label}: ${showState(c.state)} ⊔ ${showState(delta)} = ⊤ (line ${loc.line}).`,
        loc,
        attempt: { lvar: c.id, state: TOP },
      });
    }
    if (c.frozen && stateKey(next) !== stateKey(c.state)) {
      this.rule('E-Put-Err', loc, t);
      this.putAfterFreeze(c, `put of ${showState(delta)}`, loc, next);
    }
    this.rule('E-Put', loc, t);
    this.update(c, next, t);
  }

  private putAfterFreeze(c: LVarCell, what: string, loc: Loc, next: State): never {
    throw new StepFailure({
      kind: 'put-after-freeze',
      key: `put-after-freeze:${c.label}`,
      message: `Put after freeze: ${what} would change ${c.label}, which is frozen at ${showState(c.state)} (line ${loc.line}).`,
      loc,
      attempt: { lvar: c.id, state: next },
    });
  }

  /** E-Bump: a counter grows by n (bumps commute); a change to a frozen counter is an error. */
  private bump(t: Thread, c: LVarCell, n: number, loc: Loc): void {
    if (n < 0) throw new StepFailure({ kind: 'lattice', key: 'lattice:negative-bump', message: `bump(${c.label}, ${n}): a counter only grows.`, loc });
    if (c.frozen && n !== 0) this.putAfterFreeze(c, `bump by ${n}`, loc, (c.state as number) + n);
    this.rule('E-Bump', loc, t);
    this.update(c, (c.state as number) + n, t);
  }

  /** The LVar at index i of an array (putAt, getAt, bumpAt, waitAt). */
  private indexed(p: Pending): LVarCell {
    const cell = arrayCell(this.lvars, p);
    if (!cell) throw new LangError(`Index ${p.args[1] as number} is outside the array (length ${(p.args[0] as List).items.length}).`, p.loc);
    return cell;
  }

  /** A new thread running fn(), as a future; in `pool` when given (so quiescence waits for it). */
  private spawnCall(t: Thread, fn: Value, pool: string | null, loc: Loc): Handle {
    if (typeof fn !== 'object' || fn.tag !== 'closure' || fn.code.params !== 0) throw new LangError('This must be a function of no arguments, written fn() { ... }.', loc);
    const id = `${t.id}.${++t.forks}`;
    this.setFuture(id, undefined);
    this.spawn(threadCalling(id, fn, [], pool, loc));
    return { tag: 'future', id };
  }

  /**
   * Data.LVar.PureSet's cartesianProd: a new set and a handler on each input. A new element a of
   * the first set inserts (a, b) for every b the second set holds when that handler thread runs,
   * and symmetrically; whichever of the two threads runs last sees both elements, so every pair
   * arrives, whatever the schedule.
   */
  private cartesianProd(t: Thread, p: Pending): Value {
    const offset = p.op === 'cartesianProd/3' ? 1 : 0;
    const left = p.args[offset] as Handle;
    const right = p.args[offset + 1] as Handle;
    this.rule('E-New', p.loc, t);
    const out = this.newLVar(t, { kind: 'set' }, p.bindName ?? 'product', p.loc);
    const pool = offset === 1 ? (p.args[0] as Handle).id : (this.newPool(t, undefined) as Handle).id;
    // pairLeft(out, s2, a) pairs a with s2's elements; pairRight(out, s1, b) pairs s1's with b.
    const callback = (op: string, other: Handle) => tuple([{ tag: 'builtin', name: op }, out, other]);
    this.rule('E-Add-Handler', p.loc, t);
    this.addHandler(t, pool, this.cell(left.id), callback('pairLeft', right), p.loc);
    this.rule('E-Add-Handler', p.loc, t);
    this.addHandler(t, pool, this.cell(right.id), callback('pairRight', left), p.loc);
    return out;
  }

  /** One callback of cartesianProd: the new element paired with every element of the other set now. */
  private pairWith(t: Thread, p: Pending): void {
    const [out, other, element] = p.args as [Handle, Handle, Value];
    const state = this.cell(other.id).state;
    const pairs = isTop(state) ? [] : (state as SetValue).items.map((x) => tuple(p.op === 'pairLeft' ? [element, x] : [x, element]));
    this.put(t, this.cell(out.id), makeSet(pairs), p.loc);
  }

  /**
   * Data.LVar.PureMap.modify: the LVar at key k of a map of LVars, made by the constructor (one of
   * the allocating builtins, so that making it is part of this one step) when the key is absent. Its name comes from the map and the key, so
   * whichever thread creates it, every schedule names it the same way; a later modify finds it.
   */
  private keyLVar(t: Thread, p: Pending): Value {
    const map = this.lvarArg(p, 0);
    const key = p.args[1]!;
    const present = isTop(map.state) ? undefined : mapGet(map.state as MapValue, key);
    if (present !== undefined && present !== BOT) return present;
    // The analysis has checked that the constructor names one of these.
    const spec = ALLOC_SPEC[(p.args[2] as Builtin).name]!;
    this.rule('E-New', p.loc, t);
    const id = `${map.id}[${valueKey(key)}]`;
    const lvar = this.addLVar(id, spec, `${map.label}[${show(key)}]`, p.loc, undefined);
    this.put(t, map, makeMap([[key, lvar]]), p.loc);
    return lvar;
  }

  /**
   * Data.LVar.Memo's getMemo: the first request for key k starts f(k) in a thread of its own, named
   * after the table and the key (not the requester), and records its future in the table; every
   * request then waits for that future.
   */
  private memoFuture(t: Thread, p: Pending): Handle {
    const [table, fn] = (p.args[0] as Tuple).items as [Handle, Closure];
    const cell = this.cell(table.id);
    const key = p.args[1]!;
    const present = isTop(cell.state) ? undefined : mapGet(cell.state as MapValue, key);
    if (present !== undefined && present !== BOT) return present as Handle;
    const id = `${table.id}[${valueKey(key)}]`;
    this.rule('E-Fork', p.loc, t);
    this.setFuture(id, undefined);
    this.spawn(threadCalling(id, fn, [key], null, p.loc));
    const future: Handle = { tag: 'future', id };
    this.put(t, cell, makeMap([[key, future]]), p.loc);
    return future;
  }

  /**
   * Control.LVish's cancel: the future's thread, and every thread it started, stop where they are;
   * the future is never written. A future already written is left as it is.
   */
  private cancel(t: Thread, id: string, loc: Loc): void {
    if (this.futures.get(id) !== undefined) return;
    const inside = (x: string) => x === id || x.startsWith(`${id}.`) || x.startsWith(`${id}/`);
    if (inside(t.id)) throw new LangError('A computation cannot cancel itself.', loc);
    for (let i = this.threads.length - 1; i >= 0; i--) if (inside(this.threads[i]!.id)) this.threads.splice(i, 1);
  }

  /**
   * A state handed to the program (get, freeze): from now on it must stay as it is, so the walk
   * takes a fresh edit, and everything made under the old one is persistent again.
   */
  private escaping(s: State): State {
    if (this.edit) this.edit = {};
    return s;
  }

  /** Some handler watches this LVar. */
  private watched(id: string): boolean {
    const handlers = this.handlers;
    for (let i = 0; i < handlers.length; i++) if (handlers[i]!.lvar === id) return true;
    return false;
  }

  /** Sets an LVar's state and launches its handlers on the new events (E-Spawn-Handler). */
  private update(c: LVarCell, next: State, t: Thread): void {
    const before = c.state;
    this.setState(c, next);
    if (this.handlers.length === 0) return;
    for (const h of this.handlers) if (h.lvar === c.id) for (const e of newEvents(c.lattice, h, before, next)) this.launch(h, e, t);
  }

  /** E-Add-Handler; `eventSet` (a set value) is the model's explicit `Q`, else the lattice's events. */
  private addHandler(t: Thread, pool: string, c: LVarCell, fn: Closure | Tuple, loc: Loc, eventSet?: Value): void {
    const events = eventSet === undefined ? undefined : thresholdsOf(c.lattice, eventSet);
    const h: HandlerCell = { id: `${t.id}/h${t.allocs++}`, pool, lvar: c.id, fn, loc, ...(events ? { events } : {}) };
    if (!events && c.lattice.events(c.state) === undefined) throw new LangError(`${c.lattice.name} has no events for handlers; give an event set.`, loc);
    (this.ownHandlers ??= [...this.base.handlers]).push(h);
    for (const e of eventsAt(c.lattice, h, c.state)) this.launch(h, e, t);
  }

  private launch(h: HandlerCell, event: Value, by: Thread): void {
    const id = handlerThreadId(h, event);
    const fn = h.fn;
    if (fn.tag === 'closure') {
      this.rule('E-Spawn-Handler', fn.code.loc, by);
      this.spawn(threadCalling(id, fn, [event], h.pool, fn.code.loc));
      return;
    }
    this.rule('E-Spawn-Handler', h.loc, by);
    const [op, ...args] = fn.items;
    this.spawn(threadPoised(id, { op: (op as Builtin).name, args: [...args, event], loc: h.loc, bindName: undefined }, h.pool));
  }

  /** After a thread's local run: record main's result, drop finished threads, check thresholds. */
  private settle(t: Thread): void {
    if (t.mode === Mode.Done) {
      if (t.id === MAIN) this.result = t.value;
      else {
        this.threads.splice(this.indexOf(t.id), 1);
        if (this.futures.has(t.id)) this.setFuture(t.id, t.value);
      }
      return;
    }
    if (t.mode === Mode.Poised && (t.pending!.op === 'get/2' || t.pending!.op === 'get/3')) this.checkThresholds(t.pending!);
  }

  /** LVish's rule for get: the threshold set must be pairwise incompatible, or the get is refused. */
  private checkThresholds(p: Pending): void {
    const c = this.cell((p.args[0] as Handle).id);
    const unfrozen = thresholdsOf(c.lattice, p.args[1]!);
    const violation =
      p.op === 'get/3' ? frozenIncompatibilityViolation(c.lattice, unfrozen, thresholdsOf(c.lattice, p.args[2]!)) : incompatibilityViolation(c.lattice, unfrozen);
    if (!violation) return;
    const text = (s: State | string) => (typeof s === 'string' ? s : showState(s));
    throw new StepFailure({
      kind: 'threshold',
      key: `threshold:${p.loc.line}:${p.loc.column}`,
      message: `The threshold set of this get is not pairwise incompatible: ${text(violation.a)} ⊔ ${text(violation.b)} = ${text(violation.join)}, not ⊤, so which threshold get returns could depend on the schedule (line ${p.loc.line}).`,
      loc: p.loc,
    });
  }

  private snapshot(): Config {
    return { threads: this.threads.slice(), lvars: this.lvars, handlers: this.handlers, pools: this.pools, refs: this.refs, futures: this.futures, result: this.result, failure: undefined };
  }

  private lvarArg(p: Pending, i: number): LVarCell {
    return this.cell((p.args[i] as Handle).id);
  }

  private indexOf(id: string): number {
    const threads = this.threads;
    for (let i = 0; i < threads.length; i++) if (threads[i]!.id === id) return i;
    throw new Error(`no thread ${id}`);
  }

  private cell(id: string): LVarCell {
    return this.lvars.get(id)!;
  }

  // MachineHost: the local operations.

  newLVar(t: Thread, spec: LatticeSpec, name: string | undefined, loc: Loc, initial?: Value): Value {
    const id = `${t.id}/${t.allocs++}`;
    return this.addLVar(id, spec, name ?? `lvar ${id}`, loc, initial);
  }

  private addLVar(id: string, spec: LatticeSpec, label: string, loc: Loc, initial: Value | undefined): Handle {
    const lattice = this.world.lattice(spec);
    const state = initial === undefined ? lattice.bottom : lattice.fromValue(initial);
    this.setLVar({ id, label, lattice, state, frozen: false, loc });
    return { tag: 'lvar', id };
  }

  newPool(t: Thread, name: string | undefined): Value {
    const id = `${t.id}/p${t.allocs++}`;
    (this.ownPools ??= new Map(this.base.pools)).set(id, { id, label: name ?? `pool ${id}` });
    return { tag: 'pool', id };
  }

  newRef(t: Thread, initial: Value, name: string | undefined): Value {
    const id = `${t.id}/r${t.allocs++}`;
    this.setRef({ id, label: name ?? `ref ${id}`, value: initial });
    return { tag: 'ref', id };
  }

  fork(t: Thread, body: BlockCode, env: Env | null, loc: Loc, future: boolean): Value {
    const id = `${t.id}.${++t.forks}`;
    if (future) this.setFuture(id, undefined);
    this.spawn(threadAt(id, body, env, null, loc));
    return future ? { tag: 'future', id } : UNIT;
  }

  rule(name: string, loc: Loc, t: Thread): void {
    this.world.countReduction();
    this.rec?.rule(t.id, name, loc);
  }
}


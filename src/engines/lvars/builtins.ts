import { BOOL, fnType, fresh, futureType, generalize, INT, listType, lvarType, mapType, POOL, refType, setType, STR, tupleType, UNIT_T, type Scheme, type Type, con } from './types/types.ts';

/**
 * The built-in operations, named as in LVish where LVish has the operation.
 *
 * - `pure`: computes a value, touches nothing shared.
 * - `alloc`: creates something in the store (a new LVar, pool or cell) under a name that depends
 *   only on the creating thread, so it commutes with every other thread's steps.
 * - `shared`: reads or changes shared state (put, get, freeze, handlers, quiesce, refs). Only these
 *   are scheduling points: the explorer interleaves threads here and nowhere else.
 */
export type BuiltinKind = 'pure' | 'alloc' | 'shared';

export interface BuiltinInfo {
  name: string;
  arity: number;
  kind: BuiltinKind;
  scheme: Scheme;
  /** Uses freeze (QuasiDet) or a mutable ref (Nondet): LVish's determinism levels. */
  level?: 'QuasiDet' | 'Nondet';
  doc: string;
}

const poly = (build: (v: () => Type) => Type): Scheme => generalize(build(() => fresh(1)), 0);

const lv = (descriptor: Type, element: Type, event: Type) => lvarType(descriptor, element, event);
const setLVar = (t: Type) => lv(con('L:Set', t), setType(t), t);
const ivar = (t: Type) => lv(con('L:IVar', t), t, t);
const counter = () => lv(con('L:Counter'), INT, INT);
/** Data.LVar.Pair: a pair of IVars. */
const ivarPair = (a: Type, b: Type) => lv(con('L:Pair', con('L:IVar', a), con('L:IVar', b)), tupleType([a, b]), tupleType([a, b]));
/** Data.LVar.NatArray and an array of counters: a list of LVars, one per index, behind an opaque type. */
const natArray = () => con('NatArray');
const counterArray = () => con('CounterArray');
/** Data.LVar.Memo: keys to results; opaque (its table is a map LVar, its function a closure). */
const memoType = (k: Type, r: Type) => con('Memo', k, r);
const anyLVar = (v: () => Type) => {
  const element = v();
  return { lvar: lv(v(), element, v()), element };
};

const table: BuiltinInfo[] = [];
function def(name: string, arity: number, kind: BuiltinKind, build: (v: () => Type) => Type, doc: string, level?: 'QuasiDet' | 'Nondet') {
  table.push({ name, arity, kind, scheme: poly(build), doc, ...(level ? { level } : {}) });
}

// LVars: creation (alloc) ...
def('newIVar', 0, 'alloc', (v) => fnType([], ivar(v())), 'A new IVar: a single-assignment variable.');
def('newEmptySet', 0, 'alloc', (v) => fnType([], setLVar(v())), 'A new set LVar (join is union).');
def('newEmptyMap', 0, 'alloc', (v) => {
  const k = v();
  const x = v();
  return fnType([], lv(con('L:Map', k, con('L:IVar', x)), mapType(k, x), k));
}, 'A new map LVar whose keys only grow; each value is single-assignment.');
def('newMaxCounter', 0, 'alloc', () => fnType([], lv(con('L:MaxNat'), INT, INT)), 'A new natural number LVar whose join is max.');
def('newCounter', 0, 'alloc', () => fnType([], counter()), 'A new counter, changed only by bump (increments commute).');
def('newFromList', 1, 'alloc', (v) => {
  const t = v();
  return fnType([listType(t)], setLVar(t));
}, 'newFromList(xs): a new set LVar holding the elements of xs (Data.LVar.Set).');
def('newPair', 0, 'alloc', (v) => fnType([], ivarPair(v(), v())), 'A new pair of IVars (Data.LVar.Pair): putFst, putSnd, getFst, getSnd.');
def('newPool', 0, 'alloc', () => fnType([], POOL), 'A new handler pool, for addHandler and quiesce.');
def('ref', 1, 'alloc', (v) => {
  const t = v();
  return fnType([t], refType(t));
}, 'A mutable cell (not an LVar): reads and writes race, so programs using it are Nondet.', 'Nondet');

// ... and their operations (shared: the scheduling points).
def('put', 2, 'shared', (v) => {
  const { lvar, element } = anyLVar(v);
  return fnType([lvar, element], UNIT_T);
}, 'put(lv, x): join x into lv. A join that reaches top is an error.');
def('get/1', 1, 'shared', (v) => {
  const t = v();
  return fnType([ivar(t)], t);
}, 'get(iv): wait until the IVar is filled, then return its value.');
def('get/2', 2, 'shared', (v) => {
  const { lvar, element } = anyLVar(v);
  return fnType([lvar, setType(element)], element);
}, 'get(lv, {t1, t2, ...}): wait until lv is at least one of the thresholds (pairwise incompatible), return that threshold.');
def('get/3', 3, 'shared', (v) => {
  const { lvar, element } = anyLVar(v);
  return fnType([lvar, setType(element), setType(element)], tupleType([element, BOOL]));
}, 'get(lv, T, F): wait until lv is at least a threshold of T, or frozen at exactly an element of F (POPL\'14\'s frozen thresholds); returns (threshold, frozen?).');
def('freeze', 1, 'shared', (v) => {
  const { lvar, element } = anyLVar(v);
  return fnType([lvar], element);
}, 'freeze(lv): the exact contents, now; later changes are errors.', 'QuasiDet');
def('freezeAfter', 2, 'shared', (v) => {
  const element = v();
  const event = v();
  return fnType([lv(v(), element, event), fnType([event], v())], element);
}, 'freezeAfter(lv, f): run f on every event of lv until quiescent, then freeze.', 'QuasiDet');
def('freezeAfter/3', 3, 'shared', (v) => {
  const element = v();
  return fnType([lv(v(), element, v()), setType(element), fnType([element], v())], element);
}, 'freezeAfter(lv, Q, f): run f on each element of the event set Q once lv is at or above it (bot: at once), until quiescent, then freeze (the model\'s freeze lv after Q with f).', 'QuasiDet');
def('insert', 2, 'shared', (v) => {
  const t = v();
  return fnType([t, setLVar(t)], UNIT_T);
}, 'insert(x, s): add x to the set LVar s.');
def('waitElem', 2, 'shared', (v) => {
  const t = v();
  return fnType([t, setLVar(t)], UNIT_T);
}, 'waitElem(x, s): wait until x is in s (the threshold {{x}}).');
def('putKey', 3, 'shared', (v) => {
  const k = v();
  const e = v();
  return fnType([lv(con('L:Map', k, v()), mapType(k, e), k), k, e], UNIT_T);
}, 'putKey(m, k, x): join x into the value at key k.');
def('getKey', 2, 'shared', (v) => {
  const k = v();
  const x = v();
  return fnType([lv(con('L:Map', k, con('L:IVar', x)), mapType(k, x), k), k], x);
}, 'getKey(m, k): wait until key k has a value, return it.');
def('waitKey', 2, 'shared', (v) => {
  const k = v();
  return fnType([lv(con('L:Map', k, v()), mapType(k, v()), k), k], UNIT_T);
}, 'waitKey(m, k): wait until key k is present.');
def('waitSize', 2, 'shared', (v) => fnType([setLVar(v()), INT], UNIT_T), 'waitSize(s, n): wait until the set LVar s has at least n elements (a threshold on its size; Data.LVar.Set).');
for (const [name, i] of [['Fst', 0], ['Snd', 1]] as const) {
  def(`put${name}`, 2, 'shared', (v) => {
    const parts = [v(), v()] as const;
    return fnType([ivarPair(parts[0], parts[1]), parts[i]], UNIT_T);
  }, `put${name}(p, x): fill the ${i === 0 ? 'first' : 'second'} IVar of the pair (Data.LVar.Pair).`);
  def(`get${name}`, 1, 'shared', (v) => {
    const parts = [v(), v()] as const;
    return fnType([ivarPair(parts[0], parts[1])], parts[i]);
  }, `get${name}(p): wait until the ${i === 0 ? 'first' : 'second'} IVar of the pair is filled, then return it.`);
}
def('bump', 2, 'shared', () => fnType([counter(), INT], UNIT_T), 'bump(c, n): add n to a counter (an inflationary update that commutes).');
def('addHandler', 3, 'shared', (v) => {
  const element = v();
  const event = v();
  return fnType([POOL, lv(v(), element, event), fnType([event], v())], UNIT_T);
}, 'addHandler(pool, lv, f): run f on every event of lv (each element, key or value), now and later.');
def('newHandler', 2, 'shared', (v) => {
  const element = v();
  const event = v();
  return fnType([lv(v(), element, event), fnType([event], v())], POOL);
}, 'newHandler(lv, f): a new pool with one handler on lv.');
def('addHandler/4', 4, 'shared', (v) => {
  const element = v();
  return fnType([POOL, lv(v(), element, v()), setType(element), fnType([element], v())], UNIT_T);
}, 'addHandler(pool, lv, Q, f): run f on each element of the event set Q once lv is at or above it (bot: at once).');
def('newHandler/3', 3, 'shared', (v) => {
  const element = v();
  return fnType([lv(v(), element, v()), setType(element), fnType([element], v())], POOL);
}, 'newHandler(lv, Q, f): a new pool with one handler on lv over the event set Q.');
// The rest of the LVish library (Data.LVar.PureSet, PureMap, NatArray, Memo; Control.LVish's cancellation).
def('withCallbacksThenFreeze', 3, 'shared', (v) => {
  const element = v();
  const event = v();
  const r = v();
  return fnType([lv(v(), element, event), fnType([event], v()), fnType([], r)], tupleType([r, element]));
}, 'withCallbacksThenFreeze(lv, f, action): run f on every event of lv, run action, wait until the action and every callback have finished, freeze lv; returns (action\'s value, frozen contents).', 'QuasiDet');
def('cartesianProd', 2, 'shared', (v) => {
  const a = v();
  const b = v();
  return fnType([setLVar(a), setLVar(b)], setLVar(tupleType([a, b])));
}, 'cartesianProd(s1, s2): a new set LVar that receives (a, b) for every a in s1 and b in s2, as they arrive (handlers on both).');
def('cartesianProd/3', 3, 'shared', (v) => {
  const a = v();
  const b = v();
  return fnType([POOL, setLVar(a), setLVar(b)], setLVar(tupleType([a, b])));
}, 'cartesianProd(pool, s1, s2): the same, its handlers in pool, so quiesce(pool) waits until the product is complete.');
def('modify', 4, 'shared', (v) => {
  const k = v();
  const x = v();
  const r = v();
  return fnType([lv(con('L:Map', k, con('L:IVar', x)), mapType(k, x), k), k, fnType([], x), fnType([x], r)], r);
}, 'modify(m, k, newEmptySet, f): the LVar at key k, created on demand by the constructor (once, whichever thread comes first), passed to f (Data.LVar.PureMap.modify).');
def('newNatArray', 1, 'alloc', () => fnType([INT], natArray()), 'newNatArray(n): n IVars of naturals, one LVar per index (Data.LVar.NatArray): putAt, getAt.');
def('newCounterArray', 1, 'alloc', () => fnType([INT], counterArray()), 'newCounterArray(n): n counters, one LVar per index: bumpAt, waitAt.');
def('putAt', 3, 'shared', () => fnType([natArray(), INT, INT], UNIT_T), 'putAt(a, i, x): fill the IVar at index i with the natural x.');
def('getAt', 2, 'shared', () => fnType([natArray(), INT], INT), 'getAt(a, i): wait until index i is filled, return it.');
def('bumpAt', 3, 'shared', () => fnType([counterArray(), INT, INT], UNIT_T), 'bumpAt(c, i, n): add n to the counter at index i (commutes).');
def('waitAt', 3, 'shared', () => fnType([counterArray(), INT, INT], UNIT_T), 'waitAt(c, i, n): wait until the counter at index i is at least n (a threshold).');
def('makeMemo', 1, 'alloc', (v) => {
  const k = v();
  const r = v();
  return fnType([fnType([k], r)], memoType(k, r));
}, 'makeMemo(f): a memo table (Data.LVar.Memo): a map LVar from keys to the futures of f\'s results.');
def('getMemo', 2, 'shared', (v) => {
  const k = v();
  const r = v();
  return fnType([memoType(k, r), k], r);
}, 'getMemo(m, k): f(k), computed once whichever thread asks first; later requests wait for that result.');
def('forkCancelable', 1, 'shared', (v) => {
  const r = v();
  return fnType([fnType([], r)], futureType(r, con('Cancelable')));
}, 'forkCancelable(f): run f() in a new thread, as a future that cancel can stop. Deterministic when f only reads (PLDI\'14: read-only cancellation).');
def('cancel', 1, 'shared', (v) => fnType([futureType(v(), con('Cancelable'))], UNIT_T), 'cancel(f): stop the thread of a future (and the threads it forked) if it is still running; its value is never written.');
def('await', 1, 'shared', (v) => {
  const t = v();
  return fnType([futureType(t, v())], t);
}, 'await(f): wait until the thread of the future f (let f = fork { ... };) has ended, then return its value, which may be a function.');
def('quiesce', 1, 'shared', () => fnType([POOL], UNIT_T), 'quiesce(pool): wait until every handler in the pool has finished.');
def('read', 1, 'shared', (v) => {
  const t = v();
  return fnType([refType(t)], t);
}, 'read(r): the current contents of a mutable cell.', 'Nondet');
def('write', 2, 'shared', (v) => {
  const t = v();
  return fnType([refType(t), t], UNIT_T);
}, 'write(r, x): overwrite a mutable cell.', 'Nondet');

// Plain data.
def('len', 1, 'pure', (v) => fnType([listType(v())], INT), 'The length of a list.');
def('isEmpty', 1, 'pure', (v) => fnType([listType(v())], BOOL), 'True for the empty list.');
def('head', 1, 'pure', (v) => {
  const t = v();
  return fnType([listType(t)], t);
}, 'The first element of a list.');
def('tail', 1, 'pure', (v) => {
  const t = listType(v());
  return fnType([t], t);
}, 'A list without its first element.');
def('cons', 2, 'pure', (v) => {
  const t = v();
  return fnType([t, listType(t)], listType(t));
}, 'cons(x, xs): x in front of xs.');
def('append', 2, 'pure', (v) => {
  const t = v();
  return fnType([listType(t), t], listType(t));
}, 'append(xs, x): xs with x at the end.');
def('concat', 2, 'pure', (v) => {
  const t = listType(v());
  return fnType([t, t], t);
}, 'concat(xs, ys): xs followed by ys.');
def('range', 2, 'pure', () => fnType([INT, INT], listType(INT)), 'range(a, b): [a, a+1, ..., b-1].');
def('size', 1, 'pure', (v) => fnType([setType(v())], INT), 'The number of elements of a set.');
def('elems', 1, 'pure', (v) => {
  const t = v();
  return fnType([setType(t)], listType(t));
}, 'The elements of a set, as a sorted list.');
def('has', 2, 'pure', (v) => {
  const t = v();
  return fnType([setType(t), t], BOOL);
}, 'has(s, x): is x in the set s?');
def('union', 2, 'pure', (v) => {
  const t = setType(v());
  return fnType([t, t], t);
}, 'The union of two sets.');
def('add', 2, 'pure', (v) => {
  const t = v();
  return fnType([setType(t), t], setType(t));
}, 'add(s, x): the set s with x (a plain value, not an LVar).');
def('remove', 2, 'pure', (v) => {
  const t = v();
  return fnType([setType(t), t], setType(t));
}, 'remove(s, x): the set s without x (a plain value, not an LVar).');
def('toSet', 1, 'pure', (v) => {
  const t = v();
  return fnType([listType(t)], setType(t));
}, 'The set of a list\'s elements.');
def('keys', 1, 'pure', (v) => {
  const k = v();
  return fnType([mapType(k, v())], listType(k));
}, 'The keys of a map, sorted.');
def('lookup', 2, 'pure', (v) => {
  const k = v();
  const x = v();
  return fnType([mapType(k, x), k], x);
}, 'lookup(m, k): the value at key k (an error if absent).');
def('lookupOr', 3, 'pure', (v) => {
  const k = v();
  const x = v();
  return fnType([mapType(k, x), k, x], x);
}, 'lookupOr(m, k, d): the value at key k, or d.');
def('hasKey', 2, 'pure', (v) => {
  const k = v();
  return fnType([mapType(k, v()), k], BOOL);
}, 'hasKey(m, k): is k a key of m?');
def('fst', 1, 'pure', (v) => {
  const a = v();
  return fnType([tupleType([a, v()])], a);
}, 'The first component of a pair.');
def('snd', 1, 'pure', (v) => {
  const b = v();
  return fnType([tupleType([v(), b])], b);
}, 'The second component of a pair.');
def('min', 2, 'pure', () => fnType([INT, INT], INT), 'The smaller of two integers.');
def('max', 2, 'pure', () => fnType([INT, INT], INT), 'The larger of two integers.');
def('abs', 1, 'pure', () => fnType([INT], INT), 'The absolute value.');
def('str', 1, 'pure', (v) => fnType([v()], STR), 'Any value as text.');

export const BUILTINS: ReadonlyMap<string, BuiltinInfo> = new Map(table.map((b) => [b.name, b]));

/**
 * The builtin a call `name(args)` refers to: `get` has one-, two- and three-argument forms, and the
 * handler operations take an optional event set (`freezeAfter/3`, `addHandler/4`, `newHandler/3`).
 */
export function builtinFor(name: string, argCount: number): BuiltinInfo | undefined {
  if (name === 'get') return BUILTINS.get(`get/${Math.min(3, Math.max(1, argCount))}`);
  return BUILTINS.get(`${name}/${argCount}`) ?? BUILTINS.get(name);
}

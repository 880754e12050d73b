import type { Env, FnCode } from './code.ts';
import { TreeSet, type Edit } from './treeSet.ts';

/**
 * Runtime values. Integers, booleans and strings are JavaScript primitives; everything else is an
 * immutable tagged object. Sets and maps are kept sorted in one total order, so a value has one
 * canonical form: that is what lets configurations reached by different schedules compare equal.
 */
export type Value = number | boolean | string | Unit | Bot | Tuple | List | SetValue | MapValue | Closure | Builtin | Handle | Location;

export interface Unit { readonly tag: 'unit' }
export interface Bot { readonly tag: 'bot' }
export interface Tuple { readonly tag: 'tuple'; readonly items: readonly Value[] }
export interface List { readonly tag: 'list'; readonly items: readonly Value[] }
/** Elements sorted by `compareValues`, no duplicates. */
export interface SetValue { readonly tag: 'set'; readonly items: readonly Value[] }
/** Keys sorted by `compareValues`, values aligned. */
export interface MapValue { readonly tag: 'map'; readonly keys: readonly Value[]; readonly values: readonly Value[] }
export interface Closure { readonly tag: 'closure'; readonly code: FnCode; readonly env: Env | null }
export interface Builtin { readonly tag: 'builtin'; readonly name: string }
/**
 * A reference to something in the store: an LVar, a handler pool, a mutable cell, or a future (the
 * result of a `fork` expression: written once, by its thread when it ends, and read by `await`).
 */
export interface Handle { readonly tag: 'lvar' | 'pool' | 'ref' | 'future'; readonly id: string }

/**
 * An LVar in a program's result, as the Redex model reports one: the location, beside its state in
 * the final store and its frozen bit. Made only for outcomes (`World.resolve`), never by a program.
 */
export interface Location { readonly tag: 'location'; readonly label: string; readonly state: Value; readonly frozen: boolean }

export const UNIT: Unit = { tag: 'unit' };
export const BOT: Bot = { tag: 'bot' };

export const tuple = (items: readonly Value[]): Tuple => ({ tag: 'tuple', items });
export const list = (items: readonly Value[]): List => ({ tag: 'list', items });

const RANK: Record<string, number> = {
  bot: 0, unit: 1, boolean: 2, number: 3, string: 4, tuple: 5, list: 6, set: 7, map: 8, lvar: 9, pool: 10, ref: 11, future: 12, builtin: 13, closure: 14, location: 15,
};
const rankOf = (v: Value): number => RANK[typeof v === 'object' ? v.tag : typeof v]!;

/** A total order on values: numbers numerically, strings by code point, composites lexicographically. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  // Numbers with numbers first: set elements and map keys are most often numbers.
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  const x = a as Exclude<Value, number | string | boolean>;
  const y = b as typeof x;
  switch (x.tag) {
    case 'unit':
    case 'bot':
      return 0;
    case 'tuple':
    case 'list':
    case 'set':
      return compareLists(x.items, (y as typeof x).items);
    case 'map': {
      const m = y as MapValue;
      return compareLists(x.keys, m.keys) || compareLists(x.values, m.values);
    }
    case 'lvar':
    case 'pool':
    case 'ref':
    case 'future':
    case 'builtin': {
      const p = x.tag === 'builtin' ? x.name : x.id;
      const q = y.tag === 'builtin' ? (y as Builtin).name : (y as Handle).id;
      return p < q ? -1 : p > q ? 1 : 0;
    }
    case 'closure': {
      const c = y as Closure;
      return x.code.id - c.code.id || (x === c ? 0 : valueKey(x) < valueKey(c) ? -1 : 1);
    }
    case 'location': {
      const l = y as Location;
      return (x.label < l.label ? -1 : x.label > l.label ? 1 : 0) || compareValues(x.state, l.state) || Number(x.frozen) - Number(l.frozen);
    }
  }
}

function compareLists(a: readonly Value[], b: readonly Value[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export const valuesEqual = (a: Value, b: Value): boolean => a === b || compareValues(a, b) === 0;

/** Binary search in a sorted item list; returns the index or -(insertion point) - 1. */
export function search(items: readonly Value[], v: Value): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = compareValues(items[mid]!, v);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

export function makeSet(items: readonly Value[]): SetValue {
  const sorted = [...items].sort(compareValues);
  const out: Value[] = [];
  for (const v of sorted) if (out.length === 0 || compareValues(out[out.length - 1]!, v) !== 0) out.push(v);
  return { tag: 'set', items: out };
}

/** Sets at least this large grow as a `TreeSet`. */
const TREE_FROM = 32;

/** The number of elements, without building a tree set's array. */
export const setSize = (s: SetValue): number => (s instanceof TreeSet ? s.size : s.items.length);

/**
 * `setUnion(a, {x})` for a walk that will not come back to `a` (./treeSet.ts, transients): a set
 * of `edit` grows in place, any other is copied once into a tree of `edit`.
 */
export function setInsertEditing(a: SetValue, x: Value, edit: Edit): SetValue {
  return (a instanceof TreeSet ? a : TreeSet.of(a.items, edit)).insertEditing(x, compareValues, edit);
}

export function setUnion(a: SetValue, b: SetValue): SetValue {
  if (b.items.length === 0) return a;
  if (setSize(a) === 0) return b;
  if (b.items.length === 1) {
    // One element (insert, the common case): past a few dozen elements the set becomes a
    // persistent tree, so a put copies one root-to-leaf path, not the whole set.
    if (a instanceof TreeSet) return a.insert(b.items[0]!, compareValues);
    if (a.items.length >= TREE_FROM) return TreeSet.of(a.items).insert(b.items[0]!, compareValues);
    const i = search(a.items, b.items[0]!);
    if (i >= 0) return a;
    const items = a.items.slice();
    items.splice(-i - 1, 0, b.items[0]!);
    return { tag: 'set', items };
  }
  const out: Value[] = [];
  let i = 0;
  let j = 0;
  while (i < a.items.length && j < b.items.length) {
    const c = compareValues(a.items[i]!, b.items[j]!);
    if (c === 0) {
      out.push(a.items[i]!);
      i++;
      j++;
    } else if (c < 0) out.push(a.items[i++]!);
    else out.push(b.items[j++]!);
  }
  while (i < a.items.length) out.push(a.items[i++]!);
  while (j < b.items.length) out.push(b.items[j++]!);
  return out.length === a.items.length ? a : out.length === b.items.length ? b : { tag: 'set', items: out };
}

/** A map from entries; later entries with an equal key replace earlier ones. */
export function makeMap(entries: readonly (readonly [Value, Value])[]): MapValue {
  const sorted = entries.map((e, i) => [e[0], e[1], i] as const).sort((x, y) => compareValues(x[0], y[0]) || x[2] - y[2]);
  const keys: Value[] = [];
  const values: Value[] = [];
  for (const [k, v] of sorted) {
    if (keys.length > 0 && compareValues(keys[keys.length - 1]!, k) === 0) values[values.length - 1] = v;
    else {
      keys.push(k);
      values.push(v);
    }
  }
  return { tag: 'map', keys, values };
}

export function mapGet(m: MapValue, k: Value): Value | undefined {
  const i = search(m.keys, k);
  return i >= 0 ? m.values[i] : undefined;
}

const keyCache = new WeakMap<object, string>();

/** The canonical text of a value: equal values, equal keys. */
export function valueKey(v: Value): string {
  switch (typeof v) {
    case 'number':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return JSON.stringify(v);
  }
  const cached = keyCache.get(v);
  if (cached !== undefined) return cached;
  let key: string;
  switch (v.tag) {
    case 'unit':
      key = '()';
      break;
    case 'bot':
      key = '⊥';
      break;
    case 'tuple':
      key = `(${v.items.map(valueKey).join(',')})`;
      break;
    case 'list':
      key = `[${v.items.map(valueKey).join(',')}]`;
      break;
    case 'set':
      key = `{${v.items.map(valueKey).join(',')}}`;
      break;
    case 'map':
      key = `{${v.keys.map((k, i) => `${valueKey(k)}:${valueKey(v.values[i]!)}`).join(',')}|}`;
      break;
    case 'lvar':
    case 'pool':
    case 'ref':
    case 'future':
      key = `@${v.tag}:${v.id}`;
      break;
    case 'builtin':
      key = `#${v.name}`;
      break;
    case 'closure':
      key = `λ${v.code.id}`;
      break;
    case 'location':
      key = `⟨${JSON.stringify(v.label)}:${valueKey(v.state)}${v.frozen ? '!' : ''}⟩`;
      break;
  }
  keyCache.set(v, key);
  return key;
}

/** How a value is shown to people: {1, 2}, {"a": 1}, (1, ⊥), [1, 2]. */
export function show(v: Value, names?: (id: string) => string): string {
  switch (typeof v) {
    case 'number':
    case 'boolean':
      return String(v);
    case 'string':
      return JSON.stringify(v);
  }
  const s = (x: Value) => show(x, names);
  switch (v.tag) {
    case 'unit':
      return '()';
    case 'bot':
      return '⊥';
    case 'tuple':
      return `(${v.items.map(s).join(', ')})`;
    case 'list':
      return `[${v.items.map(s).join(', ')}]`;
    case 'set':
      return `{${v.items.map(s).join(', ')}}`;
    case 'map':
      return v.keys.length === 0 ? '{:}' : `{${v.keys.map((k, i) => `${s(k)}: ${s(v.values[i]!)}`).join(', ')}}`;
    case 'lvar':
    case 'pool':
    case 'ref':
    case 'future':
      return names ? names(v.id) : `${v.tag} ${v.id}`;
    case 'builtin':
      return v.name;
    case 'closure':
      return v.code.name ? `fn ${v.code.name}` : 'fn';
    case 'location':
      return `⟨${v.label} ↦ ${s(v.state)}${v.frozen ? ', frozen' : ''}⟩`;
  }
}

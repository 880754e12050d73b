import type { Loc } from '../syntax/ast.ts';
import { compareValues, list, makeMap, makeSet, mapGet, search, setUnion, show, tuple, valuesEqual, type List, type MapValue, type SetValue, type Tuple, type Value } from './values.ts';

/** An error of the program itself (division by zero, a missing key): the schedule ends in it. */
export class LangError extends Error {
  constructor(
    message: string,
    readonly loc: Loc,
  ) {
    super(message);
  }
}

const MAX = Number.MAX_SAFE_INTEGER;

function int(v: number, loc: Loc): number {
  if (!Number.isSafeInteger(v)) throw new LangError(`Integer overflow (${v > 0 ? 'above' : 'below'} ±${MAX}).`, loc);
  return v;
}

function noFunctions(v: Value, loc: Loc): void {
  if (typeof v === 'object' && (v.tag === 'closure' || v.tag === 'builtin')) throw new LangError('Functions cannot be compared.', loc);
}

export function binaryOp(op: string, a: Value, b: Value, loc: Loc): Value {
  switch (op) {
    case '+':
      return int((a as number) + (b as number), loc);
    case '-':
      return int((a as number) - (b as number), loc);
    case '*':
      return int((a as number) * (b as number), loc);
    case '/':
      if (b === 0) throw new LangError('Division by zero.', loc);
      return Math.trunc((a as number) / (b as number));
    case '%':
      if (b === 0) throw new LangError('Division by zero (in %).', loc);
      return (a as number) % (b as number);
    case '++':
      return grownString((a as string).length + (b as string).length, loc) && (a as string) + (b as string);
    case '==':
    case '!=':
      noFunctions(a, loc);
      noFunctions(b, loc);
      return valuesEqual(a, b) === (op === '==');
    default: {
      noFunctions(a, loc);
      const c = compareValues(a, b);
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
  }
}

const asList = (v: Value) => (v as List).items;
const asSet = (v: Value) => v as SetValue;
const asMap = (v: Value) => v as MapValue;

/**
 * The memory budget of one value: a list, set or string grows to at most this many elements. A
 * program that doubles a list hits it with a message naming the operation, not the JavaScript
 * engine's "Invalid array length" (every configuration the explorer keeps holds such values).
 */
export const MAX_ELEMENTS = 1_000_000;
const MAX_RANGE = MAX_ELEMENTS;

function grown(length: number, op: string, loc: Loc): true {
  if (length > MAX_ELEMENTS)
    throw new LangError(`${op} would make a collection of ${length.toLocaleString('en-US')} elements; the memory budget allows ${MAX_ELEMENTS.toLocaleString('en-US')} per value.`, loc);
  return true;
}

function grownString(length: number, loc: Loc): true {
  if (length > MAX_ELEMENTS)
    throw new LangError(`++ would make a string of ${length.toLocaleString('en-US')} characters; the memory budget allows ${MAX_ELEMENTS.toLocaleString('en-US')} per value.`, loc);
  return true;
}

/** The pure builtins: δ-rules, in the Redex model's terms. */
export function pureBuiltin(name: string, args: Value[], loc: Loc): Value {
  const [a, b, c] = args as [Value, Value, Value];
  switch (name) {
    case 'len':
      return asList(a).length;
    case 'isEmpty':
      return asList(a).length === 0;
    case 'head':
      if (asList(a).length === 0) throw new LangError('head of an empty list.', loc);
      return asList(a)[0]!;
    case 'tail':
      if (asList(a).length === 0) throw new LangError('tail of an empty list.', loc);
      return list(asList(a).slice(1));
    case 'cons':
      return grown(asList(b).length + 1, 'cons', loc) && list([a, ...asList(b)]);
    case 'append':
      return grown(asList(a).length + 1, 'append', loc) && list([...asList(a), b]);
    case 'concat':
      return grown(asList(a).length + asList(b).length, 'concat', loc) && list([...asList(a), ...asList(b)]);
    case 'range': {
      const from = a as number;
      const to = b as number;
      if (to - from > MAX_RANGE) throw new LangError(`range(${from}, ${to}) is longer than ${MAX_RANGE} elements.`, loc);
      return list(Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i));
    }
    case 'size':
      return asSet(a).items.length;
    case 'elems':
      return list(asSet(a).items);
    case 'has':
      return search(asSet(a).items, b) >= 0;
    case 'union':
      return grown(asSet(a).items.length + asSet(b).items.length, 'union', loc) && setUnion(asSet(a), asSet(b));
    case 'add':
      return grown(asSet(a).items.length + 1, 'add', loc) && setUnion(asSet(a), makeSet([b]));
    case 'remove':
      return { tag: 'set', items: asSet(a).items.filter((x) => !valuesEqual(x, b)) };
    case 'toSet':
      return makeSet(asList(a));
    case 'keys':
      return list(asMap(a).keys);
    case 'lookup': {
      const v = mapGet(asMap(a), b);
      if (v === undefined) throw new LangError(`The key ${show(b)} is not in the map.`, loc);
      return v;
    }
    case 'lookupOr':
      return mapGet(asMap(a), b) ?? c;
    case 'hasKey':
      return mapGet(asMap(a), b) !== undefined;
    case 'fst':
      return (a as Tuple).items[0]!;
    case 'snd':
      return (a as Tuple).items[1]!;
    case 'min':
      return Math.min(a as number, b as number);
    case 'max':
      return Math.max(a as number, b as number);
    case 'abs':
      return Math.abs(a as number);
    case 'str':
      return typeof a === 'string' ? a : show(a);
  }
  throw new LangError(`Unknown builtin ${name}.`, loc);
}

export const makeTuple = (items: Value[]): Value => tuple(items);
export const makeList = (items: Value[]): Value => list(items);
export const makeSetValue = (items: Value[]): Value => makeSet(items);
export function makeMapValue(items: Value[]): Value {
  const entries: [Value, Value][] = [];
  for (let i = 0; i < items.length; i += 2) entries.push([items[i]!, items[i + 1]!]);
  return makeMap(entries);
}

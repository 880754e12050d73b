import { mulberry32 } from '../../random.ts';
import { list, makeMap, makeSet, tuple, UNIT, valueKey, type Value } from '../runtime/values.ts';
import { prune, type Type } from '../types/types.ts';

/**
 * Sample elements of a type, for property-based law checking of lattices without a declared
 * carrier: small, edge-heavy values plus the constants the declaration mentions.
 */
export function samplesOf(type: Type, constants: readonly Value[], seed: number, count = 48): Value[] {
  const random = mulberry32(seed);
  const int = () => Math.floor(random() * 16) - 3;
  const resolved = prune(type);
  const simple: Value[] = resolved.kind === 'con' && resolved.name === 'Int' ? [0, 1, 2, 3] : [];
  const gen = (t: Type, depth: number): Value | undefined => {
    t = prune(t);
    if (t.kind === 'var') return int();
    const size = () => Math.floor(random() * 4);
    const arr = (n: number, g: () => Value | undefined) => Array.from({ length: n }, g).filter((v): v is Value => v !== undefined);
    switch (t.name) {
      case 'Int':
        return int();
      case 'Bool':
        return random() < 0.5;
      case 'Str':
        return ['', 'a', 'b', 'c', 'ab'][Math.floor(random() * 5)]!;
      case 'Unit':
        return UNIT;
      case 'List':
        return depth > 2 ? list([]) : list(arr(size(), () => gen(t.args[0]!, depth + 1)));
      case 'Set':
        return depth > 2 ? makeSet([]) : makeSet(arr(size(), () => gen(t.args[0]!, depth + 1)));
      case 'Map':
        return depth > 2
          ? makeMap([])
          : makeMap(arr(size(), () => gen(t.args[0]!, depth + 1)).map((k) => [k, gen(t.args[1]!, depth + 1) ?? UNIT] as const));
    }
    if (t.name.startsWith('Tuple')) {
      const items = t.args.map((a) => gen(a, depth + 1));
      return items.every((x): x is Value => x !== undefined) ? tuple(items) : undefined;
    }
    return undefined;
  };
  const out = new Map<string, Value>();
  const add = (v: Value | undefined) => v !== undefined && out.set(valueKey(v), v);
  constants.filter((c) => fits(type, c)).forEach(add);
  simple.forEach(add);
  for (let i = 0; i < count * 3 && out.size < count + constants.length; i++) add(gen(type, 0));
  return [...out.values()];
}

/** Whether a value has the given type (constants from the source are only used where they fit). */
function fits(type: Type, v: Value): boolean {
  const t = prune(type);
  if (t.kind === 'var') return true;
  switch (t.name) {
    case 'Int':
      return typeof v === 'number';
    case 'Str':
      return typeof v === 'string';
    case 'Bool':
      return typeof v === 'boolean';
    case 'Unit':
      return typeof v === 'object' && v.tag === 'unit';
    case 'List':
    case 'Set':
      return typeof v === 'object' && (v.tag === 'list' || v.tag === 'set') && v.tag === t.name.toLowerCase() && v.items.every((x) => fits(t.args[0]!, x));
    case 'Map':
      return typeof v === 'object' && v.tag === 'map';
  }
  if (t.name.startsWith('Tuple'))
    return typeof v === 'object' && v.tag === 'tuple' && v.items.length === t.args.length && v.items.every((x, i) => fits(t.args[i]!, x));
  return false;
}

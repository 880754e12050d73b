import { BOT, compareValues, makeMap, search, setInsertEditing, setUnion, tuple, valueKey, valuesEqual, type MapValue, type SetValue, type Tuple, type Value } from '../runtime/values.ts';
import { isTop, LatticeValueError, TOP, type Lattice, type State } from './lattice.ts';
import type { LatticeSpec } from './spec.ts';

const leqByJoin = (l: Pick<Lattice, 'join'>) => (a: State, b: State) => {
  const j = l.join(a, b);
  return !isTop(j) ? valuesEqual(j, b as Value) : isTop(b);
};

/** Closures are not data: they cannot be compared, so they cannot live in a lattice. */
export function checkStorable(v: Value): void {
  if (typeof v !== 'object') return;
  switch (v.tag) {
    case 'closure':
    case 'builtin':
      throw new LatticeValueError('A function cannot be stored in an LVar, a set or a map.');
    case 'tuple':
    case 'list':
    case 'set':
      v.items.forEach(checkStorable);
      return;
    case 'map':
      v.keys.forEach(checkStorable);
      v.values.forEach(checkStorable);
  }
}

/** IVar: the flat lattice ⊥ < every value < ⊤; two different puts conflict. */
function ivarLattice(): Lattice {
  const join = (a: State, b: State): State => {
    if (isTop(a) || isTop(b)) return TOP;
    if (a === BOT) return b;
    if (b === BOT) return a;
    return valuesEqual(a, b) ? a : TOP;
  };
  return {
    spec: { kind: 'ivar' },
    name: 'IVar',
    bottom: BOT,
    join,
    leq: leqByJoin({ join }),
    fromValue(v) {
      checkStorable(v);
      return v;
    },
    toValue: (s) => (isTop(s) ? BOT : s),
    events: (s) => (s === BOT || isTop(s) ? [] : [s]),
    eventElement: (e) => e,
    carrier: undefined,
    lawful: true,
  };
}

/** Natural numbers ordered by ≤; MaxNat's put is max, Counter's update is bump (+n). */
function natLattice(kind: 'maxnat' | 'counter'): Lattice {
  const join = (a: State, b: State): State => (isTop(a) || isTop(b) ? TOP : Math.max(a as number, b as number));
  return {
    spec: { kind },
    name: kind === 'maxnat' ? 'MaxNat' : 'Counter',
    bottom: 0,
    join,
    leq: (a, b) => (isTop(b) ? true : isTop(a) ? false : (a as number) <= (b as number)),
    fromValue(v) {
      if (v === BOT) return 0;
      if (typeof v !== 'number' || v < 0) throw new LatticeValueError(`${kind === 'maxnat' ? 'MaxNat' : 'A counter'} holds natural numbers, not ${valueKey(v)}.`);
      return v;
    },
    toValue: (s) => (isTop(s) ? BOT : s),
    events: (s) => (isTop(s) ? [] : Array.from({ length: s as number }, (_, i) => i + 1)),
    eventElement: (e) => e,
    carrier: undefined,
    lawful: true,
  };
}

/** Sets under union: they only grow and never conflict. */
function setLattice(): Lattice {
  const empty: SetValue = { tag: 'set', items: [] };
  const join = (a: State, b: State): State => (isTop(a) || isTop(b) ? TOP : setUnion(a as SetValue, b as SetValue));
  return {
    spec: { kind: 'set' },
    name: 'Set',
    bottom: empty,
    join,
    joinEditing: (a, b, edit) => (isTop(a) || isTop(b) || (b as SetValue).items.length !== 1 ? join(a, b) : setInsertEditing(a as SetValue, (b as SetValue).items[0]!, edit)),
    leq: (a, b) => isTop(b) || (!isTop(a) && (a as SetValue).items.every((x) => search((b as SetValue).items, x) >= 0)),
    fromValue(v) {
      if (v === BOT) return empty;
      if (typeof v !== 'object' || v.tag !== 'set') throw new LatticeValueError(`A set LVar holds sets, not ${valueKey(v)}.`);
      v.items.forEach(checkStorable);
      return v;
    },
    toValue: (s) => (isTop(s) ? BOT : s),
    events: (s) => (isTop(s) ? [] : [...(s as SetValue).items]),
    eventElement: (e) => ({ tag: 'set', items: [e] }),
    carrier: undefined,
    lawful: true,
  };
}

/** Booleans under or: false < true. */
function boolLattice(): Lattice {
  return {
    spec: { kind: 'bool' },
    name: 'Bool',
    bottom: false,
    join: (a, b) => (isTop(a) || isTop(b) ? TOP : (a as boolean) || (b as boolean)),
    leq: (a, b) => isTop(b) || (!isTop(a) && (!(a as boolean) || (b as boolean))),
    fromValue(v) {
      if (v === BOT) return false;
      if (typeof v !== 'boolean') throw new LatticeValueError(`A Bool LVar holds true or false, not ${valueKey(v)}.`);
      return v;
    },
    toValue: (s) => (isTop(s) ? BOT : s),
    events: (s) => (s === true ? [true] : []),
    eventElement: (e) => e,
    carrier: [false, true],
    lawful: true,
  };
}

/**
 * Maps whose keys only grow: absent < present with the value lattice's bottom < present with more.
 * A join conflicts when the values at one key conflict.
 */
function mapLattice(inner: Lattice): Lattice {
  const empty: MapValue = { tag: 'map', keys: [], values: [] };
  const join = (a: State, b: State): State => {
    if (isTop(a) || isTop(b)) return TOP;
    const x = a as MapValue;
    const y = b as MapValue;
    if (y.keys.length === 0) return x;
    if (x.keys.length === 0) return y;
    const keys: Value[] = [];
    const values: Value[] = [];
    let i = 0;
    let j = 0;
    while (i < x.keys.length || j < y.keys.length) {
      const c = i >= x.keys.length ? 1 : j >= y.keys.length ? -1 : compareValues(x.keys[i]!, y.keys[j]!);
      if (c === 0) {
        const v = inner.join(x.values[i]!, y.values[j]!);
        if (isTop(v)) return TOP;
        keys.push(x.keys[i++]!);
        values.push(v);
        j++;
      } else if (c < 0) {
        keys.push(x.keys[i]!);
        values.push(x.values[i++]!);
      } else {
        keys.push(y.keys[j]!);
        values.push(y.values[j++]!);
      }
    }
    return { tag: 'map', keys, values };
  };
  return {
    spec: { kind: 'map', value: inner.spec },
    name: `Map(${inner.name})`,
    bottom: empty,
    join,
    leq: leqByJoin({ join }),
    fromValue(v) {
      if (v === BOT) return empty;
      if (typeof v !== 'object' || v.tag !== 'map') throw new LatticeValueError(`A map LVar holds maps, not ${valueKey(v)}.`);
      v.keys.forEach(checkStorable);
      return makeMap(v.keys.map((k, i) => [k, inner.fromValue(v.values[i]!) as Value]));
    },
    toValue: (s) => (isTop(s) ? BOT : makeMap((s as MapValue).keys.map((k, i) => [k, inner.toValue((s as MapValue).values[i]!)]))),
    events: (s) => (isTop(s) ? [] : [...(s as MapValue).keys]),
    eventElement: (k) => makeMap([[k, inner.bottom as Value]]),
    carrier: undefined,
    lawful: inner.lawful,
  };
}

/**
 * Pairs, ordered componentwise; a pair with a top component is top (a conflict in either part).
 * Their events are the components' events, each as the least pair that has it: (e, ⊥) and (⊥, e).
 */
function pairLattice(left: Lattice, right: Lattice): Lattice {
  const join = (a: State, b: State): State => {
    if (isTop(a) || isTop(b)) return TOP;
    const [a1, a2] = (a as Tuple).items;
    const [b1, b2] = (b as Tuple).items;
    const l = left.join(a1!, b1!);
    const r = right.join(a2!, b2!);
    return isTop(l) || isTop(r) ? TOP : tuple([l, r]);
  };
  return {
    spec: { kind: 'pair', left: left.spec, right: right.spec },
    name: `Pair(${left.name}, ${right.name})`,
    bottom: tuple([left.bottom as Value, right.bottom as Value]),
    join,
    leq: leqByJoin({ join }),
    fromValue(v) {
      if (v === BOT) return tuple([left.bottom as Value, right.bottom as Value]);
      if (typeof v !== 'object' || v.tag !== 'tuple' || v.items.length !== 2)
        throw new LatticeValueError(`A pair LVar holds pairs, not ${valueKey(v)}.`);
      const l = left.fromValue(v.items[0]!);
      const r = right.fromValue(v.items[1]!);
      if (isTop(l) || isTop(r)) throw new LatticeValueError('A pair cannot contain top.');
      return tuple([l, r]);
    },
    toValue: (s) => (isTop(s) ? BOT : tuple([left.toValue((s as Tuple).items[0]!), right.toValue((s as Tuple).items[1]!)])),
    events(s) {
      if (isTop(s)) return [];
      const [a, b] = (s as Tuple).items;
      const l = left.events(a!);
      const r = right.events(b!);
      if (!l || !r) return undefined;
      const lb = left.bottom as Value;
      const rb = right.bottom as Value;
      return [...l.map((e) => tuple([left.eventElement(e), rb])), ...r.map((e) => tuple([lb, right.eventElement(e)]))];
    },
    eventElement: (e) => e,
    carrier: undefined,
    lawful: left.lawful && right.lawful,
  };
}

export function builtinLattice(spec: Exclude<LatticeSpec, { kind: 'user' }>, resolve: (s: LatticeSpec) => Lattice): Lattice {
  switch (spec.kind) {
    case 'ivar':
      return ivarLattice();
    case 'maxnat':
    case 'counter':
      return natLattice(spec.kind);
    case 'set':
      return setLattice();
    case 'bool':
      return boolLattice();
    case 'map':
      return mapLattice(resolve(spec.value));
    case 'pair':
      return pairLattice(resolve(spec.left), resolve(spec.right));
  }
}

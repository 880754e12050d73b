import type { LatticeKind } from '../../config.ts';
import { builtinLattice } from '../../../lvars/lattice/builtin.ts';
import { isTop, type Lattice, type State } from '../../../lvars/lattice/lattice.ts';
import type { LatticeSpec } from '../../../lvars/lattice/spec.ts';
import { makeMap, makeSet, tuple, type MapValue, type SetValue, type Tuple, type Value } from '../../../lvars/runtime/values.ts';
import type { Observed, ReplicatedLattice } from './replicated.ts';

/** The LVars lattice of a built-in spec (Map and Pair resolve their parts the same way). */
export function lvarsLattice(spec: Exclude<LatticeSpec, { kind: 'user' }>): Lattice {
  const resolve = (s: LatticeSpec): Lattice => {
    if (s.kind === 'user') throw new Error('a built-in replicated lattice has no user parts');
    return builtinLattice(s, resolve);
  };
  return resolve(spec);
}

const NOTHING: Observed = { n: 0, items: [] };
const mapOf = (s: State): MapValue => s as MapValue;
const pairOf = (s: State): readonly [Value, Value] => (s as Tuple).items as [Value, Value];
const numbers = (s: SetValue): number[] => s.items.map((x) => x as number);

/** Σ of a G-counter's entries. */
const total = (m: MapValue): number => m.values.reduce<number>((t, v) => t + (v as number), 0);

/** G-counter's entry of `actor`, one higher: the actor's own increment (every other entry is left alone). */
function bump(m: MapValue, actor: number): MapValue {
  const i = m.keys.indexOf(actor);
  const own = i < 0 ? 0 : (m.values[i] as number);
  return makeMap([...m.keys.map((k, j) => [k, m.values[j]!] as const).filter(([k]) => k !== actor), [actor, own + 1]]);
}

/** A max register: MaxNat; a put joins its version id, so the register holds the latest write's id. */
function maxRegister(): ReplicatedLattice {
  const lattice = lvarsLattice({ kind: 'maxnat' });
  return {
    kind: 'max-register',
    lattice,
    title: 'max register = MaxNat',
    holdsItems: false,
    update: (s, op) => (op.op === 'put' ? lattice.join(s, op.id) : s),
    observe: (s) => (isTop(s) ? NOTHING : { n: s as number, items: [] }),
    passes: (s, item) => !isTop(s) && (s as number) >= item,
  };
}

/** A G-counter: Map(MaxNat) from actor to that actor's increments; the value is their sum. */
function gCounter(): ReplicatedLattice {
  const lattice = lvarsLattice({ kind: 'map', value: { kind: 'maxnat' } });
  const observe = (s: State): Observed => (isTop(s) ? NOTHING : { n: total(mapOf(s)), items: [] });
  return {
    kind: 'g-counter',
    lattice,
    title: 'G-counter = Map(MaxNat)',
    holdsItems: false,
    update: (s, op, actor) => (op.op === 'increment' || op.op === 'put' ? bump(mapOf(s), actor) : s),
    observe,
    passes: (s, item) => observe(s).n >= item,
  };
}

/** A PN-counter: Pair(Map(MaxNat), Map(MaxNat)), increments and decrements per actor; value P − N. */
function pnCounter(): ReplicatedLattice {
  const lattice = lvarsLattice({ kind: 'pair', left: { kind: 'map', value: { kind: 'maxnat' } }, right: { kind: 'map', value: { kind: 'maxnat' } } });
  const observe = (s: State): Observed => {
    if (isTop(s)) return NOTHING;
    const [p, n] = pairOf(s);
    return { n: total(p as MapValue) - total(n as MapValue), items: [] };
  };
  return {
    kind: 'pn-counter',
    lattice,
    title: 'PN-counter = Pair(Map(MaxNat), Map(MaxNat))',
    holdsItems: false,
    update(s, op, actor) {
      const [p, n] = pairOf(s);
      if (op.op === 'decrement' || op.op === 'remove') return tuple([p, bump(n as MapValue, actor)]);
      return op.op === 'increment' || op.op === 'put' ? tuple([bump(p as MapValue, actor), n]) : s;
    },
    observe,
    // P − N is not monotone; a threshold on it would not be an LVar get. The increments are.
    passes: (s, item) => !isTop(s) && total(pairOf(s)[0] as MapValue) >= item,
  };
}

/** A two-phase set: Pair(Set, Set) of added and removed items; a removal is final (it sticks, and re-adding is in vain). */
function twoPhaseSet(): ReplicatedLattice {
  const lattice = lvarsLattice({ kind: 'pair', left: { kind: 'set' }, right: { kind: 'set' } });
  const observe = (s: State): Observed => {
    if (isTop(s)) return NOTHING;
    const [added, removed] = pairOf(s) as [SetValue, SetValue];
    const gone = new Set(numbers(removed));
    return { n: 0, items: numbers(added).filter((x) => !gone.has(x)) };
  };
  return {
    kind: 'two-phase-set',
    lattice,
    title: '2P-set = Pair(Set, Set)',
    holdsItems: true,
    update(s, op) {
      if (op.op === 'add') return lattice.join(s, tuple([makeSet([op.item]), makeSet([])]));
      return op.op === 'remove' ? lattice.join(s, tuple([makeSet([]), makeSet([op.item])])) : s;
    },
    observe,
    passes: (s, item) => observe(s).items.includes(item),
  };
}

/**
 * An observed-remove set: Pair(Set, Set) of (item, tag) pairs added and of those removed. An add
 * makes a fresh tag; a removal removes the tags it has seen, so an add it has not seen (a
 * concurrent one, or a later re-add) survives: add wins, and a removal sticks against what it saw.
 */
function orSet(): ReplicatedLattice {
  const lattice = lvarsLattice({ kind: 'pair', left: { kind: 'set' }, right: { kind: 'set' } });
  const live = (s: State): Tuple[] => {
    const [added, removed] = pairOf(s) as [SetValue, SetValue];
    const gone = new Set(removed.items.map((t) => (t as Tuple).items[1] as number));
    return added.items.map((t) => t as Tuple).filter((t) => !gone.has(t.items[1] as number));
  };
  const observe = (s: State): Observed => (isTop(s) ? NOTHING : { n: 0, items: [...new Set(live(s).map((t) => t.items[0] as number))].sort((a, b) => a - b) });
  return {
    kind: 'or-set',
    lattice,
    title: 'OR-set = Pair(Set, Set) of (item, tag)',
    holdsItems: true,
    update(s, op, _actor, tag) {
      if (op.op === 'add') return lattice.join(s, tuple([makeSet([tuple([op.item, tag])]), makeSet([])]));
      if (op.op !== 'remove') return s;
      const seen = live(s).filter((t) => t.items[0] === op.item);
      return seen.length === 0 ? s : lattice.join(s, tuple([makeSet([]), makeSet(seen)]));
    },
    observe,
    passes: (s, item) => observe(s).items.includes(item),
  };
}

export function builtinReplicated(kind: Exclude<LatticeKind, 'user'>): ReplicatedLattice {
  switch (kind) {
    case 'max-register':
      return maxRegister();
    case 'g-counter':
      return gCounter();
    case 'pn-counter':
      return pnCounter();
    case 'two-phase-set':
      return twoPhaseSet();
    case 'or-set':
      return orSet();
  }
}

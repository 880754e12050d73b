import { BOT, search, valueKey, valuesEqual, type Value } from '../runtime/values.ts';
import { checkStorable } from './builtin.ts';
import { isTop, LatticeValueError, TOP, type Lattice, type State } from './lattice.ts';

/** A lattice declared in the program: `lattice Name { bottom: ..., join: ..., top: ..., carrier: ... }`. */
export interface UserLatticeDef {
  name: string;
  bottom: Value;
  top: Value | undefined;
  /** Sorted, when declared. */
  carrier: readonly Value[] | undefined;
  /** Runs the program's join function (pure, budgeted). */
  join(a: Value, b: Value): Value;
  /** The declared `events: fn(x) { [...] }`: the events of an element (each an element at or below it). */
  events: ((v: Value) => readonly Value[]) | undefined;
  /** Set when the law checker verified the laws on the whole (finite) carrier. */
  lawful: boolean;
}

export function userLattice(def: UserLatticeDef): Lattice {
  const normal = (v: Value): State => (def.top !== undefined && valuesEqual(v, def.top) ? TOP : v);
  const inCarrier = (v: Value) => !def.carrier || search(def.carrier, v) >= 0;
  const join = (a: State, b: State): State => {
    if (isTop(a) || isTop(b)) return TOP;
    const r = def.join(a, b);
    checkStorable(r);
    if (!inCarrier(r)) throw new LatticeValueError(`${def.name}'s join(${valueKey(a)}, ${valueKey(b)}) = ${valueKey(r)}, which is not in its carrier.`);
    return normal(r);
  };
  const leq = (a: State, b: State): boolean => {
    if (isTop(b)) return true;
    if (isTop(a)) return false;
    const j = join(a, b);
    return !isTop(j) && valuesEqual(j, b);
  };
  return {
    spec: { kind: 'user', name: def.name },
    name: def.name,
    bottom: normal(def.bottom),
    join,
    leq,
    fromValue(v) {
      if (v === BOT) return normal(def.bottom);
      checkStorable(v);
      if (!inCarrier(v)) throw new LatticeValueError(`${valueKey(v)} is not an element of ${def.name} (its carrier is declared).`);
      return normal(v);
    },
    toValue: (s) => (isTop(s) ? (def.top ?? BOT) : s),
    // Declared events, or else every non-bottom element of the carrier at or below the state.
    events: (s) => {
      if (isTop(s)) return [];
      if (def.events) return declaredEvents(def, s, leq);
      return def.carrier?.filter((c) => {
        const st = normal(c);
        return !isTop(st) && !valuesEqual(c, def.bottom) && leq(st, s);
      });
    },
    eventElement: (e) => e,
    carrier: def.carrier?.map(normal),
    lawful: def.lawful,
  };
}

/** The declared events of `s`, checked: each must be an element at or below `s` (handlers see only what happened). */
function declaredEvents(def: UserLatticeDef, s: Value, leq: (a: State, b: State) => boolean): Value[] {
  const out: Value[] = [];
  for (const e of def.events!(s)) {
    checkStorable(e);
    if (!leq(e, s)) throw new LatticeValueError(`${def.name}'s events(${valueKey(s)}) gives ${valueKey(e)}, which is not at or below ${valueKey(s)}.`);
    if (!valuesEqual(e, def.bottom) && !out.some((x) => valuesEqual(x, e))) out.push(e);
  }
  return out;
}

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
    events: (s) =>
      def.carrier?.filter((c) => {
        const st = normal(c);
        return !isTop(st) && !valuesEqual(c, def.bottom) && leq(st, s);
      }),
    carrier: def.carrier?.map(normal),
    lawful: def.lawful,
  };
}

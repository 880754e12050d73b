import type { State } from '../../../lvars/lattice/lattice.ts';
import type { Value } from '../values.ts';
import type { ReplicatedLattice } from './replicated.ts';

const NONE: readonly number[] = Object.freeze([]);

/** A lattice state as a Dynamo value: the element, and what a client reads off it (for the views and audits). */
export function latticeValue(lat: ReplicatedLattice, element: State): Value {
  const seen = lat.observe(element);
  return { n: seen.n, items: seen.items, removed: NONE, element };
}

/** The element of a value (bottom for a value that has none: nothing written yet). */
export const elementOf = (lat: ReplicatedLattice, v: Value): State => (v.element ?? lat.lattice.bottom) as State;

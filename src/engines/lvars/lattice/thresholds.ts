import type { Value } from '../runtime/values.ts';
import { isTop, type Lattice, type State } from './lattice.ts';

/**
 * Threshold sets (Kuper, Turon, Krishnaswami, Newton, POPL'14, §2 and the E-Get rule): `get(lv, T)`
 * blocks until the LVar's state is at or above some threshold of T, then returns that threshold,
 * not the state. Determinism needs T pairwise incompatible (every two thresholds join to ⊤), so at
 * most one threshold can ever be below the state and the answer cannot depend on the schedule.
 * The runtime checks this when a get is reached, the analysis when T is a constant.
 */

/** A get's threshold set (a set value in the program) as lattice elements. */
export function thresholdsOf(lattice: Lattice, set: Value): State[] {
  return (set as { items: readonly Value[] }).items.map((v) => lattice.fromValue(v));
}

/** The threshold (as a value to return) that `state` has reached, if any. */
export function reachedThreshold(lattice: Lattice, state: State, set: Value): Value | undefined {
  for (const th of thresholdsOf(lattice, set)) if (lattice.leq(th, state)) return lattice.toValue(th);
  return undefined;
}

/** The incompatibility check: every two thresholds join to ⊤. Returns the offending pair. */
export function incompatibilityViolation(lattice: Lattice, thresholds: State[]): { a: State; b: State; join: State } | undefined {
  for (let i = 0; i < thresholds.length; i++) {
    for (let j = i + 1; j < thresholds.length; j++) {
      const a = thresholds[i]!;
      const b = thresholds[j]!;
      const join = lattice.join(a, b);
      if (!isTop(join)) return { a, b, join };
    }
  }
  return undefined;
}

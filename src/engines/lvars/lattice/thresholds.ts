import { tuple, type Value } from '../runtime/values.ts';
import { isTop, showState, stateKey, type Lattice, type State } from './lattice.ts';

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

/**
 * Thresholds on frozen states (POPL'14 §4; the Redex model's `get x ((d #t) ...)`): with freezing,
 * an LVar's state is a pair (d, frozen?), and `get(lv, T, F)` waits for a threshold of T, (t, false),
 * or of F, (f, true). In that lattice of pairs (t, false) ⊑ (s, ·) iff t ⊑ s, and (f, true) ⊑ (s, true)
 * iff f = s: a frozen threshold is reached only by an LVar frozen at exactly f. get returns the
 * threshold reached, as (element, frozen?).
 */
export function reachedFrozenThreshold(lattice: Lattice, state: State, frozen: boolean, unfrozen: Value, frozenSet: Value): Value | undefined {
  if (frozen) for (const f of thresholdsOf(lattice, frozenSet)) if (stateKey(f) === stateKey(state)) return tuple([lattice.toValue(f), true]);
  const t = reachedThreshold(lattice, state, unfrozen);
  return t === undefined ? undefined : tuple([t, false]);
}

/**
 * Pairwise incompatibility in the lattice of (element, frozen?) pairs: two unfrozen thresholds as
 * before; two frozen ones always (they differ, and a frozen LVar has one state); a frozen f and an
 * unfrozen t join to (f, true), not ⊤, when t ⊑ f. The offending pair and their join, as text.
 */
export function frozenIncompatibilityViolation(lattice: Lattice, unfrozen: State[], frozen: State[]): { a: string; b: string; join: string } | undefined {
  const plain = incompatibilityViolation(lattice, unfrozen);
  if (plain) return { a: showState(plain.a), b: showState(plain.b), join: showState(plain.join) };
  for (const f of frozen) for (const t of unfrozen) if (lattice.leq(t, f)) return { a: `${showState(f)} frozen`, b: showState(t), join: `${showState(f)} frozen` };
  return undefined;
}

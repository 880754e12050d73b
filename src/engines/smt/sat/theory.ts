import type { TheoryBound } from '../api.ts';

/**
 * What DPLL(T) asks of a theory solver (Nieuwenhuis, Oliveras & Tinelli, JACM 2006): after Boolean
 * propagation settles, the theory reads the newly assigned literals from the trail and answers
 * with clauses over internal literals, each false under the current assignment except possibly
 * its first literal: a conflict explanation (all false) or a theory propagation (the first
 * literal unassigned, implied by the rest). An empty answer means "consistent so far".
 */
export interface Theory {
  /** `final` when every Boolean variable is assigned: the theory must then decide. */
  check(trail: Int32Array, trailSize: number, final: boolean): TheoryAnswer;
  /** The solver undid the trail down to `trailSize` literals. */
  backtrack(trailSize: number): void;
}

export interface TheoryAnswer {
  conflict?: number[];
  /** For the trace: the theory's facts behind the conflict, as the views show them. */
  bounds?: TheoryBound[];
  propagations?: number[][];
}

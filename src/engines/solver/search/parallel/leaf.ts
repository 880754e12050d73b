/**
 * An open box of input splitting as it travels between workers of a parallel search: the box,
 * its case, and what its children inherit. Not its parent's bounds (kilobytes; the thief
 * recomputes them from the box).
 */
export interface Leaf {
  caseIndex: number;
  lo: Float64Array;
  hi: Float64Array;
  depth: number;
  /** The box's part of its case's volume (coverage adds these up). */
  share: number;
  /** Its parent needed DeepPoly refinement. */
  refine: boolean;
  /** The violation at its centre (its priority); NaN when not yet computed (a case's whole box). */
  centreViolation: number;
}

/** What a search running in a pool sees of the others: whether an idle worker wants work, and how to hand it over. */
export interface WorkSharing {
  wanted(): boolean;
  /** Hands these leaves to the pool (none when the search has fewer than two open boxes) and clears the request. */
  give(leaves: Leaf[]): void;
}

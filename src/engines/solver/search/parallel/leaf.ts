import type { NetworkBounds } from '../../bounds/networkBounds.ts';
import type { Case } from '../../model/problem.ts';

/**
 * An open box of input splitting as it travels between workers of a parallel search: the box,
 * its case, and what its children inherit, its parent's bounds included: a box's bounds are
 * intersected with its parent's, which were intersected with theirs, so a box handed over without
 * them starts a subtree of looser bounds (more nodes, and dearer ones: with no parent bounds at
 * all, N(4,2) φ2 takes 13,069 nodes and 1.5x the CPU per node instead of 11,661). With them, a
 * search that holds bounds the same boxes however it is shared out.
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
  /** The constraint to bound first (the one nearest to closing its parent). */
  first: number;
  /** Its parent's bounds (sound on the parent's box, which holds this one); none for a case's whole box. */
  parent: NetworkBounds | undefined;
}

/** Every case's whole box, one leaf each: where a parallel search starts. */
export const caseLeaves = (cases: readonly Case[]): Leaf[] =>
  cases.map((c, caseIndex) => ({ caseIndex, lo: c.lo.slice(), hi: c.hi.slice(), depth: 0, share: 1 / cases.length, refine: false, centreViolation: NaN, parent: undefined, first: 0 }));

/** What a search running in a pool sees of the others: whether an idle worker wants work, and how to hand it over. */
export interface WorkSharing {
  wanted(): boolean;
  /** The run no longer needs this search (it has its answer): stop at the next box. */
  released(): boolean;
  /** Hands these leaves to the pool and clears the request (asked only with two open boxes or more, so never none). */
  give(leaves: Leaf[]): void;
}

/** Thrown out of a search whose run has let go of it (WorkSharing.released): its state is dropped, its thread goes to the next run. */
export class SearchReleased extends Error {
  constructor() {
    super('the parallel run no longer needs this search');
  }
}

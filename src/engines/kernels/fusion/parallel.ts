import type { Pos } from '../api.ts';
import type { DomainProgram, Shape } from '../ir/domain.ts';

/**
 * The Parallel IR (ParallelAccelerator, ECOOP'17, section 4.2): the Domain IR's array operations
 * grouped into parfor nodes, each one loop over an index space; the values a parfor both computes
 * and consumes live in registers (the eliminated temporaries).
 */
export interface Parfor {
  kind: 'parfor';
  shape: Shape;
  /** Domain op indices (map, iota) computed per element, in program order. */
  ops: number[];
  /** Reductions accumulated in the same loop (their results are known after it). */
  reductions: number[];
}

/** Scalar work on the host between loops (domain op indices: scalar, length). */
export interface HostStep {
  kind: 'host';
  ops: number[];
}

export interface StencilStep {
  kind: 'stencil';
  op: number;
}

export interface AllocStep {
  kind: 'alloc';
  op: number;
}

export type Step = Parfor | HostStep | StencilStep | AllocStep;

export interface ParallelProgram {
  domain: DomainProgram;
  steps: Step[];
  /** Array values computed in a parfor and stored to memory (used elsewhere, or returned). */
  stored: Set<number>;
  /** Array values computed in a parfor and never stored: the temporaries fusion removed. */
  eliminated: number[];
  notFused: { message: string; at?: Pos }[];
}

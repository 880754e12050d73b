/**
 * A property in the VNN-LIB sense: the UNSAFE region, a disjunction of cases. Each case is an
 * input box and a conjunction of linear constraints on the outputs, `coeffs·y ≤ rhs` (or `<`).
 * The property holds when no input in any box reaches an output in its case's region.
 *
 * Numbers that are not exactly representable as doubles are kept as intervals: `lo`/`hi` enclose
 * the written input bounds from outside (the box to search), `loIn`/`hiIn` from inside (the box a
 * counterexample must lie in); `rhsLo ≤ rhs ≤ rhsHi` encloses each right-hand side.
 */
export interface Where {
  line: number;
  column: number;
}

export interface OutputConstraint {
  coeffs: Float64Array;
  rhsLo: number;
  rhsHi: number;
  strict: boolean;
  at: Where;
}

export interface SpecCase {
  lo: Float64Array;
  hi: Float64Array;
  loIn: Float64Array;
  hiIn: Float64Array;
  constraints: OutputConstraint[];
}

export interface Spec {
  inputs: number;
  outputs: number;
  cases: SpecCase[];
  /** Where each input was declared, for messages about the property. */
  declaredAt: Where[];
}

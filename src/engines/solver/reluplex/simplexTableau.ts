/**
 * What the Reluplex calculus asks of its simplex (Dutertre & de Moura's general simplex, CAV'06):
 * every basic variable is an affine function of the non-basic ones,
 *     x_B(r) = Σ_v T[r][v]·x_v + t0[r],
 * and an assignment that always satisfies these equations. Two implementations: the dense tableau
 * that stores T (tableau.ts, the reference) and the revised simplex that keeps only a factorised
 * basis and computes the columns and rows of T it is asked for (revised.ts).
 *
 * Floating point drifts; `refactor` rebuilds the representation from the original equations for
 * the current basis (it may renumber the rows). Soundness never rests on this arithmetic:
 * infeasibility is certified separately (farkas.ts), from the multipliers this gives, and
 * satisfying assignments are re-evaluated on the network.
 */
export interface SimplexTableau {
  /** Variables. */
  readonly n: number;
  /** Rows (equations), one basic variable each. */
  readonly m: number;
  readonly basicOf: Int32Array;
  /** The row of a basic variable, or −1. */
  readonly rowOf: Int32Array;
  readonly value: Float64Array;
  /** Pivots after which `refactor` pays for itself. */
  readonly refactorEvery: number;
  isBasic(v: number): boolean;
  /** Recomputes every basic variable from the non-basic ones. */
  recompute(): void;
  /** Sets non-basic `v` to `x` and moves the basic variables with it. */
  update(v: number, x: number): void;
  /** T[·][v] of non-basic v, by row (the tableau's own buffer: valid until the next call). */
  column(v: number): Float64Array;
  /** out[v] = Σ_r w[r]·T[r][v] for every non-basic v, 0 for the basic ones. */
  combine(w: Float64Array, out: Float64Array): void;
  /** Basic variable of row r leaves the basis; non-basic `entering` becomes basic in row r. */
  pivot(r: number, entering: number): void;
  /** Rebuilds from the original equations for the current basis; false (nothing changed) when it is numerically singular. */
  refactor(): boolean;
  /** y with yᵀ·(original equations) = Σ_r w[r]·(row r as x_B(r) − Σ_v T[r][v]·x_v = t0[r]). */
  multipliers(w: Float64Array, y: Float64Array): void;
}

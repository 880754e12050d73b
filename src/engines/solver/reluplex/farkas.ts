import type { Encoding } from './encoding.ts';
import { dotError } from '../bounds/rounding.ts';

/**
 * Checking Reluplex's "Failure" soundly (in the spirit of proof-producing Marabou, Isac et al.
 * FMCAD'22). When a basic variable is out of bounds and no pivot can help, its tableau row
 *     x_b − Σ T[r][u]·x_u = t0
 * together with the bounds shows the node infeasible. That row is a linear combination y of the
 * ORIGINAL equations, with multipliers y that the simplex provides; we recombine the original equations
 * with interval arithmetic into  h·x = H  (which every solution satisfies, whatever y is), and check
 * with interval arithmetic that no x within the node's sound bounds satisfies it. A check that fails
 * only means the floating-point tableau drifted: the node is then not closed by this certificate.
 */
export interface Certificate {
  valid: boolean;
  /** How far the equation's two sides are apart (> 0 when valid). */
  margin: number;
}

export class FarkasChecker {
  private readonly hSum: Float64Array;
  private readonly hAbs: Float64Array;
  private readonly hCount: Uint16Array;

  constructor(private readonly enc: Encoding) {
    this.hSum = new Float64Array(enc.count);
    this.hAbs = new Float64Array(enc.count);
    this.hCount = new Uint16Array(enc.count);
  }

  /**
   * Checks the combination yᵀ·(original equations) against the node's bounds. The simplex gives
   * y (SimplexTableau.multipliers) for the rows that show the Failure: one row when a single
   * basic variable is stuck, the phase-1 infeasibility weights (±1) in general.
   */
  check(y: Float64Array, lo: Float64Array, hi: Float64Array): Certificate {
    const { enc } = this;
    const n = enc.count;
    // h = y^T A and H = y^T rhs, each with a rigorous bound on its rounding error.
    const { hSum, hAbs, hCount } = this;
    hSum.fill(0);
    hAbs.fill(0);
    hCount.fill(0);
    let H = 0;
    let hAbsRhs = 0;
    enc.rows.forEach((row, i) => {
      const yi = y[i]!;
      if (yi === 0) return;
      for (let e = 0; e < row.vars.length; e++) {
        const v = row.vars[e]!;
        const p = yi * row.coeffs[e]!;
        hSum[v] = hSum[v]! + p;
        hAbs[v] = hAbs[v]! + Math.abs(p);
        hCount[v] = hCount[v]! + 1;
      }
      H += yi * row.rhs;
      hAbsRhs += Math.abs(yi * row.rhs);
    });
    const hErr = dotError(enc.rows.length, hAbsRhs);
    const Hlo = H - hErr;
    const Hhi = H + hErr;
    // The range of h·x over the bounds.
    let sLo = 0;
    let sHi = 0;
    let abs = 0;
    for (let v = 0; v < n; v++) {
      if (hCount[v] === 0) continue;
      const e = dotError(hCount[v]!, hAbs[v]!);
      const a = hSum[v]! - e;
      const b = hSum[v]! + e;
      if (a === 0 && b === 0) continue;
      const l = lo[v]!;
      const u = hi[v]!;
      if (!Number.isFinite(l) || !Number.isFinite(u)) return { valid: false, margin: -Infinity };
      const products = [a * l, a * u, b * l, b * u];
      sLo += Math.min(...products);
      sHi += Math.max(...products);
      abs += Math.max(Math.abs(a), Math.abs(b)) * Math.max(Math.abs(l), Math.abs(u));
    }
    const sErr = dotError(2 * n, abs);
    const margin = Math.max(Hlo - (sHi + sErr), sLo - sErr - Hhi);
    return { valid: margin > 0, margin };
  }
}

import type { Case } from '../model/problem.ts';
import type { Falsifier } from './falsification.ts';

/**
 * Auto-PGD (Croce & Hein, ICML 2020, section 3) on one case's violation over its box, in the L∞
 * geometry: signed-gradient steps of η times each input's width with momentum 0.75, and at each
 * checkpoint wⱼ (p₀ = 0, p₁ = 0.22, pⱼ₊₁ = pⱼ + max(pⱼ − pⱼ₋₁ − 0.03, 0.06)) the step halves and
 * the descent restarts from the best point when fewer than ρ = 75% of the steps since the last
 * checkpoint improved, or when neither η nor the best value changed since then. Unlike a fixed
 * decay, it spends long steps while they pay (on mnist-net_256x4 prop_1_0.05 it found the violation
 * that 100 steps of geometric decay missed). Deterministic: no randomness inside.
 */
export class AdaptiveDescent {
  private readonly x: Float64Array;
  private readonly previous: Float64Array;
  private readonly bestX: Float64Array;
  private readonly g: Float64Array;

  constructor(
    private readonly falsifier: Falsifier,
    n: number,
  ) {
    this.x = new Float64Array(n);
    this.previous = new Float64Array(n);
    this.bestX = new Float64Array(n);
    this.g = new Float64Array(n);
  }

  /**
   * `steps` steps from `start`, calling `found` with every point whose violation is ≤ 0 until it
   * accepts one (the accepted point is returned); `best` is the least violation seen.
   */
  descend(c: Case, start: ArrayLike<number>, steps: number, found: (x: Float64Array) => boolean, stop?: () => boolean): { accepted?: Float64Array; best: number } {
    const { x, previous, bestX, g, falsifier } = this;
    const n = x.length;
    for (let i = 0; i < n; i++) x[i] = previous[i] = bestX[i] = start[i]!;
    let next = Math.ceil(0.22 * steps);
    let p = [0, 0.22];
    let eta = 1;
    let best = Infinity;
    let last = Infinity;
    let improved = 0;
    let since = 0;
    let etaAtCheckpoint = eta;
    let bestAtCheckpoint = best;
    for (let t = 0; t <= steps; t++) {
      const value = falsifier.violation(x, c, g);
      if (value <= 0 && found(x)) return { accepted: x.slice(), best: Math.min(best, value) };
      if (value < last) improved++;
      last = value;
      if (value < best) {
        best = value;
        bestX.set(x);
      }
      if (t === steps || (stop && t % 10 === 9 && stop())) break;
      since++;
      if (t === next) {
        const halve = improved < 0.75 * since || (eta === etaAtCheckpoint && best === bestAtCheckpoint);
        etaAtCheckpoint = eta;
        bestAtCheckpoint = best;
        improved = since = 0;
        if (halve) {
          eta /= 2;
          x.set(bestX);
          previous.set(bestX);
          falsifier.violation(x, c, g);
        }
        p = [p[1]!, p[1]! + Math.max(p[1]! - p[0]! - 0.03, 0.06)];
        next = Math.max(t + 1, Math.ceil(p[1]! * steps));
      }
      const a = t === 0 ? 1 : 0.75;
      for (let i = 0; i < n; i++) {
        const lo = c.lo[i]!;
        const hi = c.hi[i]!;
        const xi = x[i]!;
        const gi = g[i]!;
        const z = Math.min(hi, Math.max(lo, xi - (gi > 0 ? eta : gi < 0 ? -eta : 0) * (hi - lo)));
        x[i] = Math.min(hi, Math.max(lo, xi + a * (z - xi) + (1 - a) * (xi - previous[i]!)));
        previous[i] = xi;
      }
    }
    return { best };
  }
}

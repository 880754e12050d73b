import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlopeOptimiser } from '../bounds/alphaCrown.ts';
import { BackSubstitution } from '../bounds/backSubstitution.ts';
import { SymbolicPropagator } from '../bounds/symbolic.ts';
import { generateNetwork } from '../model/generate.ts';
import { evaluate } from '../model/network.ts';
import type { Case } from '../model/problem.ts';
import { mulberry32 } from '../../random.ts';
import { runs } from '../../../testing/depth.ts';
import { closes, closesFromParent } from './closing.ts';

describe('closing a half of a bisected box on its parent bounds', () => {
  it('never closes a half that holds a point where the constraint is met, on random ReLU networks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.array(fc.integer({ min: 2, max: 8 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (seed, hidden, centre, radius, dim) => {
          const net = generateNetwork({ preset: 'random', seed, hidden, activation: 'relu', inputs: 3, outputs: 2 }).network;
          const lo = Float64Array.from(centre, (c, i) => c - radius[i]!);
          const hi = Float64Array.from(centre, (c, i) => c + radius[i]!);
          const mid = lo[dim]! + (hi[dim]! - lo[dim]!) / 2;
          const random = mulberry32(seed);
          const bounds = new SymbolicPropagator(net).run(lo, hi);
          const slopes = new SlopeOptimiser(net, new BackSubstitution(net));
          const coeffs = [new Float64Array(3)];
          for (const upperHalf of [false, true]) {
            // The smallest margin y0 − y1 sampled in this half (corners included): a constraint
            // y0 − y1 ≤ that value is met there, so no sound procedure may close the half.
            let smallest = Infinity;
            for (let s = 0; s < 64; s++) {
              const x = Array.from(lo, (l, i) => {
                const [a, b] = i === dim ? (upperHalf ? [mid, hi[i]!] : [l, mid]) : [l, hi[i]!];
                return s < 8 ? ((s >> i) & 1 ? b : a) : a + random() * (b - a);
              });
              const y = evaluate(net, x);
              smallest = Math.min(smallest, y[0]! - y[1]!);
            }
            const c: Case = { lo, hi, constraints: [{ coeffs: Float64Array.of(1, -1), rhsLo: smallest, rhsHi: smallest, strict: false }] };
            const parent = closes(c, (k, out) => slopes.lowerBound(bounds, lo, hi, k.coeffs, 2, out), coeffs);
            expect(parent.closed).toBe(false);
            expect(closesFromParent(c, parent, coeffs, dim, lo[dim]!, mid, hi[dim]!, upperHalf)).toBeUndefined();
          }
        },
      ),
      { numRuns: runs(100, 1000), seed: 7 },
    );
  });

  it('closes the half away from the minimiser when the parent bound plus that half-width gain clears the constraint', () => {
    // y = x on [0, 1]: the bound of y is 0 at x = 0; the upper half [0.5, 1] has y ≥ 0.5.
    const net = generateNetwork({ preset: 'random', seed: 1, hidden: [], activation: 'relu', inputs: 1, outputs: 1 }).network;
    const identity = { ...net, layers: [{ ...net.layers[0]!, weights: Float64Array.of(1), bias: Float64Array.of(0) }] };
    const lo = Float64Array.of(0);
    const hi = Float64Array.of(1);
    const slopes = new SlopeOptimiser(identity, new BackSubstitution(identity));
    const bounds = new SymbolicPropagator(identity).run(lo, hi);
    const coeffs = [new Float64Array(1)];
    const c: Case = { lo, hi, constraints: [{ coeffs: Float64Array.of(1), rhsLo: 0.25, rhsHi: 0.25, strict: false }] };
    const parent = closes(c, (k, out) => slopes.lowerBound(bounds, lo, hi, k.coeffs, 0, out), coeffs);
    expect(parent.closed).toBe(false);
    expect(closesFromParent(c, parent, coeffs, 0, 0, 0.5, 1, true)).toBeCloseTo(0.25, 9);
    expect(closesFromParent(c, parent, coeffs, 0, 0, 0.5, 1, false)).toBeUndefined();
  });
});

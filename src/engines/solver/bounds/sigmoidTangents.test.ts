import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BackSubstitution } from './backSubstitution.ts';
import { DeepPoly } from './deeppoly.ts';
import { intervalBounds } from './networkBounds.ts';
import { relax, type Relaxation } from './relaxation.ts';
import { CROWN_POINT, relaxAtPoint } from './sigmoidTangents.ts';
import { TangentOptimiser } from './tangentOptimiser.ts';
import { generateNetwork } from '../model/generate.ts';
import { activate, evaluate } from '../model/network.ts';
import { mulberry32 } from '../../random.ts';
import { runs } from '../../../testing/depth.ts';

const kinds = fc.constantFrom<'sigmoid' | 'tanh'>('sigmoid', 'tanh');

/** The least gap between φ and the line on the given side over many points of [l, u], ends, 0 and d included. */
function worstGap(kind: 'sigmoid' | 'tanh', l: number, u: number, d: number, lower: boolean, r: Relaxation): number {
  const points = [l, u, 0, d, ...Array.from({ length: 200 }, (_, s) => l + (s / 199) * (u - l))].filter((z) => z >= l && z <= u);
  let worst = Infinity;
  for (const z of points) {
    const v = activate(kind, z);
    worst = Math.min(worst, lower ? v - (r.al * z + r.bl) : r.au * z + r.bu - v);
  }
  return worst;
}

/**
 * The tangent family of sigmoid and tanh: for every interval (convex, concave, across 0, narrow and
 * wide) and every tangent point (inside the interval, outside it, CROWN's), the line on each side
 * stays on its side of the function at every sampled point, evaluated in floating point; where the
 * chosen point lies in the sound range, the line touches the function there (it is the tangent).
 */
describe('sigmoid and tanh tangent lines', () => {
  it('contain the function for every tangent point, on both sides', () => {
    const r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };
    fc.assert(
      fc.property(kinds, fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 40, noNaN: true }), fc.double({ min: -1.2, max: 1.2, noNaN: true }), fc.boolean(), fc.boolean(), (kind, l, width, t, lower, crown) => {
        const u = l + width;
        const d = crown ? CROWN_POINT : l + t * (u - l);
        relaxAtPoint(kind, l, u, d, lower, r);
        expect(worstGap(kind, l, u, d, lower, r)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: runs(3000, 30000) },
    );
  });

  it('are the tangent at the chosen point where it is sound, and CROWN’s lines otherwise', () => {
    const r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };
    const crown: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };
    for (const kind of ['sigmoid', 'tanh'] as const) {
      // Convex interval: every lower line is a tangent; the upper one is the chord.
      relaxAtPoint(kind, -4, -1, -2, true, r);
      expect(Math.abs(r.al * -2 + r.bl - activate(kind, -2))).toBeLessThan(1e-12);
      relaxAtPoint(kind, -4, -1, -2, false, r);
      relax(kind, -4, -1, crown);
      expect([r.au, r.bu]).toEqual([crown.au, crown.bu]);
      // Concave: the upper line touches at the point.
      relaxAtPoint(kind, 0.5, 3, 2.5, false, r);
      expect(Math.abs(r.au * 2.5 + r.bu - activate(kind, 2.5))).toBeLessThan(1e-12);
      // Across 0: a point in the concave part far enough out is a tangent; one too near 0 is moved out to d*.
      relaxAtPoint(kind, -1, 4, 3, false, r);
      expect(Math.abs(r.au * 3 + r.bu - activate(kind, 3))).toBeLessThan(1e-12);
      relaxAtPoint(kind, -1, 4, 0.01, false, r);
      relax(kind, -1, 4, crown);
      expect(r.au).toBeCloseTo(crown.au, 12);
      // CROWN's point gives CROWN's line.
      relaxAtPoint(kind, -1, 4, CROWN_POINT, true, r);
      expect([r.al, r.bl]).toEqual([crown.al, crown.bl]);
    }
  });
});

/**
 * Optimised tangent points on random sigmoid and tanh networks: the bound is at least CROWN's (it
 * starts there), below c·y at every sampled point of the box, and so are bounds with arbitrary
 * tangent points; intermediate bounds refined with tangent rounds contain every sampled value.
 */
describe('optimised tangent points', () => {
  it('give sound bounds, at least as tight as CROWN’s, on random networks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), kinds, fc.array(fc.integer({ min: 2, max: 10 }), { minLength: 1, maxLength: 3 }), fc.double({ min: 0.05, max: 3, noNaN: true }), (seed, activation, hidden, radius) => {
        const inputs = 3;
        const net = generateNetwork({ preset: 'random', seed, hidden, activation, inputs, outputs: 3 }).network;
        const rng = mulberry32(seed);
        const centre = Array.from({ length: inputs }, () => 4 * rng() - 2);
        const lo = Float64Array.from(centre, (c) => c - radius);
        const hi = Float64Array.from(centre, (c) => c + radius);
        const back = new BackSubstitution(net);
        const bounds = intervalBounds(net, lo, hi);
        new DeepPoly(net, back).refine(bounds, lo, hi, undefined, 2);
        const c = Float64Array.from({ length: 3 }, () => 2 * rng() - 1);
        const crown = back.lowerBound(bounds, lo, hi, c);
        const optimised = new TangentOptimiser(net, back).lowerBound(bounds, lo, hi, c, 4);
        expect(optimised).toBeGreaterThanOrEqual(crown);
        const tangent = bounds.lo.map((l, k) => Float64Array.from(l, (v, j) => v + (1.4 * rng() - 0.2) * (bounds.hi[k]![j]! - v)));
        const arbitrary = back.lowerBound(bounds, lo, hi, c, undefined, { tangent, weight: bounds.lo.map((l) => new Float64Array(l.length)) });
        for (let s = 0; s < 80; s++) {
          const x = Float64Array.from({ length: inputs }, (_, i) => (s < 8 ? ((s >> i) & 1 ? hi[i]! : lo[i]!) : lo[i]! + rng() * (hi[i]! - lo[i]!)));
          const y = evaluate(net, x);
          const cy = c[0]! * y[0]! + c[1]! * y[1]! + c[2]! * y[2]!;
          expect(cy).toBeGreaterThanOrEqual(optimised);
          expect(cy).toBeGreaterThanOrEqual(arbitrary);
        }
      }),
      { numRuns: runs(40, 400) },
    );
  });
});

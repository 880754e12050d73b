import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Falsifier } from './falsification.ts';
import { generateNetwork } from '../model/generate.ts';
import type { Case } from '../model/problem.ts';
import { mulberry32 } from '../../random.ts';

/**
 * The attack's loss over all cases of a property (the margin over every target class) is the
 * smallest of the cases' own violations, and its gradient is that case's: the joint attack descends
 * exactly as the per-case attack would on the case nearest to being violated.
 */
describe('the margin over all cases', () => {
  it('is the least case violation, with that case and its gradient', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom<'relu' | 'sigmoid'>('relu', 'sigmoid'), (seed, activation) => {
        const net = generateNetwork({ preset: 'random', seed, hidden: [6, 5], activation, inputs: 4, outputs: 4 }).network;
        const random = mulberry32(seed);
        const lo = new Float64Array(4).fill(-1);
        const hi = new Float64Array(4).fill(1);
        const cases: Case[] = [0, 1, 2].map(() => ({
          lo,
          hi,
          constraints: [0, 1].map(() => {
            const rhs = random() - 0.5;
            return { coeffs: Float64Array.from({ length: 4 }, () => random() * 2 - 1), rhsLo: rhs, rhsHi: rhs, strict: false };
          }),
        }));
        const falsifier = new Falsifier(net);
        const x = Float64Array.from(lo, () => random() * 2 - 1);
        const each = cases.map((c) => falsifier.violation(x, c));
        const gradient = new Float64Array(4);
        const { value, which } = falsifier.violationOfAny(x, cases, gradient);
        expect(value).toBe(Math.min(...each));
        expect(each[which]).toBe(value);
        const own = new Float64Array(4);
        falsifier.violation(x, cases[which]!, own);
        expect(Array.from(gradient)).toEqual(Array.from(own));
      }),
      { numRuns: 50 },
    );
  });
});

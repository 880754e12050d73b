import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activate } from '../model/network.ts';
import { activationMagnitude, activationRange, relax, type Relaxation } from './relaxation.ts';

/**
 * Sigmoid and tanh across 0 (the part of the S-curve that is neither convex nor concave): the
 * chord-or-tangent lines contain the function at many points of the interval, including at 0 and
 * at both ends, for wide, narrow and lopsided intervals.
 */
describe('sigmoid and tanh relaxations across the inflection point', () => {
  it('contain the function everywhere sampled', () => {
    const r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom<'sigmoid' | 'tanh'>('sigmoid', 'tanh'),
        fc.double({ min: 1e-7, max: 30, noNaN: true }),
        fc.double({ min: 1e-7, max: 30, noNaN: true }),
        (kind, left, right) => {
          const l = -left;
          const u = right;
          relax(kind, l, u, r);
          let worst = Infinity;
          for (let s = 0; s <= 256; s++) {
            const z = s === 256 ? 0 : l + (s / 255) * (u - l);
            const v = activate(kind, Math.min(u, z));
            worst = Math.min(worst, v - (r.al * z + r.bl), r.au * z + r.bu - v);
          }
          expect(worst).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('are tighter than the parallel lines through both ends that they replace', () => {
    const r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };
    let tighter = 0;
    for (const [l, u] of [[-1, 1], [-3, 0.5], [-0.5, 4], [-6, 6], [-2, 8]] as const) {
      for (const kind of ['sigmoid', 'tanh'] as const) {
        relax(kind, l, u, r);
        const d = (z: number) => {
          const v = activate(kind, z);
          return kind === 'sigmoid' ? v * (1 - v) : 1 - v * v;
        };
        const lambda = Math.min(d(l), d(u));
        // Gap between the lines, integrated over [l, u] (trapezoids): the band's area.
        const area = (lo: (z: number) => number, hi: (z: number) => number) => {
          let a = 0;
          for (let s = 0; s < 200; s++) {
            const z = l + ((s + 0.5) / 200) * (u - l);
            a += ((hi(z) - lo(z)) * (u - l)) / 200;
          }
          return a;
        };
        const now = area((z) => r.al * z + r.bl, (z) => r.au * z + r.bu);
        const before = area((z) => activate(kind, l) + lambda * (z - l), (z) => activate(kind, u) + lambda * (z - u));
        expect(now).toBeLessThanOrEqual(before + 1e-12);
        if (now < 0.9 * before) tighter++;
      }
    }
    expect(tighter).toBeGreaterThanOrEqual(6);
  });
});

/** The allocation-free magnitude back-substitution uses bounds |φ(z)| at sampled points of [l, u] and equals activationRange's. */
describe('activationMagnitude', () => {
  it('bounds |φ| on the interval, as activationRange does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'relu' | 'identity' | 'sigmoid' | 'tanh'>('relu', 'identity', 'sigmoid', 'tanh'),
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (kind, l, width) => {
          const u = l + width;
          const m = activationMagnitude(kind, l, u);
          const [a, b] = activationRange(kind, l, u);
          expect(m).toBe(Math.max(Math.abs(a), Math.abs(b)));
          for (let s = 0; s <= 16; s++) expect(Math.abs(activate(kind, l + (s / 16) * (u - l)))).toBeLessThanOrEqual(m + 1e-12);
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { BackSubstitution } from './backSubstitution.ts';
import { DeepPoly } from './deeppoly.ts';
import { intervalBounds } from './networkBounds.ts';
import { generateNetwork } from '../model/generate.ts';
import { mulberry32 } from '../../random.ts';

/**
 * Back-substitution keeps each layer's lines between passes (relaxationCache.ts): a pass after the
 * bounds were edited in place (narrowed, as a split or FSB's trial does, then restored) must give
 * bit for bit the bound a fresh instance, with nothing kept, computes.
 */
describe('relaxation cache', () => {
  it('follows bounds edited in place between passes', () => {
    for (const activation of ['relu', 'sigmoid'] as const) {
      for (let seed = 1; seed <= 6; seed++) {
        const net = generateNetwork({ preset: 'random', seed, hidden: [7, 6, 5], activation, inputs: 4, outputs: 3 }).network;
        const random = mulberry32(seed);
        const lo = Float64Array.from({ length: 4 }, () => -random());
        const hi = Float64Array.from(lo, (l) => l + 0.5 + random());
        const bounds = intervalBounds(net, lo, hi);
        const kept = new BackSubstitution(net);
        new DeepPoly(net, kept).refine(bounds, lo, hi);
        const c = Float64Array.from({ length: 3 }, () => random() - 0.5);
        for (let edit = 0; edit < 8; edit++) {
          const k = Math.floor(random() * (net.layers.length - 1));
          const j = Math.floor(random() * net.layers[k]!.outSize);
          const [l0, u0] = [bounds.lo[k]![j]!, bounds.hi[k]![j]!];
          if (edit % 2 === 0) bounds.hi[k]![j] = l0 + (u0 - l0) * random();
          else bounds.lo[k]![j] = u0 - (u0 - l0) * random();
          expect(Object.is(kept.lowerBound(bounds, lo, hi, c), new BackSubstitution(net).lowerBound(bounds, lo, hi, c))).toBe(true);
          if (edit % 3 === 0) [bounds.lo[k]![j], bounds.hi[k]![j]] = [l0, u0];
          expect(Object.is(kept.lowerBound(bounds, lo, hi, c), new BackSubstitution(net).lowerBound(bounds, lo, hi, c))).toBe(true);
        }
      }
    }
  });
});

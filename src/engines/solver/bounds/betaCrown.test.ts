import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BackSubstitution } from './backSubstitution.ts';
import { freshMultipliers, SplitBounder } from './betaCrown.ts';
import { DeepPoly } from './deeppoly.ts';
import { boundsUnderPhases, intervalBounds, layerOffsets } from './networkBounds.ts';
import { generateNetwork } from '../model/generate.ts';
import { activate, type Network } from '../model/network.ts';
import { mulberry32 } from '../../random.ts';
import { runs } from '../../../testing/depth.ts';

/** Every layer's pre-activation values at x, and the output. */
function forward(net: Network, x: ArrayLike<number>): { z: Float64Array[]; y: Float64Array } {
  const z: Float64Array[] = [];
  let h = Float64Array.from(x);
  for (const layer of net.layers) {
    const v = new Float64Array(layer.outSize);
    for (let i = 0; i < layer.outSize; i++) {
      let s = layer.bias[i]!;
      for (let j = 0; j < layer.inSize; j++) s += layer.weights[i * layer.inSize + j]! * h[j]!;
      v[i] = s;
    }
    z.push(v);
    h = v.map((t) => activate(layer.activation, t));
  }
  return { z, y: h };
}

const arbitrarySubdomain = fc.record({
  seed: fc.integer({ min: 0, max: 1e6 }),
  inputs: fc.integer({ min: 2, max: 5 }),
  hidden: fc.array(fc.integer({ min: 3, max: 10 }), { minLength: 1, maxLength: 3 }),
  radius: fc.double({ min: 0.2, max: 2, noNaN: true }),
  splits: fc.integer({ min: 1, max: 4 }),
  iterations: fc.constantFrom(0, 3, 12),
  /**
   * The subdomain's bounds: the root's narrowed by the phases (as the search takes them),
   * re-propagated from the box, or narrowed and then refined by DeepPoly under the phases from
   * some layer on (as the search refines a subdomain's intermediate bounds).
   */
  narrowing: fc.constantFrom('phases', 'intervals', 'refined'),
  refineFrom: fc.integer({ min: 0, max: 3 }),
  /** The bound the ascent may stop at (a finite one lets it stop early when it stalls). */
  enough: fc.constantFrom(Infinity, 0, 5),
});

/**
 * ReLU branch and bound's bounds (β-CROWN) on random networks, boxes and split constraints: every
 * sampled point of the subdomain (the box, where each split ReLU has its phase) lies inside the
 * subdomain's pre-activation bounds, and its objective value above the lower bound, for the
 * optimised multipliers and for random ones (any α in [0, 1] and β ≥ 0 must be sound), whether
 * the subdomain's bounds are the root's narrowed by its phases, intervals propagated again, or
 * DeepPoly's refinement under the phases.
 */
describe('bounds with split constraints', () => {
  it('contain every point of the subdomain, for optimised and for random α and β', () => {
    let checked = 0;
    fc.assert(
      fc.property(arbitrarySubdomain, (t) => {
        const net = generateNetwork({ preset: 'random', seed: t.seed, hidden: t.hidden, activation: 'relu', inputs: t.inputs, outputs: 3 }).network;
        const random = mulberry32(t.seed + 7);
        const lo = Float64Array.from({ length: t.inputs }, () => -t.radius * random());
        const hi = Float64Array.from(lo, (l) => l + t.radius * (0.2 + random()));
        const root = intervalBounds(net, lo, hi);
        const back = new BackSubstitution(net);
        new DeepPoly(net, back).refine(root, lo, hi);
        // Split some undecided ReLUs, each on a random side.
        const offsets = layerOffsets(net);
        const phases = new Int8Array(offsets[net.layers.length]!);
        const undecided: number[] = [];
        net.layers.forEach((layer, k) => {
          if (layer.activation !== 'relu') return;
          for (let i = 0; i < layer.outSize; i++) if (root.lo[k]![i]! < 0 && root.hi[k]![i]! > 0) undecided.push(offsets[k]! + i);
        });
        for (let s = 0; s < t.splits && undecided.length > 0; s++) phases[undecided.splice(Math.floor(random() * undecided.length), 1)[0]!] = random() < 0.5 ? 1 : -1;
        const bounds = t.narrowing === 'intervals' ? intervalBounds(net, lo, hi, root, phases) : boundsUnderPhases(net, root, phases);
        if (t.narrowing === 'refined') new DeepPoly(net, back).refine(bounds, lo, hi, undefined, 0, Math.min(t.refineFrom, net.layers.length - 1));
        const c = Float64Array.from({ length: 3 }, () => Math.round(4 * random() - 2));
        const bounder = new SplitBounder(net, back);
        const optimised = freshMultipliers(net, bounds);
        const lower = [bounder.lowerBound(bounds, lo, hi, phases, c, optimised, t.iterations, t.enough)];
        const arbitrary = freshMultipliers(net, bounds);
        arbitrary.alpha.forEach((a) => a.forEach((_, j) => (a[j] = random())));
        arbitrary.beta.forEach((b, k) => b.forEach((_, j) => (b[j] = -phases[offsets[k]! + j]! * 3 * random())));
        lower.push(bounder.lowerBound(bounds, lo, hi, phases, c, arbitrary, 0, Infinity));
        for (let s = 0; s < 200; s++) {
          const x = Float64Array.from(lo, (l, i) => (s % 3 === 0 ? (random() < 0.5 ? l : hi[i]!) : l + random() * (hi[i]! - l)));
          const { z, y } = forward(net, x);
          const inside = net.layers.every((_, k) => z[k]!.every((v, i) => phases[offsets[k]! + i]! * v >= 0));
          if (!inside) continue;
          checked++;
          const outside = net.layers.flatMap((_, k) => Array.from(z[k]!).flatMap((v, i) => (v >= bounds.lo[k]![i]! && v <= bounds.hi[k]![i]! ? [] : [`z${k},${i} = ${v}`])));
          expect(outside).toEqual([]);
          const value = c.reduce((a, w, j) => a + w * y[j]!, 0);
          expect(Math.min(value - lower[0]!, value - lower[1]!)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: runs(40, 400) },
    );
    expect(checked).toBeGreaterThan(500);
  });

  it('the split multipliers tighten the bound: optimised β beats β = 0 on some subdomains and never loses', () => {
    let better = 0;
    for (let seed = 0; seed < 30; seed++) {
      const net = generateNetwork({ preset: 'random', seed, hidden: [8, 8], activation: 'relu', inputs: 3, outputs: 2 }).network;
      const lo = new Float64Array(3).fill(-1);
      const hi = new Float64Array(3).fill(1);
      const root = intervalBounds(net, lo, hi);
      const back = new BackSubstitution(net);
      new DeepPoly(net, back).refine(root, lo, hi);
      const offsets = layerOffsets(net);
      const phases = new Int8Array(offsets[net.layers.length]!);
      // Split the first undecided ReLU of the first layer, active.
      const first = Array.from(root.lo[0]!).findIndex((l, i) => l < 0 && root.hi[0]![i]! > 0);
      if (first < 0) continue;
      phases[first] = 1;
      const bounds = boundsUnderPhases(net, root, phases);
      const bounder = new SplitBounder(net, back);
      const c = Float64Array.of(1, -1);
      const start = freshMultipliers(net, bounds);
      const plain = bounder.lowerBound(bounds, lo, hi, phases, c, freshMultipliers(net, bounds), 0, Infinity);
      const tuned = bounder.lowerBound(bounds, lo, hi, phases, c, start, 30, Infinity);
      expect(tuned).toBeGreaterThanOrEqual(plain);
      if (tuned > plain + 1e-9) better++;
    }
    expect(better).toBeGreaterThan(5);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlopeOptimiser } from './alphaCrown.ts';
import { BackSubstitution } from './backSubstitution.ts';
import { intervalBounds, type NetworkBounds } from './networkBounds.ts';
import { DeepPoly } from './deeppoly.ts';
import { generateNetwork } from '../model/generate.ts';
import { activate, type Activation, type Network } from '../model/network.ts';
import { mulberry32 } from '../../random.ts';
import { relax, type Relaxation } from './relaxation.ts';
import { SymbolicPropagator } from './symbolic.ts';
import { runs } from '../../../testing/depth.ts';

/** Every layer's pre-activation values at x, in floating point. */
function trace(net: Network, x: ArrayLike<number>): Float64Array[] {
  const out: Float64Array[] = [];
  let h = Float64Array.from(x);
  for (const layer of net.layers) {
    const z = new Float64Array(layer.outSize);
    for (let i = 0; i < layer.outSize; i++) {
      let s = layer.bias[i]!;
      for (let j = 0; j < layer.inSize; j++) s += layer.weights[i * layer.inSize + j]! * h[j]!;
      z[i] = s;
    }
    out.push(z);
    h = z.map((v) => activate(layer.activation, v));
  }
  return out;
}

const arbitraryCase = fc.record({
  seed: fc.integer({ min: 0, max: 1e6 }),
  activation: fc.constantFrom<Exclude<Activation, 'identity'>>('relu', 'relu', 'tanh', 'sigmoid'),
  inputs: fc.integer({ min: 1, max: 4 }),
  hidden: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }),
  centre: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 4, maxLength: 4 }),
  radius: fc.array(fc.double({ min: 0, max: 1.5, noNaN: true }), { minLength: 4, maxLength: 4 }),
  /** Whether the output layer has the activation too (eran's mnist_relu_9_200 ends in a ReLU). */
  activeOutput: fc.boolean(),
});

/** A random network of the case, its output layer given the activation when the case says so. */
function caseNetwork(seed: number, hidden: number[], activation: Exclude<Activation, 'identity'>, inputs: number, activeOutput: boolean): Network {
  const net = generateNetwork({ preset: 'random', seed, hidden, activation, inputs, outputs: 3 }).network;
  if (!activeOutput) return net;
  const last = net.layers.length - 1;
  return { ...net, layers: net.layers.map((l, k) => (k === last ? { ...l, activation } : l)) };
}

/** Random networks and boxes; every sampled point's neurons must lie within every method's bounds. */
describe('bound propagation is sound', () => {
  it('interval, forward symbolic, DeepPoly-refined (with and without optimised slopes), back-substituted and α-CROWN bounds contain every sampled value', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ seed, activation, inputs, hidden, centre, radius, activeOutput }) => {
        const net = caseNetwork(seed, hidden, activation, inputs, activeOutput);
        const lo = Float64Array.from({ length: inputs }, (_, i) => centre[i]! - radius[i]!);
        const hi = Float64Array.from({ length: inputs }, (_, i) => centre[i]! + radius[i]!);
        const ibp = intervalBounds(net, lo, hi);
        const sym = new SymbolicPropagator(net).run(lo, hi);
        const back = new BackSubstitution(net);
        const refined: NetworkBounds = { lo: sym.lo.map((a) => a.slice()), hi: sym.hi.map((a) => a.slice()) };
        new DeepPoly(net, back).refine(refined, lo, hi);
        // α-CROWN's intermediate bounds: each neuron's bound with its own improved slopes below it.
        const slopeRefined: NetworkBounds = { lo: sym.lo.map((a) => a.slice()), hi: sym.hi.map((a) => a.slice()) };
        new DeepPoly(net, back).refine(slopeRefined, lo, hi, undefined, 2);
        const rng = mulberry32(seed);
        const c = Float64Array.from({ length: 3 }, () => 2 * rng() - 1);
        const crown = back.lowerBound(refined, lo, hi, c);
        // α-CROWN: optimised slopes, and arbitrary ones in [0, 1], are sound too; optimising starts from CROWN's.
        const optimised = new SlopeOptimiser(net, back).lowerBound(refined, lo, hi, c, 3);
        expect(optimised).toBeGreaterThanOrEqual(crown);
        const alpha = refined.lo.map((l) => Float64Array.from(l, () => rng()));
        const arbitrary = back.lowerBound(refined, lo, hi, c, undefined, { alpha, weight: refined.lo.map((l) => new Float64Array(l.length)) });
        for (let s = 0; s < 60; s++) {
          // Corners and faces are where bounds are tightest, so sample them too.
          const x = Float64Array.from({ length: inputs }, (_, i) => (s < 8 ? ((s >> i) & 1 ? hi[i]! : lo[i]!) : lo[i]! + rng() * (hi[i]! - lo[i]!)));
          const zs = trace(net, x);
          for (const bounds of [ibp, sym, refined, slopeRefined]) {
            zs.forEach((z, k) => {
              for (let i = 0; i < z.length; i++) {
                expect(z[i]).toBeGreaterThanOrEqual(bounds.lo[k]![i]!);
                expect(z[i]).toBeLessThanOrEqual(bounds.hi[k]![i]!);
              }
            });
          }
          const y = zs[zs.length - 1]!.map((v) => activate(net.layers[net.layers.length - 1]!.activation, v));
          const cy = c[0]! * y[0]! + c[1]! * y[1]! + c[2]! * y[2]!;
          expect(cy).toBeGreaterThanOrEqual(crown);
          expect(cy).toBeGreaterThanOrEqual(optimised);
          expect(cy).toBeGreaterThanOrEqual(arbitrary);
        }
      }),
      { numRuns: runs(15, 300) },
    );
  });

  it('refinement only tightens, and tighter methods are at least as tight on the outputs', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ seed, activation, inputs, hidden, centre, radius, activeOutput }) => {
        const net = caseNetwork(seed, hidden, activation, inputs, activeOutput);
        const lo = Float64Array.from({ length: inputs }, (_, i) => centre[i]! - radius[i]!);
        const hi = Float64Array.from({ length: inputs }, (_, i) => centre[i]! + radius[i]!);
        const sym = new SymbolicPropagator(net).run(lo, hi);
        const refined: NetworkBounds = { lo: sym.lo.map((a) => a.slice()), hi: sym.hi.map((a) => a.slice()) };
        new DeepPoly(net).refine(refined, lo, hi);
        const slopeRefined: NetworkBounds = { lo: sym.lo.map((a) => a.slice()), hi: sym.hi.map((a) => a.slice()) };
        new DeepPoly(net).refine(slopeRefined, lo, hi, undefined, 2);
        for (const bounds of [refined, slopeRefined]) {
          bounds.lo.forEach((l, k) => l.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(sym.lo[k]![i]!)));
          bounds.hi.forEach((h, k) => h.forEach((v, i) => expect(v).toBeLessThanOrEqual(sym.hi[k]![i]!)));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('each activation relaxation encloses the activation on its interval', () => {
    const r: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };
    fc.assert(
      fc.property(fc.constantFrom<Activation>('relu', 'sigmoid', 'tanh', 'identity'), fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (kind, l, width, t) => {
        const u = l + width;
        relax(kind, l, u, r);
        const z = l + t * (u - l);
        const v = activate(kind, z);
        for (const at of [l, u, z]) {
          const w = activate(kind, at);
          expect(r.al * at + r.bl).toBeLessThanOrEqual(w);
          expect(r.au * at + r.bu).toBeGreaterThanOrEqual(w);
        }
        expect(v).toBeGreaterThanOrEqual(r.al * z + r.bl);
      }),
      { numRuns: 2000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdaptiveDescent } from './adaptiveDescent.ts';
import type { SearchEnv } from './env.ts';
import { attackAll, attackFrom, attackTargeted, Falsifier } from './falsification.ts';
import { BackSubstitution } from '../bounds/backSubstitution.ts';
import { intervalBounds } from '../bounds/networkBounds.ts';
import type { SolverRequest } from '../config.ts';
import { engine } from '../engine.ts';
import { parseOnnx } from '../formats/onnx/lower.ts';
import { evaluateModel, type Network } from '../model/network.ts';
import { openSession } from '../session.ts';
import { networkToOnnx } from '../testkit/onnxWriter.ts';
import { createRunContext } from '../../runContext.ts';
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

/**
 * A network whose unsafe region is a sliver at one vertex of a 40-dimensional box: y₀ = ReLU(Σxᵢ −
 * 39.5) ≥ 0.4 needs Σxᵢ ≥ 39.9 on [0, 1]⁴⁰. Everywhere else the ReLU is off, the gradient is zero and
 * no random point comes near (a fraction below 10⁻⁵⁰ of the box), so descents from the centre or
 * from random starts stay put; the lower bound's minimising corner (the sign of its input
 * coefficients) is that vertex.
 */
const n = 40;
const cornerNet: Network = {
  inputSize: n,
  outputSize: 2,
  layers: [
    { inSize: n, outSize: 1, weights: new Float64Array(n).fill(1), bias: Float64Array.of(0.5 - n), activation: 'relu' },
    { inSize: 1, outSize: 2, weights: Float64Array.of(1, 0), bias: Float64Array.of(0, 0), activation: 'identity' },
  ],
};
const cornerBytes = networkToOnnx(cornerNet);
const declarations = [...Array.from({ length: n }, (_, i) => `(declare-const X_${i} Real)`), '(declare-const Y_0 Real)', '(declare-const Y_1 Real)'];
const cornerProperty = [...declarations, ...Array.from({ length: n }, (_, i) => `(assert (>= X_${i} 0))(assert (<= X_${i} 1))`), '(assert (>= Y_0 0.4))'].join('\n');

function cornerRequest(): SolverRequest {
  return { network: { kind: 'file', name: 'corner.onnx', format: 'onnx', sha256: '0'.repeat(64), size: cornerBytes.length }, networkData: { bytes: cornerBytes }, property: cornerProperty, units: 'network', strategy: 'auto', timeoutSeconds: 1e6, attack: true, splitThreshold: 5, tightening: 'symbolic' };
}

describe('an instance whose only violations are at a corner of the box', () => {
  it('is missed by descents from the centre and random points, and found from the bound-minimising corner', () => {
    const { env, problem } = openSession(cornerRequest(), 3, createRunContext({ maxSteps: 1e6, maxMillis: 1e9 }));
    const net = problem.network;
    const c = problem.cases[0]!;
    const falsifier = new Falsifier(net);
    const descent = new AdaptiveDescent(falsifier, n);
    expect(attackTargeted(env, descent, c, 0, 0, 8, 100, true)).toBeUndefined();
    expect(attackAll(env, falsifier, problem.cases, 0, 4)).toBeUndefined();
    const coeffs = new Float64Array(n);
    new BackSubstitution(net).lowerBound(intervalBounds(net, c.lo, c.hi), c.lo, c.hi, c.constraints[0]!.coeffs, coeffs);
    const corner = Float64Array.from(coeffs, (a, i) => (a >= 0 ? c.lo[i]! : c.hi[i]!));
    const found = attackFrom(env, descent, c, 0, 0, corner, 10);
    expect(found).toBeDefined();
    expect(evaluateModel(parseOnnx(cornerBytes), found!.input, 'network')[0]).toBeGreaterThanOrEqual(0.4);
  });

  it('is answered violated by branch and bound, the counterexample evaluated here', async () => {
    const { summary } = await engine.run(cornerRequest(), 1, createRunContext({ maxSteps: 1e5, maxMillis: 1e9 }));
    expect(summary.strategy).toBe('bab');
    expect(summary.verdict).toBe('violated');
    const x = summary.counterexample!.input;
    expect(x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(evaluateModel(parseOnnx(cornerBytes), x, 'network')[0]).toBeGreaterThanOrEqual(0.4);
  });
});

describe('the attack is deterministic', () => {
  it('gives the same points, bit for bit, for the same seed (and the search the same trace)', async () => {
    const spec = { preset: 'random' as const, seed: 11, hidden: [12, 12], activation: 'relu' as const, inputs: 20, outputs: 3 };
    const lines = [...Array.from({ length: 20 }, (_, i) => `(declare-const X_${i} Real)(assert (>= X_${i} -1))(assert (<= X_${i} 1))`), '(declare-const Y_0 Real)(declare-const Y_1 Real)(declare-const Y_2 Real)'];
    const property = [...lines, '(assert (or (and (>= Y_1 Y_0)) (and (>= Y_2 Y_0))))'].join('\n');
    const request: SolverRequest = { network: { kind: 'generated', spec }, property, units: 'network', strategy: 'bab', timeoutSeconds: 1e6, attack: true, splitThreshold: 5, tightening: 'symbolic' };
    const points = (seed: number) => {
      const { env, problem } = openSession(request, seed, createRunContext({ maxSteps: 1e6, maxMillis: 1e9 }));
      const descent = new AdaptiveDescent(new Falsifier(problem.network), 20);
      const seen: number[] = [];
      const recording: SearchEnv = { ...env, check: (ci, x) => (seen.push(ci, ...x), undefined) };
      problem.cases.forEach((c, ci) => attackTargeted(recording, descent, c, ci, 0, 3, 50, false));
      return JSON.stringify({ seen, events: recording.events.finish() });
    };
    expect(points(5)).toBe(points(5));
    expect(points(6)).not.toBe(points(5));
    const run = async () => (await engine.run(request, 9, createRunContext({ maxSteps: 3_000, maxMillis: 1e9 }))).summary;
    const [a, b] = [await run(), await run()];
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../runContext.ts';
import type { Strategy } from './config.ts';
import { engine } from './engine.ts';
import { generateNetwork } from './model/generate.ts';
import { evaluate } from './model/network.ts';
import { buildProblem } from './model/problem.ts';
import { exhaustiveSat } from './testkit/exact.ts';
import { parseVnnlib } from './formats/vnnlib.ts';
import { runs } from '../../testing/depth.ts';

/** Random instances: a few in `npm test`, the long cross-check in `npm run test:deep`. */
const RUNS = runs(25, 250);

/**
 * Every procedure (input splitting, Reluplex, ReLU branch and bound) against an independent, exact, exhaustive method (testkit/exact.ts: every
 * activation pattern, Fourier–Motzkin in rational arithmetic) on small random ReLU networks and
 * random properties. Constants are multiples of 2⁻⁶ and 2⁻¹⁰, so the decimals in the property are
 * the doubles the solvers read.
 */
const dyadic = (k: number, bits: number) => (k / 2 ** bits).toString();

const arbitraryInstance = fc.record({
  seed: fc.integer({ min: 0, max: 1e6 }),
  hidden: fc.array(fc.integer({ min: 2, max: 7 }), { minLength: 1, maxLength: 2 }),
  outputs: fc.integer({ min: 2, max: 3 }),
  lo: fc.array(fc.integer({ min: -64, max: 32 }), { minLength: 2, maxLength: 2 }),
  width: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 2, maxLength: 2 }),
  shape: fc.constantFrom('single', 'conjunction', 'disjunction'),
  coeffs: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 6, maxLength: 6 }),
  quantile: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
});

function instance(t: { seed: number; hidden: number[]; outputs: number; lo: number[]; width: number[]; shape: string; coeffs: number[]; quantile: number }) {
  const model = generateNetwork({ preset: 'random', seed: t.seed, hidden: t.hidden, activation: 'relu', inputs: 2, outputs: t.outputs });
  const lo = t.lo.map((v) => v / 64);
  const hi = t.lo.map((v, i) => (v + t.width[i]!) / 64);
  const row = (k: number) => Array.from({ length: t.outputs }, (_, j) => t.coeffs[(k * 3 + j) % 6]!).map((v, j) => (v === 0 && j === k % t.outputs ? 1 : v));
  // Right-hand sides at a quantile of the sampled values, so both answers occur.
  const samples = Array.from({ length: 64 }, (_, s) => evaluate(model.network, [lo[0]! + ((s % 8) / 7) * (hi[0]! - lo[0]!), lo[1]! + (Math.floor(s / 8) / 7) * (hi[1]! - lo[1]!)]));
  const rhs = (c: number[]) => {
    const values = samples.map((y) => c.reduce((a, v, j) => a + v * y[j]!, 0)).sort((a, b) => a - b);
    return dyadic(Math.round(values[Math.floor(t.quantile * 63)]! * 1024), 10);
  };
  const atom = (c: number[]) => `(<= ${c.some((v) => v !== 0) ? `(+ ${c.map((v, j) => `(* ${v} Y_${j})`).join(' ')})` : '0'} ${rhs(c)})`;
  const declarations = ['(declare-const X_0 Real)', '(declare-const X_1 Real)', ...Array.from({ length: t.outputs }, (_, j) => `(declare-const Y_${j} Real)`)].join('\n');
  const box = [0, 1].map((i) => `(assert (>= X_${i} ${dyadic(t.lo[i]!, 6)}))\n(assert (<= X_${i} ${dyadic(t.lo[i]! + t.width[i]!, 6)}))`).join('\n');
  const body = t.shape === 'single' ? `(assert ${atom(row(0))})` : t.shape === 'conjunction' ? `(assert ${atom(row(0))})\n(assert ${atom(row(1))})` : `(assert (or ${atom(row(0))} ${atom(row(1))}))`;
  return { model, text: `${declarations}\n${box}\n${body}\n`, spec: { preset: 'random' as const, seed: t.seed, hidden: t.hidden, activation: 'relu' as const, inputs: 2, outputs: t.outputs } };
}

/**
 * The procedures compared: Reluplex without the attack (the calculus alone must answer), with the
 * paper's tightening and with Marabou's symbolic one (which also bounds the property's rows).
 */
const VARIANTS: { strategy: Strategy; tightening: 'interval' | 'symbolic' }[] = [
  { strategy: 'reluplex', tightening: 'interval' },
  { strategy: 'reluplex', tightening: 'symbolic' },
  { strategy: 'symbolic', tightening: 'interval' },
  { strategy: 'interval', tightening: 'interval' },
  { strategy: 'bab', tightening: 'interval' },
];

async function solve({ strategy, tightening }: (typeof VARIANTS)[number], inst: ReturnType<typeof instance>) {
  const attack = strategy !== 'interval' && strategy !== 'reluplex';
  const result = await engine.run(
    { network: { kind: 'generated', spec: inst.spec }, property: inst.text, units: 'network', strategy, timeoutSeconds: 1e6, attack, splitThreshold: 5, tightening },
    1,
    // ReLU branch and bound spends one step per subdomain (these networks' trees have at most a few
    // hundred) and, once a linear leaf stays open, the rest of its budget on attack rounds, one step each.
    createRunContext({ maxSteps: strategy === 'bab' ? 4_000 : 3_000_000, maxMillis: 1e9 }),
  );
  return result.summary;
}

/**
 * One test per procedure (each at most a few seconds on a busy laptop), each on its own random
 * instances; the last test checks the totals over all of them.
 */
describe('every procedure agrees with an exhaustive exact method', () => {
  const tally = { decided: 0, babDecided: 0, violated: 0, variants: 0 };
  for (const variant of VARIANTS) {
    it(`${variant.strategy} (${variant.tightening} tightening) on small random ReLU networks and random properties`, async () => {
      await fc.assert(
        fc.asyncProperty(arbitraryInstance, async (t) => {
          const inst = instance(t);
          const problem = buildProblem(inst.model, parseVnnlib(inst.text), 'network');
          const truth = problem.cases.some((c) => exhaustiveSat(inst.model.network, c)) ? 'violated' : 'holds';
          const summary = await solve(variant, inst);
          // "unknown" is allowed only where an input sits exactly on the unsafe region's boundary.
          if (summary.verdict !== 'unknown') {
            expect(summary.verdict, `${variant.strategy} (${variant.tightening} tightening) on ${inst.text}`).toBe(truth);
            if (variant.strategy === 'bab') tally.babDecided++;
            else tally.decided++;
          }
          if (summary.verdict === 'violated') tally.violated++;
        }),
        { numRuns: RUNS },
      );
      tally.variants++;
    });
  }

  it('decides nearly everything, and both answers occur', () => {
    expect(tally.variants, 'every procedure ran (this test reads their totals)').toBe(VARIANTS.length);
    expect(tally.decided).toBeGreaterThanOrEqual(Math.floor(0.985 * (VARIANTS.length - 1) * RUNS));
    // ReLU branch and bound leaves a few more open: a linear leaf closes only as far as the ascent on β gets.
    expect(tally.babDecided).toBeGreaterThanOrEqual(Math.floor(0.85 * RUNS));
    expect(tally.violated).toBeGreaterThan(0.13 * 4 * RUNS);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runWasm, wasmInThread } from '../../backends/wasm.ts';
import { compile } from '../../compile.ts';
import { erf } from '../instantiate.ts';

/**
 * The WebAssembly exp, log, log10 and erf (codegen/wasm/math.ts) against the naive backend's
 * functions (V8's Math.exp, Math.log, Math.log10, all fdlibm; codegen/erf.ts's erf): the stated
 * tolerance is 0 ulps, bit for bit, on every double (NaN counts as NaN), two lanes at a time,
 * with lanes that fall in different pieces of a function in the same pair.
 */
const REFERENCE = { exp: Math.exp, log: Math.log, log10: Math.log10, erf } as const;
type Fn = keyof typeof REFERENCE;

async function wasmOf(fn: Fn, xs: number[]): Promise<Float64Array> {
  const source = `@acc function f(x)\n  y = ${fn}(x)\n  return y\nend`;
  const c = compile(source);
  const input = c.domain.ops.find((op) => op.kind === 'input')!.result;
  const run = await runWasm(c, { arrays: new Map([[input, Float64Array.from(xs)]]), scalars: new Map() }, { n: xs.length, width: 0, height: 0, scalars: new Map() }, wasmInThread);
  return run.outputs[0] as Float64Array;
}

async function expectBits(fn: Fn, xs: number[]): Promise<void> {
  const got = await wasmOf(fn, xs);
  xs.forEach((x, i) => {
    const want = REFERENCE[fn](x);
    if (!(Number.isNaN(want) && Number.isNaN(got[i]!))) expect([x, got[i]]).toEqual([x, want]);
  });
}

const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 1, -1, 2 ** -1074, -(2 ** -1074), 2 ** -1022, 2 ** -1030, Number.MAX_VALUE, -Number.MAX_VALUE, Number.EPSILON, 0.5, 2, 10, 1e-300, 1e300];

const pieces: Record<Fn, fc.Arbitrary<number>> = {
  // Around 0.5 ln2 and 1.5 ln2 (the reduction's thresholds), 2^-28, and the over- and underflow edges.
  exp: fc.oneof(fc.double({ min: -750, max: 750 }), fc.double({ min: -2, max: 2 }), fc.double({ min: -1e-8, max: 1e-8 }), fc.double({ min: -745.2, max: -707 }), fc.double({ min: 709, max: 710 }), fc.double()),
  // Every magnitude, subnormals, near 1 (the |f| < 2^-20 piece) and negative numbers.
  log: fc.oneof(fc.double({ min: 0, noDefaultInfinity: true }), fc.double({ min: 0.999, max: 1.001 }), fc.double({ min: 0, max: 2 ** -1022 }), fc.double()),
  log10: fc.oneof(fc.double({ min: 0, noDefaultInfinity: true }), fc.double({ min: 0.99, max: 1.01 }), fc.double({ min: 0, max: 2 ** -1022 }), fc.double()),
  // Each of fdlibm's five pieces and their borders (0.84375, 1.25, 1/0.35, 6).
  erf: fc.oneof(fc.double({ min: -7, max: 7 }), fc.double({ min: -1e-8, max: 1e-8 }), fc.constantFrom(0.84375, 1.25, 2.857142857142857, 6, -6, 3.725290298461914e-9), fc.double()),
};

describe('the WebAssembly math functions', () => {
  for (const fn of Object.keys(REFERENCE) as Fn[]) {
    it(`${fn}: the naive backend's bits on special values and random pairs of lanes`, async () => {
      await expectBits(fn, SPECIAL);
      await fc.assert(fc.asyncProperty(fc.array(pieces[fn], { minLength: 1, maxLength: 301 }), (xs) => expectBits(fn, xs)), { numRuns: 60 });
    });
  }
});

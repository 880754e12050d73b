import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createThreadPool } from '../../cli/kernels/threadPool.ts';
import type { BorderMode } from './api.ts';
import { checksum, maxUlps } from './backends/compare.ts';
import { REDUCTION_BLOCK } from './codegen/layout.ts';
import { runAll } from './test/backends.ts';

/**
 * The long cross-check (`npm run test:deep`): the fused and parallel backends (1, 2 and 3 workers)
 * agree bit for bit with the naive one on many random programs (element-wise maps, reductions in
 * the middle, comprehensions, `map`, scalar parameters), sizes on both sides of the reduction
 * block, every border mode on odd-sized images from 9x9 (some narrower than their reads reach) with non-linear stencil bodies, and
 * every example the lab ships. The WebAssembly backend (in this thread and on 1, 2 and 3 workers)
 * joins the random 1-D programs (it does not compile stencils). WebGPU (float32) is checked in
 * the browser, not here.
 */

const pool = createThreadPool(3);
afterAll(() => pool.dispose());

const UNARY = ['exp', 'sqrt', 'erf', 'abs', 'log', 'log10'] as const;

/** A random element-wise expression over `names` (arrays, scalars or elements; dot operators throughout). */
const expression = (names: string[], depth: number): fc.Arbitrary<string> =>
  fc.letrec((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      fc.constantFrom(...names),
      fc.constantFrom('0.5', '2', '1.25', '3', '0.1', '-0.75'),
      fc.tuple(tie('e'), fc.constantFrom('.+', '.-', '.*', './'), tie('e')).map(([a, o, b]) => `(${a} ${o} ${b})`),
      fc.tuple(fc.constantFrom(...UNARY), tie('e')).map(([f, a]) => (f === 'sqrt' || f === 'log' || f === 'log10' ? `${f}(abs(${a}) .+ 0.5)` : f === 'exp' ? `exp(${a} .* 0.1)` : `${f}(${a})`)),
      fc.tuple(fc.constantFrom('min', 'max'), tie('e'), tie('e')).map(([f, a, b]) => `${f}(${a}, ${b})`),
      fc.tuple(tie('e'), fc.constantFrom('.>', '.<', '.>=', '.==', '.!='), tie('e'), tie('e')).map(([a, c, b, d]) => `ifelse(${a} ${c} ${b}, ${d}, ${a})`),
      tie('e').map((a) => `(${a} .^ 2)`),
      tie('e').map((a) => `(- ${a})`),
    ),
  })).e as fc.Arbitrary<string>;

/** Maps, a reduction in the middle, a comprehension and a `map` over it, and a scalar parameter. */
const program = fc
  .record({
    a: expression(['x', 'y', 'k'], 3),
    b: expression(['x', 'y', 't1'], 3),
    red: fc.constantFrom('sum', 'minimum', 'maximum'),
    elem: expression(['x[i]', 't1[i]', 'i', 'k'], 2),
    lambda: expression(['v', 'k', '0.25'], 2),
    c: expression(['x', 't1', 't2', 's', 'm'], 3),
    last: fc.constantFrom('sum', 'minimum', 'maximum'),
  })
  .map(
    (p) => `@acc function f(x, y, k::Float64)
  t1 = x .+ ${p.a}
  t2 = y .* ${p.b}
  s = ${p.red}(t2)
  c = [${p.elem} for i in 1:length(x)]
  m = map(v -> v .+ ${p.lambda}, c)
  t3 = x .+ ${p.c}
  return t3, s, ${p.last}(m)
end`,
  );

/** Sizes around the places splits and reduction blocks meet. */
const size = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(REDUCTION_BLOCK - 1, REDUCTION_BLOCK, REDUCTION_BLOCK + 1, 2 * REDUCTION_BLOCK + 3), fc.integer({ min: 41, max: 3 * REDUCTION_BLOCK }));

const MODES: BorderMode[] = ['oob_skip', 'oob_wraparound', 'oob_src_zero', 'oob_dst_zero'];

const offset = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(-5, 5));
const read = fc.tuple(offset, offset).map(([dx, dy]) => `a[${dx},${dy}]`);

/** A stencil whose body is any element-wise expression of a few relative reads and a scalar. */
const stencilProgram = fc
  .tuple(fc.constantFrom(...MODES), fc.array(read, { minLength: 1, maxLength: 5 }))
  .chain(([mode, reads]) =>
    expression([...reads, 'k'], 3).map(
      (e) => `@acc function st(img, iterations, k::Float64)
  buf = Array(Float32, size(img)...)
  runStencil(buf, img, iterations, :${mode}) do b, a
    b[0,0] = ${e}
    return a, b
  end
  return img, buf
end`,
    ),
  );

/** Odd sides from the smallest image the lab takes (8 wide: 9 odd), some narrower than the reads' reach. */
const side = fc.integer({ min: 4, max: 16 }).map((k) => 2 * k + 1);

async function agree(source: string, options: Parameters<typeof runAll>[1], seed: number, wasm = false): Promise<void> {
  const run = await runAll(source, { ...options, pool, workerCounts: [1, 2, 3], wasm: wasm ? [1, 2, 3] : undefined }, seed);
  const { naive, fused } = run;
  expect(maxUlps(naive.outputs, fused.outputs)).toBe(0);
  for (const p of [...run.parallel, ...run.wasm]) expect(maxUlps(naive.outputs, p.outputs)).toBe(0);
  expect(checksum(fused.outputs)).toBe(checksum(naive.outputs));
}

describe('every CPU backend agrees with naive, bit for bit (deep)', () => {
  it('on random programs with maps, reductions, comprehensions and map, at sizes around the reduction block', async () => {
    await fc.assert(
      fc.asyncProperty(program, size, fc.double({ min: -2, max: 2, noNaN: true }), fc.nat(10_000), async (source, n, k, seed) => agree(source, { size: n, params: { k } }, seed, true)),
      { numRuns: 300 },
    );
  });

  it('on random stencils in every border mode, odd-sized images from 9x9, 0 to 4 iterations', async () => {
    await fc.assert(
      fc.asyncProperty(stencilProgram, side, side, fc.integer({ min: 0, max: 4 }), fc.double({ min: -1, max: 1, noNaN: true }), fc.constantFrom('noise', 'rings', 'checker'), async (source, width, height, iterations, k, builtin) =>
        agree(source, { image: { width, height, builtin }, params: { iterations, k } }, 1),
      ),
      { numRuns: 600 },
    );
  });

  it('on every example the lab ships', async () => {
    const dir = new URL('../../../public/examples/kernels/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const { config } = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as { config: { source: string; params?: Record<string, number> } };
      await agree(config.source, { size: 20_011, image: { width: 97, height: 61, builtin: 'rings' }, params: { ...config.params, iterations: 3 } }, 7);
    }
  });
});

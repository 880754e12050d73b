import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createThreadPool } from '../../../cli/kernels/threadPool.ts';
import type { BorderMode } from '../api.ts';
import { maxUlps } from '../backends/compare.ts';
import { builtinImage } from '../inputs/images.ts';
import { runAll } from '../test/backends.ts';

const pool = createThreadPool(2);
afterAll(() => pool.dispose());

const MODES: BorderMode[] = ['oob_skip', 'oob_wraparound', 'oob_src_zero', 'oob_dst_zero'];
type Tap = { dx: number; dy: number; c: number };

const program = (mode: BorderMode, taps: Tap[]) =>
  `@acc function st(img, iterations)
  buf = Array(Float32, size(img)...)
  runStencil(buf, img, iterations, :${mode}) do b, a
    b[0,0] = ${taps.map((t) => `a[${t.dx},${t.dy}] * ${t.c}`).join(' + ')}
    return a, b
  end
  return img, buf
end`;

/** The border modes straight from their definition (stencil/borders.ts), one element at a time. */
function reference(mode: BorderMode, taps: Tap[], image: Float32Array, W: number, H: number, iterations: number): [Float32Array, Float32Array] {
  const img = image.slice();
  const buf = new Float32Array(W * H);
  let [b, a] = [buf, img];
  for (let it = 0; it < iterations; it++) {
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        let v = 0;
        let allIn = true;
        taps.forEach((t, k) => {
          const sx = x + t.dx;
          const sy = y + t.dy;
          const inb = sx >= 0 && sx < W && sy >= 0 && sy < H;
          allIn &&= inb;
          const read = inb ? a[sy * W + sx]! : mode === 'oob_wraparound' ? a[(((sy % H) + H) % H) * W + (((sx % W) + W) % W)]! : 0;
          v = k === 0 ? read * t.c : v + read * t.c;
        });
        if (mode === 'oob_skip' && !allIn) continue;
        b[y * W + x] = mode === 'oob_dst_zero' && !allIn ? 0 : v;
      }
    [b, a] = [a, b];
  }
  return [img, buf];
}

const tap = fc.record({ dx: fc.integer({ min: -3, max: 3 }), dy: fc.integer({ min: -3, max: 3 }), c: fc.constantFrom(0.25, 0.5, 0.1, 2, 0.0133) });

describe('runStencil border modes', () => {
  it('every mode, on small odd-sized images: naive, fused and parallel equal the definition bit for bit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...MODES),
        fc.array(tap, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 4, max: 7 }).map((k) => 2 * k + 1),
        fc.integer({ min: 4, max: 6 }).map((k) => 2 * k + 1),
        fc.integer({ min: 0, max: 3 }),
        async (mode, taps, W, H, iterations) => {
          const source = program(mode, taps);
          const { naive, fused, parallel } = await runAll(source, { image: { width: W, height: H, builtin: 'noise' }, params: { iterations }, pool, workerCounts: [2, 3] });
          const expected = reference(mode, taps, builtinImage('noise', W, H), W, H, iterations);
          for (const run of [naive, fused, ...parallel]) expect(maxUlps(expected, run.outputs)).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it(':oob_skip leaves the border of the destination as it was; :oob_dst_zero zeroes it', async () => {
    for (const mode of ['oob_skip', 'oob_dst_zero'] as const) {
      const { naive } = await runAll(program(mode, [{ dx: -1, dy: 0, c: 0.5 }, { dx: 1, dy: 0, c: 0.5 }]), { image: { width: 9, height: 9, builtin: 'checker' }, params: { iterations: 1 } });
      const buf = naive.outputs[1] as Float32Array;
      expect(buf[0]).toBe(0);
      expect(buf[4 * 9 + 8]).toBe(0);
      expect(buf[4 * 9 + 4]).not.toBe(0);
    }
  });
});

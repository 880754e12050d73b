import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.ts';
import { dotError } from '../bounds/rounding.ts';
import { affine, transposedProduct } from './dense.ts';

/**
 * The blocked products against exact arithmetic: every entry is within the γₙ bound that the
 * back-substitution charges for a dot product of its length (its soundness rests on that), on
 * sizes that are and are not multiples of four, with zeros among the multipliers.
 */

/** A double with at most 60 fractional bits (53 significant), so x·2⁶⁰ is an exact integer. */
function value(random: () => number): number {
  const mantissa = Math.floor(random() * 2 ** 26) * 2 ** 27 + Math.floor(random() * 2 ** 27);
  return ((random() < 0.5 ? -1 : 1) * mantissa) / 2 ** 60;
}

const SCALE = 2n ** 60n;
const big = (x: number) => BigInt(x * 2 ** 60);

/** |computed − exact| against dotError(n, Σ|terms|), exact = Σ terms (+ bias), all scaled by 2¹²⁰. */
function expectWithinBound(computed: number, exact: bigint, n: number, absSum: number): void {
  const scaled = computed * 2 ** 120;
  expect(Number.isInteger(scaled)).toBe(true);
  const error = Number(BigInt(scaled) - exact) / 2 ** 120;
  expect(Math.abs(error)).toBeLessThanOrEqual(dotError(n, absSum));
}

describe('dense layer products', () => {
  it('compute W x + b and Wᵀ ν within the rounding bound of a dot product, for any sizes', () => {
    const random = mulberry32(7);
    for (const [inSize, outSize] of [[1, 1], [3, 5], [8, 4], [13, 11], [784, 9]] as const) {
      const w = Float64Array.from({ length: inSize * outSize }, () => value(random));
      const bias = Float64Array.from({ length: outSize }, () => value(random));
      const x = Float64Array.from({ length: inSize }, () => value(random));
      const nu = Float64Array.from({ length: outSize }, (_, j) => (j % 3 === 1 ? 0 : value(random)));
      const z = new Float64Array(outSize);
      affine(w, bias, inSize, outSize, x, z);
      for (let i = 0; i < outSize; i++) {
        let exact = big(bias[i]!) * SCALE;
        let abs = Math.abs(bias[i]!);
        for (let j = 0; j < inSize; j++) {
          exact += big(w[i * inSize + j]!) * big(x[j]!);
          abs += Math.abs(w[i * inSize + j]! * x[j]!);
        }
        expectWithinBound(z[i]!, exact, inSize + 1, abs);
      }
      const out = new Float64Array(inSize).fill(NaN);
      transposedProduct(w, inSize, outSize, nu, out, new Int32Array(outSize));
      for (let l = 0; l < inSize; l++) {
        let exact = 0n;
        let abs = 0;
        for (let j = 0; j < outSize; j++) {
          exact += big(nu[j]!) * big(w[j * inSize + l]!);
          abs += Math.abs(nu[j]! * w[j * inSize + l]!);
        }
        expectWithinBound(out[l]!, exact, outSize, abs);
      }
    }
  });

  it('give Wᵀ ν = 0 when every multiplier is zero (no row is read)', () => {
    const w = new Float64Array(12).fill(NaN);
    const out = new Float64Array(4).fill(1);
    transposedProduct(w, 4, 3, new Float64Array(3), out, new Int32Array(3));
    expect([...out]).toEqual([0, 0, 0, 0]);
  });
});

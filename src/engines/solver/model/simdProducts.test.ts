import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.ts';
import { affine, transposedProduct } from './dense.ts';
import { DenseProducts } from './simdProducts.ts';

/**
 * The SIMD products (Wᵀν and W x + b) against dense.ts's: bit for bit (Object.is, so −0 and +0 differ too) on sizes
 * odd and even, above and below the narrowest row the kernel takes, with zeros among the
 * multipliers (skipped rows), an all-zero ν, and the matrices of one set used in turn (each its
 * own offset in the shared memory). The back-substitution's soundness argument rests on
 * transposedProduct's rounding (dense.test.ts), so it carries over unchanged.
 */
describe('SIMD dense products', () => {
  it('equal the JavaScript products bit for bit', () => {
    const random = mulberry32(11);
    const shapes = [[784, 256], [256, 256], [17, 9], [16, 1], [33, 6], [5, 50], [3, 2], [64, 10], [18, 3], [19, 4]] as const;
    const matrices = shapes.map(([inSize, outSize]) => ({ inSize, outSize, w: Float64Array.from({ length: inSize * outSize }, () => random() - 0.5) }));
    const products = new DenseProducts(matrices);
    expect(products.simd).toBe(true);
    for (let round = 0; round < 3; round++) {
      matrices.forEach((m, k) => {
        const density = [0.6, 1, 0][round]!;
        const nu = Float64Array.from({ length: m.outSize }, () => (random() < density ? (random() - 0.5) * 10 ** (6 * random() - 3) : 0));
        const expected = new Float64Array(m.inSize);
        transposedProduct(m.w, m.inSize, m.outSize, nu, expected, new Int32Array(m.outSize));
        const got = new Float64Array(m.inSize).fill(NaN);
        products.transposed(k, nu, got);
        for (let l = 0; l < m.inSize; l++) expect(Object.is(got[l], expected[l])).toBe(true);
        const x = Float64Array.from({ length: m.inSize }, () => (random() < density ? random() - 0.5 : 0));
        const bias = Float64Array.from({ length: m.outSize }, () => random() - 0.5);
        const z = new Float64Array(m.outSize);
        affine(m.w, bias, m.inSize, m.outSize, x, z);
        const zGot = new Float64Array(m.outSize).fill(NaN);
        products.affine(k, bias, x, zGot);
        for (let i = 0; i < m.outSize; i++) expect(Object.is(zGot[i], z[i])).toBe(true);
      });
    }
  });
});

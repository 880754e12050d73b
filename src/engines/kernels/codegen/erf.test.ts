import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erfInline } from './erf.ts';
import { erf } from './instantiate.ts';

/** The inlined erf of the generated loops, as a function of one argument (our own text only). */
const inlined = new Function('arg', `'use strict';\n${erfInline('v1', 'arg').join('\n')}\nreturn v1;`) as (x: number) => number;

describe('erf inlined into a loop', () => {
  it('gives the function\'s bits on every branch and at the special values', () => {
    const special = [0, -0, 1e-300, -3.7e-9, 3.725290298461914e-9, 0.84375, -0.84375, 1.25, -1.25, 2.857142857142857, 6, -6, 27, Infinity, -Infinity, NaN];
    for (const x of special) expect(Object.is(inlined(x), erf(x))).toBe(true);
    fc.assert(fc.property(fc.double({ min: -7, max: 7, noNaN: true }), (x) => Object.is(inlined(x), erf(x))), { numRuns: 2000 });
  });

  it('is erf (a few reference values to 15 digits)', () => {
    for (const [x, e] of [[0.5, 0.520499877813047], [1, 0.842700792949715], [-2, -0.995322265018953], [3, 0.999977909503001]] as const) expect(erf(x)).toBeCloseTo(e, 14);
  });
});

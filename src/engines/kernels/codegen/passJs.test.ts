import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MathOp } from '../ir/domain.ts';
import { evalOp } from './expr.ts';
import { erf, instantiatePass } from './instantiate.ts';
import { passCode } from './passJs.ts';

const OPS: MathOp[] = ['+', '-', '*', '/', '^', 'neg', '<', '>', '<=', '>=', '==', '!=', 'log', 'log10', 'sqrt', 'exp', 'erf', 'abs', 'min', 'max', 'ifelse'];

describe("the naive backend's per-operation loops", () => {
  it('compute what evalOp defines, for every operation, with arrays and broadcast scalars', () => {
    const value = fc.oneof(fc.double({ noNaN: false }), fc.constantFrom(0, -0, 1, -1, 2, 0.5));
    fc.assert(
      fc.property(fc.constantFrom(...OPS), fc.array(fc.tuple(value, value, value), { minLength: 1, maxLength: 9 }), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), (op, rows, arrays) => {
        const columns = [0, 1, 2].map((k) => Float64Array.from(rows, (r) => r[k]!));
        const args = columns.map((col, k) => (arrays[k] ? col : col[0]!));
        const out = new Float64Array(rows.length);
        instantiatePass(passCode(op, arrays))(out, args[0]!, args[1]!, args[2]!);
        out.forEach((v, i) => {
          const [a, b, c] = columns.map((col, k) => (arrays[k] ? col[i]! : col[0]!)) as [number, number, number];
          expect(Object.is(v, evalOp(op, a, b, c, erf))).toBe(true);
        });
      }),
      { numRuns: 400 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from '../../contract.ts';
import { ACAS_PROPERTIES } from './acas.ts';
import { nextDown, nextUp } from './ulp.ts';
import { parseVnnlib } from './vnnlib.ts';

const head = '(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n';
const box = '(assert (>= X_0 -1))\n(assert (<= X_0 1))\n(assert (>= X_1 0))\n(assert (<= X_1 2))\n';

function failure(text: string): InputError {
  try {
    parseVnnlib(text);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected the property to be rejected');
}

describe('VNN-LIB', () => {
  it('reads a box and a conjunction of output constraints', () => {
    const spec = parseVnnlib(`${head}${box}(assert (<= Y_0 Y_1))\n(assert (>= Y_0 0.5))`);
    expect(spec.inputs).toBe(2);
    expect(spec.outputs).toBe(2);
    expect(spec.cases).toHaveLength(1);
    const c = spec.cases[0]!;
    expect(Array.from(c.lo)).toEqual([-1, 0]);
    expect(Array.from(c.hi)).toEqual([1, 2]);
    // Y_0 − Y_1 ≤ 0 and −Y_0 ≤ −0.5
    expect(c.constraints.map((k) => [Array.from(k.coeffs), k.rhsLo, k.rhsHi, k.strict])).toEqual([
      [[1, -1], 0, 0, false],
      [[-1, 0], -0.5, -0.5, false],
    ]);
  });

  it('brings or/and into disjunctive normal form, inputs and outputs alike', () => {
    const spec = parseVnnlib(`${head}(assert (or (and (>= X_0 0) (<= X_0 1)) (and (>= X_0 -1) (<= X_0 -0.5))))\n(assert (>= X_1 0))(assert (<= X_1 1))\n(assert (or (<= Y_0 Y_1) (and (<= Y_1 0) (< Y_0 3))))`);
    expect(spec.cases).toHaveLength(4);
    expect(spec.cases.map((c) => [c.lo[0], c.hi[0], c.constraints.length])).toEqual([
      [0, 1, 1],
      [0, 1, 2],
      [-1, -0.5, 1],
      [-1, -0.5, 2],
    ]);
    expect(spec.cases[1]!.constraints[1]!.strict).toBe(true);
  });

  it('keeps linear terms exact and encloses decimals that are not doubles', () => {
    const spec = parseVnnlib(`${head}(assert (>= X_0 0.1))(assert (<= X_0 (* 2 0.5)))(assert (>= X_1 (- 1)))(assert (<= X_1 (+ 1 2)))\n(assert (<= (+ Y_0 (* -2 Y_1) 1) (- Y_1 0.25)))`);
    const c = spec.cases[0]!;
    // 0.1 is not a double (the nearest one is a little above it): search from the double below it, certify from the one above.
    expect(c.lo[0]).toBe(nextDown(0.1));
    expect(c.loIn[0]).toBe(0.1);
    expect(c.hi[0]).toBe(1);
    expect([c.lo[1], c.hi[1]]).toEqual([-1, 3]);
    // Y_0 − 3 Y_1 + 1.25 ≤ 0
    expect(Array.from(c.constraints[0]!.coeffs)).toEqual([1, -3]);
    expect([c.constraints[0]!.rhsLo, c.constraints[0]!.rhsHi]).toEqual([-1.25, -1.25]);
  });

  it('drops contradictory cases and accepts an equality on an input', () => {
    const spec = parseVnnlib(`${head}(assert (or (and (>= X_0 1) (<= X_0 0)) (and (= X_0 0.5))))\n(assert (>= X_1 0))(assert (<= X_1 1))(assert (<= Y_0 0))`);
    expect(spec.cases).toHaveLength(1);
    expect([spec.cases[0]!.lo[0], spec.cases[0]!.hi[0]]).toEqual([0.5, 0.5]);
  });

  it('reads the ten built-in ACAS Xu properties', () => {
    const cases = ACAS_PROPERTIES.map((p) => parseVnnlib(p.text).cases.length);
    expect(cases).toEqual([1, 1, 1, 1, 4, 8, 2, 3, 4, 4]);
    const p1 = parseVnnlib(ACAS_PROPERTIES[0]!.text).cases[0]!;
    // The decimal 55947.691 lies strictly between two doubles; the box is enclosed from outside and inside.
    expect(p1.lo[0]).toBeLessThan(p1.loIn[0]!);
    expect(nextUp(p1.lo[0]!)).toBe(p1.loIn[0]);
    expect(Array.from(p1.loIn.slice(3))).toEqual([1145, 0]);
    expect(Array.from(p1.hi)).toEqual([60760, Math.PI, Math.PI, 1200, 60]);
  });

  it('rejects what it cannot read, naming the line and column', () => {
    let e = failure(`${head}${box}(assert (<= Y_0 Y_1)`);
    expect(e.message).toBe('this "(" is never closed');
    expect(e.at).toEqual({ line: 9, column: 1 });
    e = failure(`${head}${box}(assert (<= Y_2 Y_1))`);
    expect(e.message).toBe('Y_2 is used but never declared');
    expect(e.at).toEqual({ line: 9, column: 13 });
    e = failure(`${head}${box}(assert (<= (+ X_0 Y_0) 1))`);
    expect(e.message).toMatch(/inputs or outputs, not both/);
    e = failure(`${head}(assert (>= X_0 0))(assert (<= X_0 1))(assert (<= X_1 1))(assert (<= Y_0 1))`);
    expect(e.message).toBe('X_1 has no lower bound: every input needs a bound on each side');
    expect(e.at).toEqual({ line: 2, column: 16 });
    e = failure(`${head}${box}(assert (<= (* Y_0 Y_1) 1))`);
    expect(e.message).toMatch(/not linear/);
    e = failure(`${head}${box}(assert (<= (* 0.1 Y_0) 1))`);
    expect(e.message).toMatch(/exactly representable/);
    e = failure(`${head}${box}(check-sat)`);
    expect(e.message).toMatch(/"check-sat" is not supported/);
    e = failure(`${head}${box}(assert (=> Y_0 1))`);
    expect(e.message).toMatch(/"=>" is not supported/);
    e = failure(`(declare-const X_0 Int)`);
    expect(e.message).toMatch(/the sort must be Real/);
    e = failure(`(declare-const X_1 Real)(declare-const Y_0 Real)(assert (<= X_1 1))`);
    expect(e.message).toMatch(/X_1 is declared but X_0 … X_0 are not all declared/);
    e = failure(`${head}${box})`);
    expect(e.message).toBe('this ")" closes nothing');
    e = failure(`${head}${box}(assert (<= (+ X_0 X_1) 1))`);
    expect(e.message).toMatch(/bound a single input/);
  });
});

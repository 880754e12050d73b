import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.ts';
import { certifyConflict, exactDouble, nearbyFraction } from './farkas.ts';
import { FloatSimplex, type SlackRow } from './floatSimplex.ts';
import { DQ, Q } from './rational.ts';
import { Simplex } from './simplex.ts';

const int = (rnd: () => number, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

/** Three reals, three rows of small integer coefficients, random (sometimes strict) bounds on all six variables. */
function randomProblem(seed: number) {
  const rnd = mulberry32(seed);
  const s = new Simplex();
  const reals = [0, 1, 2].map(() => s.addVariable());
  const rows = new Map<number, SlackRow>();
  for (let r = 0; r < 3; r++) {
    const terms = reals.map((x) => [x, Q.of(BigInt(int(rnd, -3, 3)))] as [number, Q]).filter(([, a]) => !a.isZero());
    if (terms.length === 0) terms.push([reals[0]!, Q.ONE]);
    const slack = s.addRow(terms);
    rows.set(slack, { slack, terms });
  }
  const bounds: { x: number; upper: boolean; value: DQ; lit: number }[] = [];
  let lit = 0;
  for (let x = 0; x < s.values.length; x++) {
    const lo = int(rnd, -6, 4);
    if (rnd() < 0.7) bounds.push({ x, upper: false, value: new DQ(Q.of(BigInt(lo)), rnd() < 0.2 ? Q.ONE : Q.ZERO), lit: 2 * lit++ });
    if (rnd() < 0.7) bounds.push({ x, upper: true, value: new DQ(Q.of(BigInt(lo + int(rnd, 0, 6))), rnd() < 0.2 ? Q.ONE.neg() : Q.ZERO), lit: 2 * lit++ });
  }
  return { s, rows, bounds };
}

/** Asserts the bounds; false when two of them clash directly. */
function assertAll(s: Simplex, bounds: ReturnType<typeof randomProblem>['bounds']): boolean {
  return bounds.every((b) => (b.upper ? s.assertUpper(b.x, b.value, b.lit) : s.assertLower(b.x, b.value, b.lit)) === null);
}

describe('the float simplex and the exact Farkas check of its conflicts', () => {
  it('turns doubles into rationals: simple fractions when near one, else the exact dyadic value', () => {
    expect(nearbyFraction(1 / 3).toString()).toBe('1/3');
    expect(nearbyFraction(-0.1).toString()).toBe('-1/10');
    expect(exactDouble(0.1).toString()).toBe('3602879701896397/36028797018963968');
    expect(exactDouble(-6).toString()).toBe('-6');
    expect(nearbyFraction(Math.PI).cmp(exactDouble(Math.PI))).not.toBe(0);
  });

  it('never certifies bounds that can hold, and agrees with the exact simplex on 300 random problems', () => {
    let certified = 0;
    let feasible = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { s, rows, bounds } = randomProblem(seed);
      if (!assertAll(s, bounds)) continue;
      const float = new FloatSimplex(s.values.length, [...rows.values()]);
      const answer = float.check(s.lower, s.upper, 1000, () => {});
      const exact = s.check(() => {});
      expect(answer.kind, `seed ${seed}`).not.toBe('gave-up');
      if (answer.kind === 'feasible') {
        expect(exact, `seed ${seed}: float feasible, exact not`).toBeNull();
        feasible++;
        continue;
      }
      expect(exact, `seed ${seed}: float conflict, exact feasible`).not.toBeNull();
      const lits = certifyConflict(rows, answer.kind === 'conflict' ? float.multipliers(answer.basic, rows) : [], s.lower, s.upper);
      expect(lits, `seed ${seed}: conflict not certified`).not.toBeNull();
      // The explanation alone must be infeasible: a fresh exact simplex with only those bounds.
      const alone = randomProblem(seed);
      const used = alone.bounds.filter((b) => lits!.includes(b.lit));
      expect(assertAll(alone.s, used) ? alone.s.check(() => {}) : ['clash'], `seed ${seed}: explanation is satisfiable`).not.toBeNull();
      certified++;
    }
    expect(certified).toBeGreaterThan(20);
    expect(feasible).toBeGreaterThan(20);
  });

  it('refuses a combination that does not refute the bounds', () => {
    const { s, rows } = randomProblem(7);
    const slack = [...rows.keys()][0]!;
    s.assertLower(slack, new DQ(Q.of(-1000n)), 0);
    s.assertUpper(slack, new DQ(Q.of(1000n)), 2);
    expect(certifyConflict(rows, [[slack, 1]], s.lower, s.upper)).toBeNull();
  });
});

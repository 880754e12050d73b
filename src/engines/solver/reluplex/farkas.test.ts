import { describe, expect, it } from 'vitest';
import { encode, type Encoding } from './encoding.ts';
import { FarkasChecker } from './farkas.ts';
import { generateNetwork } from '../model/generate.ts';
import { RevisedTableau } from './revised.ts';
import type { SimplexTableau } from './simplexTableau.ts';
import { DenseTableau } from './tableau.ts';
import { tighten } from './tightening.ts';

/** The certificate check accepts real infeasibility and nothing else, whatever the tableau says. */
describe('Farkas certificates', () => {
  const net = generateNetwork({ preset: 'random', seed: 11, hidden: [3], activation: 'relu', inputs: 2, outputs: 1 }).network;
  const setup = (rhs: number) => {
    const c = { lo: Float64Array.from([-1, -1]), hi: Float64Array.from([1, 1]), constraints: [{ coeffs: Float64Array.from([1]), rhsLo: rhs, rhsHi: rhs, strict: false }] };
    const enc = encode(net, c);
    const lo = new Float64Array(enc.count).fill(-Infinity);
    const hi = new Float64Array(enc.count).fill(Infinity);
    for (const v of enc.inputs) {
      lo[v] = -1;
      hi[v] = 1;
    }
    for (const p of enc.pairs) {
      lo[p.f] = 0;
      lo[p.aux] = 0;
    }
    // Bounds of every variable from the network alone; then the property's bound on s.
    tighten(enc, lo, hi);
    hi[enc.specs[0]!] = rhs;
    return { enc, lo, hi };
  };

  const multipliers = (tableau: SimplexTableau, row: number) => {
    const weights = new Float64Array(tableau.m);
    weights[row] = 1;
    const y = new Float64Array(tableau.m);
    tableau.multipliers(weights, y);
    return y;
  };

  it.each([
    ['dense', (enc: Encoding) => new DenseTableau(enc)],
    ['revised', (enc: Encoding) => new RevisedTableau(enc)],
  ] as const)('checks the row of a basic variable that cannot reach its bound (%s tableau)', (_, make) => {
    // A linear network y = w·x + b on [−1, 1]²: "y ≤ r" with r below its minimum is infeasible, and
    // the spec variable's row (in terms of the inputs) shows it. Its bounds are left loose, as if
    // tightening had not seen it.
    const linear = generateNetwork({ preset: 'random', seed: 5, hidden: [], activation: 'relu', inputs: 2, outputs: 1 }).network;
    const w = linear.layers[0]!.weights;
    const min = linear.layers[0]!.bias[0]! - Math.abs(w[0]!) - Math.abs(w[1]!);
    const c = { lo: Float64Array.from([-1, -1]), hi: Float64Array.from([1, 1]), constraints: [{ coeffs: Float64Array.from([1]), rhsLo: min - 0.1, rhsHi: min - 0.1, strict: false }] };
    const enc = encode(linear, c);
    const lo = new Float64Array(enc.count).fill(-100);
    const hi = new Float64Array(enc.count).fill(100);
    for (const v of enc.inputs) {
      lo[v] = -1;
      hi[v] = 1;
    }
    hi[enc.specs[0]!] = min - 0.1;
    const tableau = make(enc);
    const cert = new FarkasChecker(enc).check(multipliers(tableau, tableau.rowOf[enc.specs[0]!]!), lo, hi);
    expect(cert.valid).toBe(true);
    expect(cert.margin).toBeGreaterThan(0.09);
    expect(cert.margin).toBeLessThan(0.11);
  });

  it('rejects a certificate for a feasible node, and one made from corrupted multipliers', () => {
    const { enc, lo, hi } = setup(1e6);
    const tableau = new RevisedTableau(enc);
    const checker = new FarkasChecker(enc);
    const y = multipliers(tableau, tableau.rowOf[enc.specs[0]!]!);
    expect(checker.check(y, lo, hi).valid).toBe(false);
    // Multipliers that drift (as floating point could) still give an equation every solution
    // satisfies, because the check recombines the ORIGINAL equations itself: never a false closure.
    for (let k = 0; k < 8; k++) {
      const drifted = y.map((v, i) => v + ((i * 7 + k) % 5) - 2);
      expect(checker.check(drifted, lo, hi).valid).toBe(false);
    }
  });
});

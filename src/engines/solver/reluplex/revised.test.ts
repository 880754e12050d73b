import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random.ts';
import { generateNetwork } from '../model/generate.ts';
import { encode, type Encoding } from './encoding.ts';
import { FarkasChecker } from './farkas.ts';
import { RevisedTableau } from './revised.ts';
import type { SimplexTableau } from './simplexTableau.ts';
import { DenseTableau } from './tableau.ts';
import { tighten } from './tightening.ts';

/**
 * The revised simplex against the dense tableau on random LPs (the equations of small random
 * networks with random properties): after the same random pivots (past several refactorisations)
 * and updates, both have the same basis, the same tableau entries and assignment, and their
 * Farkas multipliers give the same certificate verdicts. Rows are compared by basic variable: a
 * refactorisation may renumber them.
 */
function randomEncoding(seed: number): Encoding {
  const random = mulberry32(seed);
  const hidden = [2 + Math.floor(random() * 5), 2 + Math.floor(random() * 5)];
  const net = generateNetwork({ preset: 'random', seed, hidden, activation: 'relu', inputs: 2, outputs: 2 }).network;
  const c = { lo: Float64Array.from([-1, -1]), hi: Float64Array.from([1, 1]), constraints: [{ coeffs: Float64Array.from([1, -1]), rhsLo: 0, rhsHi: 0, strict: false }] };
  return encode(net, c);
}

/** T[row of x][v] in `t`, for basic x and non-basic v. */
const entry = (t: SimplexTableau, x: number, v: number) => t.column(v)[t.rowOf[x]!]!;

function expectSame(dense: SimplexTableau, revised: SimplexTableau) {
  for (let v = 0; v < dense.n; v++) {
    expect(revised.isBasic(v)).toBe(dense.isBasic(v));
    expect(revised.value[v]).toBeCloseTo(dense.value[v]!, 6);
  }
  for (let v = 0; v < dense.n; v++) {
    if (dense.isBasic(v)) continue;
    for (let r = 0; r < dense.m; r++) {
      const x = dense.basicOf[r]!;
      expect(entry(revised, x, v)).toBeCloseTo(entry(dense, x, v), 6);
    }
  }
}

describe('the revised simplex', () => {
  it.each([1, 2, 3, 4, 5, 6])('agrees with the dense tableau through random pivots and updates (seed %i)', (seed) => {
    const enc = randomEncoding(seed);
    const dense = new DenseTableau(enc);
    const revised = new RevisedTableau(enc);
    const random = mulberry32(1000 + seed);
    dense.recompute();
    for (let v = 0; v < enc.count; v++) if (!dense.isBasic(v)) dense.update(v, random() * 2 - 1);
    for (let v = 0; v < enc.count; v++) if (!revised.isBasic(v)) revised.update(v, dense.value[v]!);
    expectSame(dense, revised);
    // More pivots than REFACTOR_EVERY, so the comparison also spans refactorisations.
    for (let k = 0; k < 150; k++) {
      const r = Math.floor(random() * dense.m);
      const x = dense.basicOf[r]!;
      const column = (v: number) => Math.abs(entry(dense, x, v));
      const candidates = Array.from({ length: enc.count }, (_, v) => v).filter((v) => !dense.isBasic(v) && column(v) > 0.1);
      if (candidates.length === 0) continue;
      const entering = candidates[Math.floor(random() * candidates.length)]!;
      dense.pivot(r, entering);
      revised.pivot(revised.rowOf[x]!, entering);
      if ((k + 1) % revised.refactorEvery === 0) expect(revised.refactor()).toBe(true);
      const moved = Array.from({ length: enc.count }, (_, v) => v).filter((v) => !dense.isBasic(v))[k % 5];
      if (moved !== undefined) {
        const to = random() * 2 - 1;
        dense.update(moved, to);
        revised.update(moved, to);
      }
    }
    expectSame(dense, revised);
    // Recomputing from the original equations changes neither (up to rounding).
    const before = Float64Array.from(revised.value);
    revised.recompute();
    dense.recompute();
    for (let v = 0; v < enc.count; v++) expect(revised.value[v]).toBeCloseTo(before[v]!, 6);
    expectSame(dense, revised);
  });

  it.each([1, 2, 3, 4, 5, 6])('gives the multipliers the dense tableau gives, and the same certificate verdicts (seed %i)', (seed) => {
    const enc = randomEncoding(seed);
    const dense = new DenseTableau(enc);
    const revised = new RevisedTableau(enc);
    const random = mulberry32(2000 + seed);
    for (let k = 0; k < 40; k++) {
      const r = Math.floor(random() * dense.m);
      const x = dense.basicOf[r]!;
      const entering = Array.from({ length: enc.count }, (_, v) => v).find((v) => !dense.isBasic(v) && Math.abs(entry(dense, x, v)) > 0.5);
      if (entering === undefined) continue;
      dense.pivot(r, entering);
      revised.pivot(revised.rowOf[x]!, entering);
    }
    // Refactorised, the basis has a bump (basic variables that are no row's designated one): BTRAN goes through its blocks.
    expect(revised.refactor()).toBe(true);
    // Sound bounds from the network (inputs in [−1, 1]); then a random bound on each output difference.
    const lo = new Float64Array(enc.count).fill(-Infinity);
    const hi = new Float64Array(enc.count).fill(Infinity);
    for (const v of enc.inputs) [lo[v], hi[v]] = [-1, 1];
    for (const p of enc.pairs) [lo[p.f], lo[p.aux]] = [0, 0];
    tighten(enc, lo, hi);
    const checker = new FarkasChecker(enc);
    const yDense = new Float64Array(dense.m);
    const yRevised = new Float64Array(dense.m);
    for (let trial = 0; trial < 20; trial++) {
      const w = new Float64Array(dense.m);
      const wr = new Float64Array(dense.m);
      for (let r = 0; r < dense.m; r++) {
        const weight = random() < 0.2 ? (random() < 0.5 ? -1 : 1) : 0;
        w[r] = weight;
        wr[revised.rowOf[dense.basicOf[r]!]!] = weight;
      }
      dense.multipliers(w, yDense);
      revised.multipliers(wr, yRevised);
      for (let i = 0; i < dense.m; i++) expect(yRevised[i]).toBeCloseTo(yDense[i]!, 6);
      // Squeeze the spec variable so that some combinations show infeasibility.
      const s = enc.specs[0]!;
      const [l, h] = [lo[s]!, hi[s]!];
      hi[s] = l - 1 - random();
      const a = checker.check(yDense, lo, hi);
      const b = checker.check(yRevised, lo, hi);
      expect(b.valid).toBe(a.valid);
      [lo[s], hi[s]] = [l, h];
    }
    // In the slack basis, the spec variable's own row shows its squeezed bound infeasible, in both.
    hi[enc.specs[0]!] = lo[enc.specs[0]!]! - 1;
    for (const fresh of [new DenseTableau(enc), new RevisedTableau(enc)]) {
      const w = new Float64Array(fresh.m);
      w[fresh.rowOf[enc.specs[0]!]!] = 1;
      fresh.multipliers(w, yRevised);
      expect(checker.check(yRevised, lo, hi).valid).toBe(true);
    }
  });
});

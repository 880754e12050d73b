import type { Atom } from '../encode/atoms.ts';
import type { Encoding } from '../encode/tseitin.ts';
import { DQ, Q } from '../lra/rational.ts';
import { Simplex } from '../lra/simplex.ts';

export interface Milp {
  simplex: Simplex;
  /** Simplex column of each Boolean variable (a 0/1 integer). */
  binary: number[];
  rows: number;
  columns: number;
  /** Two of the bounds asserted outright contradict each other: infeasible before any search. */
  infeasible: boolean;
}

type Interval = { lo: Q | null; hi: Q | null };

/** Bounds on each real from the unit clauses that bound one variable (the problem's box). */
function boxOf(enc: Encoding, reals: readonly string[]): Map<string, Interval> {
  const box = new Map(reals.map((x) => [x, { lo: null, hi: null } as Interval]));
  const atomOf = new Map(enc.atoms.map((a) => [a.bvar, a]));
  for (const c of enc.clauses) {
    const a = c.length === 1 ? atomOf.get(c[0]! >> 1) : undefined;
    if (!a || a.coeffs.length !== 1) continue;
    const b = box.get(a.coeffs[0]![0])!;
    const v = a.bound.r;
    if ((c[0]! & 1) === 0) b.hi = b.hi && b.hi.cmp(v) <= 0 ? b.hi : v;
    else b.lo = b.lo && b.lo.cmp(v) >= 0 ? b.lo : v;
  }
  return box;
}

/** The range of Σ aᵢ·xᵢ over the box, by interval arithmetic; null ends when unbounded. */
function range(a: Atom, box: Map<string, Interval>): Interval {
  let lo: Q | null = Q.ZERO;
  let hi: Q | null = Q.ZERO;
  for (const [x, c] of a.coeffs) {
    const b = box.get(x)!;
    const [min, max] = c.sign() > 0 ? [b.lo, b.hi] : [b.hi, b.lo];
    lo = lo && min ? lo.add(c.mul(min)) : null;
    hi = hi && max ? hi.add(c.mul(max)) : null;
  }
  return { lo, hi };
}

/**
 * The eager encoding: the whole formula as one mixed-integer linear program. Each Boolean
 * variable is a 0/1 column; each clause is the row Σ literals ≥ 1; each atom P ≤ b with
 * indicator column t is two big-M rows (Williams, Model Building in Mathematical Programming):
 * P + M₁·t ≤ b + M₁ (t = 1 forces P ≤ b) and P + M₀·t ≥ b' (t = 0 forces P ≥ b', the negation),
 * with M taken from the box bounds. Unit bounds on one variable go straight to the simplex.
 * Returns a reason instead when some atom's polynomial is unbounded (no finite M exists).
 */
export function encodeBigM(enc: Encoding, reals: readonly string[]): Milp | string {
  const s = new Simplex();
  const box = boxOf(enc, reals);
  const column = new Map(reals.map((x) => [x, s.addVariable()]));
  const binary = Array.from({ length: enc.nVars }, () => s.addVariable());
  let rows = 0;
  let infeasible = false;
  const upper = (x: number, v: DQ) => (infeasible ||= s.assertUpper(x, v, -1) !== null);
  const lower = (x: number, v: DQ) => (infeasible ||= s.assertLower(x, v, -1) !== null);
  for (const b of binary) {
    s.assertLower(b, DQ.ZERO, -1);
    s.assertUpper(b, new DQ(Q.ONE), -1);
  }
  const units = new Set(enc.clauses.filter((c) => c.length === 1).map((c) => c[0]!));
  for (const a of enc.atoms) {
    const terms = a.coeffs.map(([x, c]) => [column.get(x)!, c] as [number, Q]);
    const t = binary[a.bvar]!;
    const negated = new DQ(a.bound.r, a.bound.k.add(Q.ONE));
    // An atom asserted by a unit clause needs no indicator rows: its bound holds outright (the
    // unit clause's row still fixes its 0/1 column, for the other clauses that mention it).
    if (units.has(2 * a.bvar) || units.has(2 * a.bvar + 1)) {
      const x = a.coeffs.length === 1 ? terms[0]![0] : (rows++, s.addRow(terms));
      if (units.has(2 * a.bvar)) upper(x, a.bound);
      if (units.has(2 * a.bvar + 1)) lower(x, negated);
      continue;
    }
    const r = range(a, box);
    if (!r.lo || !r.hi) return `eager needs finite bounds: "${a.text}" sits in a disjunction but its polynomial is unbounded (bound every real variable with unit assertions)`;
    const m1 = r.hi.sub(a.bound.r).add(Q.ONE);
    const m0 = a.bound.r.sub(r.lo).add(Q.ONE);
    upper(s.addRow([...terms, [t, m1]]), new DQ(a.bound.r.add(m1), a.bound.k));
    lower(s.addRow([...terms, [t, m0]]), negated);
    rows += 2;
  }
  for (const c of enc.clauses) {
    // A unit clause fixes its 0/1 column: a bound, not a row (the presolve every MILP solver does).
    if (c.length === 1) {
      const b = binary[c[0]! >> 1]!;
      if ((c[0]! & 1) === 0) lower(b, new DQ(Q.ONE));
      else upper(b, DQ.ZERO);
      continue;
    }
    const neg = c.filter((l) => (l & 1) === 1).length;
    const row = s.addRow(c.map((l) => [binary[l >> 1]!, (l & 1) === 0 ? Q.ONE : Q.ONE.neg()]));
    lower(row, new DQ(Q.of(BigInt(1 - neg))));
    rows++;
  }
  return { simplex: s, binary, rows, columns: reals.length + binary.length, infeasible };
}

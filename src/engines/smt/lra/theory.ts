import type { TheoryBound, TheoryStats } from '../api.ts';
import type { Atom } from '../encode/atoms.ts';
import type { Recorder } from '../sat/recorder.ts';
import { toDimacs } from '../sat/recorder.ts';
import type { Theory, TheoryAnswer } from '../sat/theory.ts';
import { certifyConflict } from './farkas.ts';
import { FloatSimplex, type SlackRow } from './floatSimplex.ts';
import { DQ, Q } from './rational.ts';
import { Simplex } from './simplex.ts';

interface AtomRef {
  atom: Atom;
  /** The simplex variable the atom bounds (a real variable or a row's slack). */
  x: number;
}

/**
 * Linear real arithmetic as a DPLL(T) theory: each atom `P ≤ b` is an upper bound on P (a real
 * variable, or the slack of P's row); its negation is the lower bound P ≥ b + δ. Bounds go to the
 * simplex as the trail grows; every check pivots to feasibility or returns the row's bounds as a
 * conflict clause. Theory propagation: an asserted bound on P decides every other atom on P
 * it implies (x ≤ 2 makes x ≤ 5 true and x > 3 false), each with a two-literal explanation.
 *
 * Each check runs first on a float simplex (lra/floatSimplex.ts), whose pivots cost microseconds
 * where exact ones on the exported networks' rationals cost milliseconds. Its answers are only
 * used once exact arithmetic agrees: a float conflict is reported when its Farkas combination
 * refutes the bounds in rationals (lra/farkas.ts); a float "feasible" lets the search go on (no
 * conflict claimed, which is always sound) except at the final check, where the exact simplex
 * must agree and provides the model. Whenever the float answer cannot be confirmed, the exact
 * simplex decides, and the float one restarts from the slack basis.
 */
export class LraTheory implements Theory {
  readonly simplex = new Simplex();
  readonly float: FloatSimplex;
  private readonly rows = new Map<number, SlackRow>();
  readonly stats: TheoryStats = { checks: 0, conflicts: 0, propagations: 0, pivots: 0, exactChecks: 0 };
  /** Simplex variable names: the reals, then one slack per polynomial with more than one term. */
  readonly names: string[];
  readonly slacks: { name: string; poly: string }[] = [];
  private readonly byBvar = new Map<number, AtomRef>();
  private readonly onVar = new Map<number, AtomRef[]>();
  private processed = 0;
  private readonly marks: { pos: number; undo: number }[] = [];
  value: (lit: number) => number = () => 0;

  constructor(
    reals: readonly string[],
    atoms: readonly Atom[],
    private readonly rec: Recorder,
    private readonly propagate: boolean,
    private readonly spend: (work: number) => void,
  ) {
    this.names = [...reals];
    const column = new Map(reals.map((x) => [x, this.simplex.addVariable()]));
    const slackOf = new Map<string, number>();
    for (const atom of atoms) {
      let x: number;
      if (atom.coeffs.length === 1) x = column.get(atom.coeffs[0]![0])!;
      else {
        let s = slackOf.get(atom.poly);
        if (s === undefined) {
          const terms = atom.coeffs.map(([name, a]) => [column.get(name)!, a] as [number, Q]);
          s = this.simplex.addRow(terms);
          this.rows.set(s, { slack: s, terms });
          slackOf.set(atom.poly, s);
          const name = `s${this.slacks.length + 1}`;
          this.names.push(name);
          this.slacks.push({ name, poly: atom.text.replace(/ [≤<] .*$/, '') });
        }
        x = s;
      }
      const ref = { atom, x };
      this.byBvar.set(atom.bvar, ref);
      const list = this.onVar.get(x) ?? [];
      list.push(ref);
      this.onVar.set(x, list);
    }
    this.float = new FloatSimplex(this.simplex.values.length, [...this.rows.values()]);
  }

  check(trail: Int32Array, trailSize: number, final: boolean): TheoryAnswer {
    const touched = new Set<number>();
    for (; this.processed < trailSize; this.processed++) {
      const lit = trail[this.processed]!;
      const ref = this.byBvar.get(lit >> 1);
      if (!ref) continue;
      this.marks.push({ pos: this.processed, undo: this.simplex.mark() });
      const conflict = this.assert(ref, lit);
      if (conflict) {
        this.processed++;
        return this.conflict(conflict);
      }
      touched.add(ref.x);
    }
    if (touched.size === 0 && !final) return {};
    this.stats.checks++;
    const before = this.stats.pivots;
    const conflict = this.feasibility(final);
    this.stats.pivots = this.simplex.pivots + this.float.pivots;
    this.rec.push({ kind: 'theory-check', ok: !conflict, pivots: this.stats.pivots - before });
    if (conflict) return this.conflict(conflict);
    return this.propagate ? { propagations: this.implied(touched) } : {};
  }

  /** The bounds' verdict: null when consistent (exactly, at a final check), else a conflict's bound literals, exact either way. */
  private feasibility(final: boolean): number[] | null {
    const { lower, upper } = this.simplex;
    const f = this.float;
    const answer = f.check(lower, upper, 20 * (f.rowCount + f.vars) + 100, this.spend);
    if (answer.kind === 'feasible' && !final) return null;
    if (answer.kind === 'conflict') {
      const lits = certifyConflict(this.rows, f.multipliers(answer.basic, this.rows), lower, upper);
      if (lits) return lits;
    }
    if (answer.kind !== 'feasible') f.reset();
    this.stats.exactChecks++;
    return this.simplex.check(this.spend);
  }

  backtrack(trailSize: number): void {
    while (this.marks.length > 0 && this.marks[this.marks.length - 1]!.pos >= trailSize) this.simplex.undoTo(this.marks.pop()!.undo);
    if (this.processed > trailSize) this.processed = trailSize;
  }

  private assert(ref: AtomRef, lit: number): number[] | null {
    const positive = (lit & 1) === 0;
    // ¬(P ≤ b) is P ≥ b + δ; ¬(P < b), i.e. ¬(P ≤ b - δ), is P ≥ b.
    const value = positive ? ref.atom.bound : new DQ(ref.atom.bound.r, ref.atom.bound.k.add(Q.ONE));
    if (this.rec.on) this.rec.push({ kind: 'theory-assert', lit: toDimacs(lit), bound: this.describe(ref.x, positive, value) });
    return positive ? this.simplex.assertUpper(ref.x, value, lit) : this.simplex.assertLower(ref.x, value, lit);
  }

  private conflict(lits: number[]): TheoryAnswer {
    this.stats.conflicts++;
    const bounds = this.rec.on ? [...new Set(lits)].map((l) => this.boundOf(l)) : [];
    const unique = [...new Set(lits)];
    return { conflict: unique.map((l) => l ^ 1), bounds };
  }

  /** Atoms on the touched variables that their current bounds decide, with explanations. */
  private implied(touched: Set<number>): number[][] {
    const out: number[][] = [];
    for (const x of touched) {
      const u = this.simplex.upper[x];
      const l = this.simplex.lower[x];
      for (const ref of this.onVar.get(x) ?? []) {
        const p = 2 * ref.atom.bvar;
        if (this.value(p) !== 0) continue;
        if (u && u.value.cmp(ref.atom.bound) <= 0) out.push([p, u.lit ^ 1]);
        else if (l && l.value.cmp(ref.atom.bound) > 0) out.push([p ^ 1, l.lit ^ 1]);
      }
    }
    this.stats.propagations += out.length;
    return out;
  }

  private boundOf(lit: number): TheoryBound {
    const ref = this.byBvar.get(lit >> 1)!;
    const positive = (lit & 1) === 0;
    return this.describe(ref.x, positive, positive ? ref.atom.bound : new DQ(ref.atom.bound.r, ref.atom.bound.k.add(Q.ONE)));
  }

  private describe(x: number, upper: boolean, value: DQ): TheoryBound {
    return { variable: this.names[x]!, kind: upper ? 'upper' : 'lower', value: value.toString() };
  }

  /** Exact values of the first `count` simplex variables (the reals). */
  model(count: number): Q[] {
    return this.simplex.concrete(count);
  }
}

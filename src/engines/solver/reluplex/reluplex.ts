import type { DeepPoly } from '../bounds/deeppoly.ts';
import type { NetworkBounds, Phases } from '../bounds/networkBounds.ts';
import type { SymbolicPropagator } from '../bounds/symbolic.ts';
import { activate } from '../model/network.ts';
import type { Case } from '../model/problem.ts';
import type { CheckedCounterexample } from '../search/certification.ts';
import type { SearchEnv, SearchStats } from '../search/env.ts';
import type { Falsifier } from '../search/falsification.ts';
import { Ev } from '../trace/events.ts';
import { encode, Role, type Encoding } from './encoding.ts';
import { FarkasChecker } from './farkas.ts';
import { boundsOfB, phasesOf, recordDetails, startBounds } from './layers.ts';
import { LongStepRatioTest, type Step } from './ratio.ts';
import { RevisedTableau } from './revised.ts';
import type { SimplexTableau } from './simplexTableau.ts';
import { tighten } from './tightening.ts';
import { balancedEarliest } from './split.ts';

/** Simplex tolerance: soundness never depends on it (certificates and re-evaluation do). */
const TOL = 1e-7;
/** How near f must be to φ(b) for a sigmoid/tanh pair to count as satisfied (then re-evaluated). */
const SIGMOID_TOL = 1e-3;
/** Pivot elements smaller than this, relative to their row's largest coefficient, are not used. */
const PIVOT_TOL = 1e-9;
/** Reduced costs below this are taken as zero. */
const REDUCED_TOL = 1e-9;
/**
 * Simplex steps between budget checks: a check reads the clock (a system call for CPU time), and
 * one per step cost 3-9% of the run; a step takes about a millisecond, so a stop is still prompt.
 */
const STOP_STRIDE = 32;

/** Sweeps of the equations' bound tightening at a node when it is the only tightening. */
const INTERVAL_PASSES = 2;

const tol = (x: number) => TOL * (1 + Math.abs(x));

/** How the calculus ends at one node of the search. */
export type Outcome =
  | { kind: 'infeasible'; margin: number }
  | { kind: 'uncertain'; margin: number }
  | { kind: 'split'; pair: number }
  | { kind: 'sat' }
  | { kind: 'stopped' };

/** What every case of one search shares: the environment and the bound propagators. */
export interface ReluplexShared {
  env: SearchEnv;
  splitThreshold: number;
  stats: SearchStats;
  /** The symbolic pass (and DeepPoly) that tightens every node, when `tightening` is `symbolic`. */
  symbolic: SymbolicPropagator | undefined;
  deepPoly: DeepPoly;
  falsifier: Falsifier;
  offsets: number[];
}

/**
 * One case of the property as a Reluplex configuration (Katz et al., CAV'17, §3): the tableau, the
 * bounds lo ≤ x ≤ hi of every variable, and which pairs are fixed by splits. Each method is one
 * rule of the calculus, or the loop that applies them at a search node (`solve`):
 *   Pivot₁, Pivot₂ → `pivot` (chosen by `fixBounds`, a phase-1 simplex);
 *   Update → `update`; Update_b, Update_f → `repair`; PivotForRelu → `pivotForRelu`;
 *   Failure → `failure` (checked by its Farkas certificate); Success → `success` (re-evaluated on
 *   the network); ReluSplit → `split.ts`; bound tightening (§5) → `tighten`.
 */
export class Reluplex {
  readonly enc: Encoding;
  readonly tableau: SimplexTableau;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Per pair: 0 undecided, 1 fixed active, −1 fixed inactive (by a split). */
  readonly fixed: Int8Array;
  private readonly farkas: FarkasChecker;
  private readonly n: number;
  private readonly repairs: Int32Array;
  private readonly phases: Phases;
  /** Per row: −1 below its lower bound, 1 above its upper bound, 0 within. */
  private readonly sign: Float64Array;
  private readonly reduced: Float64Array;
  private readonly row: Float64Array;
  private readonly y: Float64Array;
  private readonly longStep: LongStepRatioTest;
  private pivotsSinceRefactor = 0;
  private stepsSinceStopCheck = 0;

  constructor(
    private readonly s: ReluplexShared,
    readonly c: Case,
    caseBounds: NetworkBounds,
  ) {
    const net = s.env.problem.network;
    const enc = encode(net, c, caseBounds);
    this.enc = enc;
    this.tableau = new RevisedTableau(enc);
    this.farkas = new FarkasChecker(enc);
    const n = enc.count;
    this.n = n;
    const { lo, hi } = startBounds(enc, c, caseBounds);
    this.lo = lo;
    this.hi = hi;
    this.fixed = new Int8Array(enc.pairs.length);
    this.repairs = new Int32Array(enc.pairs.length);
    this.phases = new Int8Array(s.offsets[s.offsets.length - 1]!);
    this.sign = new Float64Array(this.tableau.m);
    this.reduced = new Float64Array(n);
    this.row = new Float64Array(n);
    this.y = new Float64Array(this.tableau.m);
    this.longStep = new LongStepRatioTest(this.tableau.m);
  }

  /** The Reluplex loop at one node: simplex steps and lazy pair repairs until an outcome. */
  solve(node: number): Outcome {
    const { env, splitThreshold } = this.s;
    const { enc, tableau, repairs } = this;
    repairs.fill(0);
    this.clamp();
    tableau.recompute();
    for (;;) {
      if (this.stopDue()) return { kind: 'stopped' };
      const simplex = this.fixBounds(node);
      if (simplex) return simplex;
      const broken = this.brokenPair();
      if (broken < 0) return { kind: 'sat' };
      const count = repairs[broken]! + 1;
      repairs[broken] = count;
      env.events.push(Ev.repair, node, enc.pairs[broken]!.neuron, count);
      // ReluSplit once a pair keeps breaking (or cannot be repaired).
      if (count > splitThreshold) return { kind: 'split', pair: this.splitChoice(broken) };
      if (!this.repair(node, broken)) return { kind: 'split', pair: broken };
    }
  }

  /**
   * Which pair ReluSplit splits once `broken` has broken too often: the paper splits that pair;
   * like Marabou, we split the most balanced ReLU of the earliest undecided layer instead (split.ts),
   * whose phases tighten every later layer; the broken pair when no ReLU is undecided.
   */
  private splitChoice(broken: number): number {
    const p = balancedEarliest(this.enc, this.lo, this.hi, this.fixed);
    return p < 0 ? broken : p;
  }

  /** Whether the budget is spent, checked every STOP_STRIDE simplex steps. */
  private stopDue(): boolean {
    if (++this.stepsSinceStopCheck < STOP_STRIDE) return false;
    this.stepsSinceStopCheck = 0;
    return this.s.env.stop() !== undefined;
  }

  /**
   * Moves every non-basic variable inside its bounds (the node's bounds are new), before the basic
   * ones are recomputed from them: one recomputation instead of an Update per moved variable.
   */
  private clamp(): void {
    const { tableau, lo, hi } = this;
    const { value } = tableau;
    for (let v = 0; v < this.n; v++) {
      if (tableau.isBasic(v)) continue;
      const x = value[v]!;
      const y = Math.min(hi[v]!, Math.max(lo[v]!, Number.isFinite(x) ? x : 0));
      value[v] = Number.isFinite(y) ? y : 0;
    }
  }

  /** A pair whose assignment breaks f = φ(b) (the smallest index), or −1 when every one holds. */
  private brokenPair(): number {
    const { enc, fixed } = this;
    const { value } = this.tableau;
    for (let p = 0; p < enc.pairs.length; p++) {
      if (fixed[p] !== 0) continue;
      const pair = enc.pairs[p]!;
      const want = activate(pair.kind, value[pair.b]!);
      if (Math.abs(value[pair.f]! - want) > (pair.kind === 'relu' ? tol(want) : SIGMOID_TOL)) return p;
    }
    return -1;
  }

  /** Update: moves a non-basic variable; the basic ones follow their rows. */
  private update(node: number, v: number, x: number): void {
    this.tableau.update(v, x);
    this.s.stats.updates++;
    this.s.env.spend(1);
    this.s.env.events.push(Ev.update, node, v, 0, x);
  }

  /** Pivot₁/Pivot₂ (and PivotForRelu's pivot): `entering` enters row r's basis, whose variable lands on `target`. */
  private pivot(node: number, r: number, entering: number, target: number, reason: number): void {
    const { tableau, s } = this;
    const leaving = tableau.basicOf[r]!;
    const a = tableau.column(entering)[r]!;
    const theta = (target - tableau.value[leaving]!) / a;
    tableau.update(entering, tableau.value[entering]! + theta);
    tableau.pivot(r, entering);
    tableau.value[leaving] = target;
    s.stats.pivots++;
    s.env.spend(1);
    s.env.events.push(reason, node, leaving, entering, a);
    if (++this.pivotsSinceRefactor >= tableau.refactorEvery) {
      this.pivotsSinceRefactor = 0;
      if (tableau.refactor()) s.env.events.push(Ev.refactor, node, tableau.m);
    }
  }

  /**
   * Pivot₁/Pivot₂/Update until every basic variable is within its bounds: a phase-1 simplex that
   * minimises the total bound violation (Dantzig's rule, Bland's rule while degenerate). Returns
   * an outcome when it cannot: Failure (checked by its Farkas certificate) or a stop.
   */
  private fixBounds(node: number): Outcome | undefined {
    let lastInfeasibility = Infinity;
    let stalled = 0;
    for (;;) {
      if (this.stopDue()) return { kind: 'stopped' };
      const infeasibility = this.violation();
      if (infeasibility === 0) return undefined;
      if (infeasibility < lastInfeasibility * (1 - 1e-12)) {
        lastInfeasibility = infeasibility;
        stalled = 0;
      } else stalled++;
      const bland = stalled > 20;
      this.reducedCosts();
      const entering = this.entering(bland);
      if (entering < 0) return this.failure(node);
      if (!this.ratioTest(node, entering, bland)) return { kind: 'uncertain', margin: -Infinity };
    }
  }

  /** Marks each row's bound violation in `sign`; returns the total violation. */
  private violation(): number {
    const { lo, hi, sign } = this;
    const { value, basicOf, m } = this.tableau;
    let infeasibility = 0;
    for (let r = 0; r < m; r++) {
      const x = basicOf[r]!;
      const below = lo[x]! - value[x]!;
      const above = value[x]! - hi[x]!;
      sign[r] = below > tol(lo[x]!) ? -1 : above > tol(hi[x]!) ? 1 : 0;
      if (sign[r] !== 0) infeasibility += sign[r]! < 0 ? below : above;
    }
    return infeasibility;
  }

  /** d_v = ∂(Σ sign·x_B)/∂x_v: the violation falls when v moves against d_v. */
  private reducedCosts(): void {
    this.tableau.combine(this.sign, this.reduced);
  }

  /** The non-basic variable whose move lowers the violation most (Bland: the first that lowers it), or −1. */
  private entering(bland: boolean): number {
    const { reduced, lo, hi, tableau } = this;
    const { value } = tableau;
    let entering = -1;
    let best = 0;
    for (let v = 0; v < this.n; v++) {
      if (tableau.isBasic(v)) continue;
      const d = reduced[v]!;
      if (!((d < -REDUCED_TOL && value[v]! < hi[v]!) || (d > REDUCED_TOL && value[v]! > lo[v]!))) continue;
      if (bland) return v;
      if (Math.abs(d) > best) {
        best = Math.abs(d);
        entering = v;
      }
    }
    return entering;
  }

  /**
   * Ratio test: how far can the entering variable move? The long step (ratio.ts) while the search
   * makes progress; the textbook one (the first basic variable to meet a bound, ties broken by
   * Bland's rule) while it is degenerate. Then an Update (no basic variable meets a bound) or a
   * pivot. False when the move is unbounded.
   */
  private ratioTest(node: number, entering: number, bland: boolean): boolean {
    const { lo, hi, sign } = this;
    const { value, basicOf, m } = this.tableau;
    const column = this.tableau.column(entering);
    const dir = this.reduced[entering]! < 0 ? 1 : -1;
    const cap = dir > 0 ? hi[entering]! - value[entering]! : value[entering]! - lo[entering]!;
    let colMax = 0;
    for (let r = 0; r < m; r++) colMax = Math.max(colMax, Math.abs(column[r]!));
    const tiny = PIVOT_TOL * colMax;
    const { theta, leaving, target } = bland
      ? this.firstBreakpoint(column, dir, cap, tiny)
      : this.longStep.choose(column, dir, basicOf, value, lo, hi, sign, -Math.abs(this.reduced[entering]!), cap, tiny);
    if (!Number.isFinite(theta)) return false;
    if (leaving < 0) this.update(node, entering, value[entering]! + dir * theta);
    else this.pivot(node, leaving, entering, target, Ev.pivot);
    return true;
  }

  /** The textbook ratio test: the first basic variable to meet a bound (the smallest variable among ties, Bland's rule). */
  private firstBreakpoint(column: Float64Array, dir: number, cap: number, tiny: number): Step {
    const { lo, hi, sign } = this;
    const { value, basicOf, m } = this.tableau;
    const step: Step = { theta: cap, leaving: -1, target: 0 };
    for (let r = 0; r < m; r++) {
      const a = column[r]! * dir;
      if (Math.abs(a) <= tiny) continue;
      const x = basicOf[r]!;
      let limit = Infinity;
      let bound = 0;
      if (a > 0 && sign[r]! <= 0) {
        bound = sign[r]! < 0 ? lo[x]! : hi[x]!;
        limit = (bound - value[x]!) / a;
      } else if (a < 0 && sign[r]! >= 0) {
        bound = sign[r]! > 0 ? hi[x]! : lo[x]!;
        limit = (bound - value[x]!) / a;
      }
      if (limit < 0) limit = 0;
      if (limit < step.theta || (limit === step.theta && step.leaving >= 0 && x < basicOf[step.leaving]!)) {
        step.theta = limit;
        step.leaving = r;
        step.target = bound;
      }
    }
    return step;
  }

  /** Failure: the violation cannot fall. The weighted rows are the certificate, checked before the node closes. */
  private failure(node: number): Outcome {
    const { sign } = this;
    const { basicOf, m } = this.tableau;
    this.tableau.multipliers(sign, this.y);
    const cert = this.farkas.check(this.y, this.lo, this.hi);
    let worst = 0;
    for (let r = 1; r < m; r++) if (sign[r] !== 0 && (sign[worst] === 0 || basicOf[r]! < basicOf[worst]!)) worst = r;
    this.s.env.events.push(Ev.failure, node, basicOf[worst]!, cert.valid ? 1 : 0, cert.margin);
    return cert.valid ? { kind: 'infeasible', margin: cert.margin } : { kind: 'uncertain', margin: cert.margin };
  }

  /** Update_f, Update_b, or PivotForRelu followed by an update. False when none applies. */
  private repair(node: number, p: number): boolean {
    const { lo, hi, tableau } = this;
    const pair = this.enc.pairs[p]!;
    const { value } = tableau;
    const fits = (v: number, x: number) => x >= lo[v]! - tol(lo[v]!) && x <= hi[v]! + tol(hi[v]!);
    const fTarget = activate(pair.kind, value[pair.b]!);
    const bTarget = pair.kind === 'relu' ? (value[pair.f]! > 0 ? value[pair.f]! : Math.min(value[pair.b]!, 0)) : undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!tableau.isBasic(pair.f) && fits(pair.f, fTarget)) {
        this.update(node, pair.f, fTarget);
        return true;
      }
      if (bTarget !== undefined && !tableau.isBasic(pair.b) && fits(pair.b, bTarget)) {
        this.update(node, pair.b, bTarget);
        return true;
      }
      if (attempt === 1 || !this.pivotForRelu(node, pair.b, pair.f)) return false;
    }
    return false;
  }

  /** PivotForRelu: brings f (or else b) out of the basis, so that the next attempt can update it. */
  private pivotForRelu(node: number, b: number, f: number): boolean {
    const { tableau, lo, hi } = this;
    const target = tableau.isBasic(f) ? f : b;
    const r = tableau.rowOf[target]!;
    if (r < 0) return false;
    const { row, sign } = this;
    sign.fill(0);
    sign[r] = 1;
    tableau.combine(sign, row);
    for (let v = 0; v < this.n; v++) {
      const a = row[v]!;
      if (Math.abs(a) > 1e-6 && !tableau.isBasic(v) && v !== b && v !== f && lo[v]! < hi[v]!) {
        this.pivot(node, r, v, tableau.value[target]!, Ev.pivotRelu);
        return true;
      }
    }
    return false;
  }

  /**
   * Success: an assignment that satisfies every bound and pair. It is a point of the relaxation,
   * so it counts only once the network itself, re-evaluated there, breaks the property; a vertex
   * often sits on the unsafe region's boundary, so it is nudged inside first if it misses.
   */
  success(node: number, caseIndex: number): CheckedCounterexample | undefined {
    const { env, falsifier } = this.s;
    const { c } = this;
    const x = Float64Array.from(this.enc.inputs, (v, i) => Math.min(c.hi[i]!, Math.max(c.lo[i]!, this.tableau.value[v]!)));
    let checked = env.check(caseIndex, x);
    if (!checked)
      falsifier.descend(c, x, 30, (y) => {
        checked = env.check(caseIndex, y);
        return checked !== undefined;
      });
    env.events.push(Ev.satisfied, node, checked ? 1 : 0, 0, falsifier.violation(x, c));
    return checked;
  }

  /**
   * Bound tightening (§5) of the node's bounds; false if they cross. Counts phases fixed by bounds.
   * With the symbolic pass, one sweep of the equations before it (it carries the split into the
   * bounds it starts from) and one after (into f, aux and the property's rows): a second sweep
   * each time moved few bounds (N(1,1) φ1: 507 nodes against 511, with half the sweeps).
   */
  tighten(node: number): boolean {
    const { enc, lo, hi, fixed } = this;
    const passes = this.s.symbolic ? 1 : INTERVAL_PASSES;
    let result = tighten(enc, lo, hi, passes);
    if (result.empty < 0 && this.s.symbolic) {
      const moved = this.tightenSymbolically();
      const again = tighten(enc, lo, hi, passes);
      result = { changed: result.changed + moved + again.changed, empty: again.empty };
      for (let v = 0; v < this.n && result.empty < 0; v++) if (lo[v]! > hi[v]!) result.empty = v;
    }
    let byBounds = 0;
    enc.pairs.forEach((p, i) => {
      if (fixed[i] === 0 && p.kind === 'relu' && (lo[p.b]! >= 0 || hi[p.b]! <= 0)) byBounds++;
    });
    this.s.env.events.push(Ev.tighten, node, result.changed, byBounds);
    return result.empty < 0;
  }

  /** The symbolic pass and DeepPoly over the node's input box, with its fixed phases; returns the bounds moved. */
  private tightenSymbolically(): number {
    const { enc, lo, hi, phases } = this;
    const { symbolic, deepPoly, offsets, env } = this.s;
    const bounds = boundsOfB(enc, lo, hi, env.problem.network.layers.length);
    phasesOf(enc, this.fixed, offsets, phases);
    const boxLo = Float64Array.from(enc.inputs, (v) => lo[v]!);
    const boxHi = Float64Array.from(enc.inputs, (v) => hi[v]!);
    const sym = symbolic!.run(boxLo, boxHi, bounds, phases);
    deepPoly.refine(sym, boxLo, boxHi);
    let moved = 0;
    for (let v = 0; v < this.n; v++) {
      if (enc.table.role[v] !== Role.b) continue;
      const k = enc.table.layer[v]!;
      const i = enc.table.index[v]!;
      if (sym.lo[k]![i]! > lo[v]!) {
        lo[v] = sym.lo[k]![i]!;
        moved++;
      }
      if (sym.hi[k]![i]! < hi[v]!) {
        hi[v] = sym.hi[k]![i]!;
        moved++;
      }
    }
    return moved + this.tightenSpecs(sym, boxLo, boxHi);
  }

  /**
   * Each of the case's constraints s_k = c_k·y ≤ rhs_k bounded as a whole by back-substitution
   * (DeepPoly; Marabou tightens the same way) instead of from each output's interval, which loses
   * how the outputs move together: a lower bound above rhs_k closes the node. Returns the bounds moved.
   */
  private tightenSpecs(sym: NetworkBounds, boxLo: Float64Array, boxHi: Float64Array): number {
    const { enc, lo } = this;
    let moved = 0;
    this.c.constraints.forEach((k, index) => {
      const s = enc.specs[index]!;
      const bound = this.s.deepPoly.back.lowerBound(sym, boxLo, boxHi, k.coeffs);
      if (bound > lo[s]!) {
        lo[s] = bound;
        moved++;
      }
    });
    return moved;
  }

  /** Records the node's bounds and phases for the views (the first nodes only; see DetailRecorder). */
  recordDetails(node: number): void {
    recordDetails(this.s.env, this.enc, node, this.lo, this.hi, this.fixed, this.s.offsets);
  }
}

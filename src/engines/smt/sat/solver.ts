import type { SatMode, SatStats, SmtOptions, Verdict } from '../api.ts';
import { analyze, Learnt } from './analyze.ts';
import { ClauseArena } from './arena.ts';
import { VarOrder } from './heap.ts';
import { Recorder, toDimacs } from './recorder.ts';
import { reduceDb, ReduceSchedule } from './reduce.ts';
import { propagate, pushWatch, QHEAD, TRAIL_SIZE } from './propagate.ts';
import { makeRestarts } from './restarts.ts';
import type { Theory } from './theory.ts';

export type SolverOptions = Pick<SmtOptions, 'restarts' | 'deletion' | 'minimise' | 'phaseSaving'> & { mode: SatMode };

/** What the search loop needs from the run: budget (steps) and whether to stop. */
export interface SearchHooks {
  /** Spends `n` steps (propagations and conflicts); may throw to stop. */
  tick(n: number): void;
  /** True when the run must end with `unknown`. */
  stop(): boolean;
  progress(stats: SatStats): void;
}

const UNDEF = 0;
const TRUE = 1;
const FALSE = -1;

/**
 * A CDCL SAT solver in the style of MiniSat (Eén & Sörensson, SAT'03) with Glucose's LBD
 * (Audemard & Simon, IJCAI'09): two watched literals, first-UIP learning with recursive
 * minimisation, EVSIDS, phase saving, Luby or glucose restarts and LBD-based clause deletion.
 * `mode: 'dpll'` keeps the same propagation but backtracks chronologically without learning.
 * (Over 400 lines on purpose: search, propagation, backtracking and the theory hand-off share the
 * solver's flat arrays, and the hot paths read them as fields of this one object; analysis,
 * reduction, restarts and the variable order live in their own files.)
 */
export class Solver {
  readonly arena = new ClauseArena();
  /** Per literal: the crefs watching it, as pairs (cref, blocker). */
  watches: Int32Array[];
  readonly wsize: Int32Array;
  readonly vals: Int8Array;
  readonly level: Int32Array;
  readonly reason: Int32Array;
  readonly trail: Int32Array;
  trailSize = 0;
  qhead = 0;
  readonly trailLim: number[] = [];
  /** The trail's head and size as propagate.ts reads and leaves them. */
  private readonly regs = new Int32Array(2);
  readonly order: VarOrder;
  readonly polarity: Uint8Array;
  /** DPLL: per decision level, whether its decision is already the flipped branch. */
  private readonly flipped: number[] = [];
  learnts: number[] = [];
  nextId = 0;
  unsat = false;
  readonly stats: SatStats = { decisions: 0, propagations: 0, conflicts: 0, learnt: 0, minimisedLiterals: 0, deleted: 0, restarts: 0, maxLevel: 0 };
  readonly seen: Uint8Array;
  /** For counting a clause's distinct levels (LBD) without allocating: levelSeen[d] === levelStamp. */
  readonly levelSeen: Int32Array;
  levelStamp = 0;
  /** Conflict analysis's result and scratch space, reused at every conflict. */
  readonly learnt: Learnt;
  private readonly reduceAt = new ReduceSchedule();
  private dpllNext = 0;

  constructor(
    readonly nVars: number,
    readonly options: SolverOptions,
    readonly rec: Recorder,
    readonly theory?: Theory,
  ) {
    this.watches = Array.from({ length: 2 * nVars }, () => new Int32Array(4));
    this.wsize = new Int32Array(2 * nVars);
    this.vals = new Int8Array(2 * nVars);
    this.level = new Int32Array(nVars);
    this.reason = new Int32Array(nVars).fill(-1);
    this.trail = new Int32Array(nVars);
    this.order = new VarOrder(nVars);
    this.polarity = new Uint8Array(nVars).fill(1);
    this.seen = new Uint8Array(nVars);
    this.levelSeen = new Int32Array(nVars + 1);
    this.learnt = new Learnt(nVars);
  }

  decisionLevel(): number {
    return this.trailLim.length;
  }
  value(l: number): number {
    return this.vals[l]!;
  }

  /** Adds an input clause before the search (its id is the next one). Duplicates go; tautologies are kept out of the watches. */
  addClause(lits: readonly number[]): void {
    const id = this.nextId++;
    if (this.unsat) return;
    const uniq = [...new Set(lits)];
    if (uniq.some((l) => uniq.includes(l ^ 1))) return;
    if (uniq.length === 0) {
      this.unsat = true;
      return;
    }
    const c = this.arena.alloc(uniq, false, 0, id);
    if (uniq.length === 1) {
      const v = this.value(uniq[0]!);
      if (v === FALSE) this.unsat = true;
      else if (v === UNDEF) this.enqueue(uniq[0]!, c);
      return;
    }
    this.watch(c);
  }

  /** Watches a clause's first two literals; a binary clause is watched as ~cref, its blocker the other literal. */
  watch(c: number): void {
    const w = this.arena.size(c) === 2 ? ~c : c;
    pushWatch(this.watches, this.wsize, this.arena.lit(c, 0), w, this.arena.lit(c, 1));
    pushWatch(this.watches, this.wsize, this.arena.lit(c, 1), w, this.arena.lit(c, 0));
  }

  enqueue(l: number, from: number): void {
    const v = l >> 1;
    this.vals[l] = TRUE;
    this.vals[l ^ 1] = FALSE;
    this.level[v] = this.trailLim.length;
    this.reason[v] = from;
    this.trail[this.trailSize++] = l;
    if (this.rec.on) {
      if (from < 0) this.rec.push({ kind: 'decide', lit: toDimacs(l), level: this.trailLim.length });
      else this.rec.push({ kind: 'propagate', lit: toDimacs(l), level: this.trailLim.length, reason: this.arena.id(from) });
    }
  }

  /** Boolean constraint propagation (propagate.ts); returns a conflicting cref or -1. */
  propagate(): number {
    const start = this.qhead;
    const before = this.trailSize;
    const regs = this.regs;
    regs[QHEAD] = start;
    regs[TRAIL_SIZE] = before;
    const conflict = propagate(this.arena.data, this.vals, this.trail, this.watches, this.wsize, this.level, this.reason, regs, this.trailLim.length);
    this.qhead = regs[QHEAD]!;
    this.trailSize = regs[TRAIL_SIZE]!;
    this.stats.propagations += this.qhead - start;
    if (this.rec.on) this.recordImplied(before);
    return conflict;
  }

  /** The trace's propagate events for the literals implied since trail position `from`, in the order they were assigned. */
  private recordImplied(from: number): void {
    for (let i = from; i < this.trailSize; i++) {
      const l = this.trail[i]!;
      this.rec.push({ kind: 'propagate', lit: toDimacs(l), level: this.level[l >> 1]!, reason: this.arena.id(this.reason[l >> 1]!) });
    }
  }

  cancelUntil(target: number): void {
    if (this.decisionLevel() <= target) return;
    const lim = this.trailLim[target]!;
    for (let i = this.trailSize - 1; i >= lim; i--) {
      const l = this.trail[i]!;
      const v = l >> 1;
      this.vals[l] = UNDEF;
      this.vals[l ^ 1] = UNDEF;
      this.reason[v] = -1;
      if (this.options.phaseSaving) this.polarity[v] = l & 1;
      this.order.insert(v);
      if (v < this.dpllNext) this.dpllNext = v;
    }
    this.trailSize = lim;
    this.qhead = lim;
    this.trailLim.length = target;
    this.flipped.length = target;
    this.theory?.backtrack(lim);
  }

  private pickBranch(): number {
    if (this.options.mode === 'dpll') {
      while (this.dpllNext < this.nVars && this.vals[2 * this.dpllNext] !== UNDEF) this.dpllNext++;
      return this.dpllNext < this.nVars ? 2 * this.dpllNext + 1 : -1;
    }
    while (!this.order.empty()) {
      const v = this.order.pop();
      if (this.vals[2 * v] === UNDEF) return 2 * v + (this.options.phaseSaving ? this.polarity[v]! : 1);
    }
    return -1;
  }

  /** Adds a clause learnt during search (or a theory lemma); watches its first two literals. */
  addLearnt(lits: ArrayLike<number>, lbd: number, size = lits.length): number {
    const c = this.arena.alloc(lits, true, lbd, this.nextId++, size);
    if (size > 1) {
      this.watch(c);
      this.learnts.push(c);
    }
    this.stats.learnt++;
    return c;
  }

  /** Runs the search until an answer or until `hooks.stop()`. */
  solve(hooks: SearchHooks): Verdict {
    if (this.unsat) return 'unsat';
    const restarts = makeRestarts(this.options.restarts);
    let ticked = 0;
    for (;;) {
      let conflict = this.propagate();
      if (conflict < 0 && this.theory) {
        const answer = this.theoryStep(this.trailSize === this.nVars);
        if (answer === 'unsat') return 'unsat';
        if (answer === 'again') continue;
        conflict = answer;
      }
      if (conflict >= 0) {
        this.stats.conflicts++;
        hooks.tick(this.stats.propagations - ticked + 1);
        ticked = this.stats.propagations;
        if (this.rec.on) this.rec.push({ kind: 'conflict', clause: this.arena.id(conflict), level: this.decisionLevel() });
        if (this.decisionLevel() === 0) return 'unsat';
        if (this.options.mode === 'dpll') {
          if (!this.backtrackChronologically()) return 'unsat';
          continue;
        }
        const trailAtConflict = this.trailSize;
        const lbd = this.learn(conflict);
        if ((this.stats.conflicts & 255) === 0) {
          if (hooks.stop()) return 'unknown';
          hooks.progress(this.stats);
        }
        if (restarts.conflict(lbd, trailAtConflict) && this.decisionLevel() > 0) {
          this.stats.restarts++;
          this.rec.push({ kind: 'restart', conflicts: this.stats.conflicts });
          this.cancelUntil(0);
        }
        if (this.options.deletion === 'lbd' && this.reduceAt.due(this)) {
          reduceDb(this);
          this.reduceAt.reduced(this.learnts.length);
        }
        continue;
      }
      const next = this.pickBranch();
      if (next < 0) return 'sat';
      if (this.stats.propagations - ticked > 4096) {
        hooks.tick(this.stats.propagations - ticked);
        ticked = this.stats.propagations;
        if (hooks.stop()) return 'unknown';
      }
      this.trailLim.push(this.trailSize);
      this.flipped.push(0);
      this.stats.decisions++;
      if (this.trailLim.length > this.stats.maxLevel) this.stats.maxLevel = this.trailLim.length;
      this.enqueue(next, -1);
    }
  }

  /** First-UIP learning and the backjump (analysis in analyze.ts). Returns the learnt clause's LBD. */
  private learn(conflict: number): number {
    const { lits, size, lbd, backjump } = analyze(this, conflict);
    const from = this.decisionLevel();
    this.cancelUntil(backjump);
    if (this.rec.on) this.rec.push({ kind: 'backjump', from, to: backjump });
    const c = this.addLearnt(lits, lbd, size);
    this.enqueue(lits[0]!, c);
    this.order.decayAll();
    return lbd;
  }

  /** DPLL: undo to the latest decision not yet flipped and take its other branch. */
  private backtrackChronologically(): boolean {
    let d = this.decisionLevel();
    while (d > 0 && this.flipped[d - 1]) d--;
    if (d === 0) return false;
    const decision = this.trail[this.trailLim[d - 1]!]!;
    const from = this.decisionLevel();
    this.cancelUntil(d - 1);
    this.trailLim.push(this.trailSize);
    this.flipped.push(1);
    this.stats.decisions++;
    if (this.rec.on) this.rec.push({ kind: 'backtrack', from, to: d, flipped: toDimacs(decision ^ 1) });
    this.enqueue(decision ^ 1, -1);
    return true;
  }

  /**
   * Lets the theory look at the trail; its clauses are added as lemmas. Returns a conflicting cref
   * to analyse, 'again' when it propagated (so Boolean propagation runs again), -1 when the theory
   * agrees, 'unsat' when a conflict sits at level 0.
   */
  private theoryStep(final: boolean): number | 'again' | 'unsat' {
    const answer = this.theory!.check(this.trail, this.trailSize, final);
    if (answer.conflict) {
      if (this.rec.on) this.rec.push({ kind: 'theory-conflict', clause: this.nextId, lits: answer.conflict.map(toDimacs), bounds: answer.bounds ?? [] });
      return this.addConflictLemma(answer.conflict);
    }
    if (answer.propagations && answer.propagations.length > 0) {
      for (const lits of answer.propagations) {
        if (this.value(lits[0]!) !== UNDEF) continue;
        if (this.rec.on) this.rec.push({ kind: 'theory-propagate', lit: toDimacs(lits[0]!), reason: this.nextId, lits: lits.map(toDimacs) });
        const c = this.addLemma(lits);
        this.enqueue(lits[0]!, c);
      }
      return 'again';
    }
    return -1;
  }

  /** A theory lemma, watched on its first literal and on its highest-level false literal. */
  private addLemma(lits: number[]): number {
    let best = 1;
    for (let i = 2; i < lits.length; i++) if (this.level[lits[i]! >> 1]! > this.level[lits[best]! >> 1]!) best = i;
    if (lits.length > 1) [lits[1], lits[best]] = [lits[best]!, lits[1]!];
    return this.addLearnt(lits, lits.length);
  }

  /** A conflict explanation: undo to its highest level first, so analysis works at that level. */
  private addConflictLemma(lits: number[]): number | 'unsat' {
    let top = 0;
    for (const l of lits) top = Math.max(top, this.level[l >> 1]!);
    if (lits.length === 0 || top === 0) return 'unsat';
    lits.sort((a, b) => this.level[b >> 1]! - this.level[a >> 1]!);
    this.cancelUntil(top);
    return this.addLearnt(lits, lits.length);
  }
}

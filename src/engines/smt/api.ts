/**
 * The SMT lab's public types: what the views send (SmtConfig), what they get back (SmtResult:
 * a summary and a trace to replay). The views helper reads this file; every change to it gets a
 * dated note in NOTES-smt.md.
 *
 * Literals in everything the views see are DIMACS-style signed integers: +v is "variable v is
 * true", -v is "variable v is false", v >= 1. Clauses are named by a stable id: the input's
 * clauses are 0..n-1 in the order of `SmtTrace.clauses`; learnt clauses and theory explanation
 * clauses get the next ids in the order they are created (ids are never reused).
 */
import type { EngineResult } from '../contract.ts';

export type InputKind = 'dimacs' | 'smtlib';
/** `cdcl`: conflict-driven clause learning (the real solver); `dpll`: plain DPLL with chronological backtracking, for teaching. */
export type SatMode = 'cdcl' | 'dpll';
/** For SMT-LIB input: `lazy` is DPLL(T) (SAT proposes, simplex checks); `eager` is one big mixed-integer problem solved by branch and bound. */
export type TheoryMode = 'lazy' | 'eager';
export type RestartPolicy = 'luby' | 'glucose' | 'none';
export type DeletionPolicy = 'lbd' | 'none';

export interface SmtOptions {
  /** Record every event for the views (off for speed: the summary is still complete). */
  record: boolean;
  /** At most this many events are recorded; the trace says when it was cut. */
  traceCap: number;
  restarts: RestartPolicy;
  deletion: DeletionPolicy;
  /** Recursive learnt-clause minimisation (MiniSat's). */
  minimise: boolean;
  phaseSaving: boolean;
  /** DPLL(T): the simplex asserts implied bounds on other atoms (theory propagation). */
  theoryPropagation: boolean;
  /** For SMT-LIB input: also solve the other way (lazy and eager) and report both in `summary.contrast`. */
  compare: boolean;
}

export interface SmtConfig {
  input: { kind: InputKind; text: string; name?: string };
  mode: SatMode;
  theory: TheoryMode;
  options: SmtOptions;
}

export const DEFAULT_OPTIONS: SmtOptions = {
  record: true,
  traceCap: 20_000,
  restarts: 'glucose',
  deletion: 'lbd',
  minimise: true,
  phaseSaving: true,
  theoryPropagation: true,
  compare: false,
};

export type Verdict = 'sat' | 'unsat' | 'unknown';

export interface SatStats {
  decisions: number;
  propagations: number;
  conflicts: number;
  learnt: number;
  /** Learnt literals removed by minimisation. */
  minimisedLiterals: number;
  deleted: number;
  restarts: number;
  maxLevel: number;
}

export interface TheoryStats {
  checks: number;
  conflicts: number;
  propagations: number;
  /** Float and exact simplex pivots together. */
  pivots: number;
  /** Checks the exact simplex decided: every final check, and any whose float answer exact arithmetic could not confirm. */
  exactChecks: number;
}

/** One approach's cost, for the eager-versus-lazy table. */
export interface ApproachStats {
  approach: TheoryMode;
  verdict: Verdict;
  /** Lazy: Boolean variables and clauses (input + learnt + explanations); eager: LP columns and rows, integer variables. */
  size: { variables: number; clauses?: number; rows?: number; integerVariables?: number };
  /** Lazy: SAT conflicts + theory checks; eager: branch-and-bound nodes. */
  counts: Record<string, number>;
  elapsedMs: number;
  /** Why an approach could not answer (the eager encoding needs a bound on every variable in a disjunction). */
  note?: string;
}

/** A value of a real variable: an exact rational "p/q" or "p", plus its decimal rendering. */
export interface RealValue {
  name: string;
  exact: string;
  decimal: string;
}

export interface SmtModel {
  /** DIMACS: the literal of every variable, in order. SMT-LIB: empty. */
  literals: number[];
  booleans: { name: string; value: boolean }[];
  reals: RealValue[];
  /** True once the model was checked against every clause / every assertion in exact arithmetic. */
  checked: boolean;
}

export interface SmtSummary {
  verdict: Verdict;
  /** Why `unknown` (budget spent, cancelled...), or a sentence about the answer. */
  explanation: string;
  input: {
    kind: InputKind;
    booleanVariables: number;
    clauses: number;
    /** SMT-LIB: arithmetic atoms and real variables; the script asked for a model. */
    atoms?: number;
    realVariables?: number;
    getModel?: boolean;
  };
  model?: SmtModel;
  sat: SatStats;
  theory?: TheoryStats;
  contrast?: ApproachStats[];
  elapsedMs: number;
}

/** A node of the implication graph as the conflict analysis saw it. */
export interface GraphNode {
  lit: number;
  level: number;
  /** The clause that implied it; null for a decision. */
  reason: number | null;
  /** The literals (as assigned, i.e. true) whose negations are in the reason clause. */
  antecedents: number[];
}

/** The first-UIP cut of the implication graph at one conflict. */
export interface UipCut {
  uip: number;
  /** Nodes on the conflict side (current level, assigned after the UIP, resolved away). */
  conflictSide: number[];
  /** Nodes on the reason side whose negations form the learnt clause before minimisation (UIP included). */
  reasonSide: number[];
  /** Every node the analysis touched, with edges (antecedents), so a view can draw the graph. */
  graph: GraphNode[];
  /** The conflict node's antecedents: the (true) negations of the conflicting clause's literals. */
  conflict: number[];
}

export interface TheoryBound {
  /** The real variable (a name from the input, or "s3" for a slack row). */
  variable: string;
  kind: 'lower' | 'upper';
  /** Exact value, with "+δ"/"-δ" for strict bounds (delta-rationals). */
  value: string;
}

export type SmtEvent =
  | { kind: 'decide'; lit: number; level: number }
  | { kind: 'propagate'; lit: number; level: number; reason: number }
  | { kind: 'conflict'; clause: number; level: number }
  | { kind: 'learn'; clause: number; lits: number[]; lbd: number; minimisedAway: number[]; cut: UipCut; backjumpTo: number }
  | { kind: 'backjump'; from: number; to: number }
  | { kind: 'backtrack'; from: number; to: number; flipped: number }
  | { kind: 'restart'; conflicts: number }
  | { kind: 'reduce'; removed: number[]; kept: number }
  | { kind: 'theory-assert'; lit: number; bound: TheoryBound }
  | { kind: 'theory-check'; ok: boolean; pivots: number }
  | { kind: 'theory-conflict'; clause: number; lits: number[]; bounds: TheoryBound[] }
  | { kind: 'theory-propagate'; lit: number; reason: number; lits: number[] }
  | { kind: 'done'; verdict: Verdict };

export interface TraceClause {
  id: number;
  lits: number[];
}

export interface TraceVariable {
  /** 1-based Boolean variable. */
  id: number;
  /** "x3" for DIMACS; the declared name, the atom's text ("(<= x 3)"), or "t7" for a Tseitin variable in SMT-LIB. */
  name: string;
  role: 'input' | 'atom' | 'tseitin';
}

export interface SmtTrace {
  variables: TraceVariable[];
  clauses: TraceClause[];
  events: SmtEvent[];
  /** True when recording stopped at the cap (the run itself went on). */
  truncated: boolean;
  cap: number;
  /** SMT-LIB: the simplex's slack variables (s1, s2, ...) and the polynomial each stands for. */
  slacks?: { name: string; poly: string }[];
}

export interface SmtResult extends EngineResult {
  summary: SmtSummary;
  trace?: SmtTrace;
}

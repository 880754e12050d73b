import type { LatticeSpec } from '../lattice/spec.ts';
import type { BinaryOp, Loc } from '../syntax/ast.ts';
import type { Value } from './values.ts';

/**
 * The compiled form the machine runs: variables resolved to (frame depth, slot), builtins bound.
 * Every node has a numeric `cid`, which is how a configuration names "where a thread is".
 */

export interface Env {
  readonly vals: readonly Value[];
  readonly parent: Env | null;
}

export const enum Op {
  Const, Local, Tuple, List, Set, Map, Unary, Binary, And, Or, If, Lambda, Call, Index, New, Fork,
}

export type Code =
  | { op: Op.Const; cid: number; value: Value; loc: Loc }
  | { op: Op.Local; cid: number; depth: number; index: number; name: string; loc: Loc }
  | { op: Op.Tuple | Op.List | Op.Set | Op.Map; cid: number; items: Code[]; loc: Loc }
  | { op: Op.Unary; cid: number; operator: '-' | '!'; operand: Code; loc: Loc }
  | { op: Op.Binary; cid: number; operator: Exclude<BinaryOp, '&&' | '||'>; left: Code; right: Code; loc: Loc }
  | { op: Op.And | Op.Or; cid: number; left: Code; right: Code; loc: Loc }
  | { op: Op.If; cid: number; cond: Code; then: BlockCode; else: BlockCode | null; loc: Loc }
  | { op: Op.Lambda; cid: number; fn: FnCode; loc: Loc }
  /**
   * `atomic`: the callee is a constant and every argument a constant or a variable (an atomic
   * expression, as in A-normal form), so the call evaluates its operands in one transition.
   */
  | { op: Op.Call; cid: number; callee: Code; args: Code[]; loc: Loc; bindName: string | undefined; atomic: boolean }
  | { op: Op.Index; cid: number; target: Code; index: Code; loc: Loc }
  | { op: Op.New; cid: number; spec: LatticeSpec; loc: Loc; bindName: string | undefined }
  /** A `fork` expression: the block runs in a new thread; the value is its future. */
  | { op: Op.Fork; cid: number; body: BlockCode; loc: Loc };

export type PatCode = { k: 'slot' } | { k: 'wild' } | { k: 'tuple'; items: PatCode[] };

export type StmtCode =
  | { k: 'let'; cid: number; pattern: PatCode; value: Code; loc: Loc }
  | { k: 'expr'; cid: number; expr: Code; loc: Loc }
  | { k: 'return'; cid: number; value: Code | null; loc: Loc }
  | { k: 'fork'; cid: number; body: BlockCode; loc: Loc }
  | { k: 'for'; cid: number; pattern: PatCode; iterable: Code; body: BlockCode; loc: Loc }
  | { k: 'while'; cid: number; cond: Code; body: BlockCode; loc: Loc };

export interface BlockCode {
  cid: number;
  stmts: StmtCode[];
  /** The last statement is an expression without `;`: its value is the block's. */
  valueLast: boolean;
  loc: Loc;
}

export interface FnCode {
  cid: number;
  /** A stable number for the function (used in value keys). */
  id: number;
  name: string | undefined;
  params: number;
  body: BlockCode;
  loc: Loc;
}

/** A constant or a variable: evaluating it takes no machine transition of its own. */
export const isAtomic = (c: Code): c is Extract<Code, { op: Op.Const | Op.Local }> => c.op === Op.Const || c.op === Op.Local;

/** How many slots a pattern binds. */
export function slotCount(p: PatCode): number {
  return p.k === 'slot' ? 1 : p.k === 'wild' ? 0 : p.items.reduce((n, q) => n + slotCount(q), 0);
}

import type { Pos } from '../api.ts';

/**
 * The syntax tree of the lab's array language: a Julia subset as ParallelAccelerator accepts it
 * inside `@acc function ... end`. Every node carries its position and its source span (character
 * offsets), used only for messages and IR labels, never for generated code.
 */
export interface Span {
  at: Pos;
  start: number;
  end: number;
}

/** Element-wise and scalar binary operators, without the dot (`.+` is `+` with `dotted`). */
export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '>' | '<=' | '>=' | '==' | '!=';

export type Expr =
  | ({ kind: 'num'; value: number } & Span)
  | ({ kind: 'var'; name: string } & Span)
  | ({ kind: 'symbol'; name: string } & Span)
  | ({ kind: 'unary'; op: '-' | '+'; arg: Expr } & Span)
  | ({ kind: 'binary'; op: BinaryOp; dotted: boolean; left: Expr; right: Expr } & Span)
  /** `f(x)`, `f.(x)` (dotted), with a splatted last argument for `size(img)...`. */
  | ({ kind: 'call'; callee: string; calleeAt: Pos; dotted: boolean; args: Expr[] } & Span)
  | ({ kind: 'splat'; arg: Expr } & Span)
  /** `a[-2, -1]` (a stencil's relative read) or `A[i]` (a comprehension's element). */
  | ({ kind: 'index'; target: string; targetAt: Pos; indices: Expr[] } & Span)
  | ({ kind: 'lambda'; params: { name: string; at: Pos }[]; body: Expr } & Span)
  | ({ kind: 'comprehension'; body: Expr; variable: string; variableAt: Pos; from: Expr; to: Expr } & Span);

export interface StencilStmt extends Span {
  kind: 'stencil';
  args: Expr[];
  params: { name: string; at: Pos }[];
  body: Stmt[];
}

export type Stmt =
  | ({ kind: 'assign'; target: string; targetAt: Pos; value: Expr } & Span)
  | ({ kind: 'indexAssign'; target: string; targetAt: Pos; indices: Expr[]; value: Expr } & Span)
  | ({ kind: 'expr'; expr: Expr } & Span)
  | ({ kind: 'return'; values: Expr[] } & Span)
  | StencilStmt;

export interface Param {
  name: string;
  at: Pos;
  /** The `::T` annotation as written (`Float64`, `Array{Float32,2}`), if any. */
  type?: string;
}

export interface FunctionDef extends Span {
  name: string;
  params: Param[];
  body: Stmt[];
}

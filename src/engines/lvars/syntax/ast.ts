/** The abstract syntax of LVish programs (our own small language; see src/labs/lvars/README.md). */

export interface Loc {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '++';

export type Expr =
  | { k: 'int'; value: number; loc: Loc }
  | { k: 'str'; value: string; loc: Loc }
  | { k: 'bool'; value: boolean; loc: Loc }
  | { k: 'unit'; loc: Loc }
  | { k: 'bot'; loc: Loc }
  | { k: 'var'; name: string; loc: Loc }
  | { k: 'tuple'; items: Expr[]; loc: Loc }
  | { k: 'list'; items: Expr[]; loc: Loc }
  | { k: 'set'; items: Expr[]; loc: Loc }
  | { k: 'map'; entries: [Expr, Expr][]; loc: Loc }
  | { k: 'unary'; op: '-' | '!'; operand: Expr; loc: Loc }
  | { k: 'binary'; op: BinaryOp; left: Expr; right: Expr; loc: Loc }
  | { k: 'if'; cond: Expr; then: Block; else: Block | undefined; loc: Loc }
  | { k: 'fn'; params: string[]; body: Block; name: string | undefined; loc: Loc }
  | { k: 'call'; callee: Expr; args: Expr[]; loc: Loc }
  | { k: 'index'; target: Expr; index: Expr; loc: Loc }
  | { k: 'new'; lattice: LatticeExpr; loc: Loc }
  /** `fork { ... }` where a value is expected: a future of the block's value (LVish's `spawn`), read by `await`. */
  | { k: 'fork'; body: Block; loc: Loc };

/** A lattice named in `new(...)`: built in (IVar, MaxNat, Counter, Set, Map(L), Pair(L, L), Bool) or declared. */
export interface LatticeExpr {
  name: string;
  args: LatticeExpr[];
  loc: Loc;
}

export type Pattern =
  | { k: 'name'; name: string; loc: Loc }
  | { k: 'wild'; loc: Loc }
  | { k: 'tuple'; items: Pattern[]; loc: Loc };

export type Stmt =
  | { k: 'let'; pattern: Pattern; value: Expr; loc: Loc }
  /** `semi`: a trailing `;` discards the value (as in Rust); the last statement without one is the block's value. */
  | { k: 'expr'; expr: Expr; semi: boolean; loc: Loc }
  | { k: 'return'; value: Expr | undefined; loc: Loc }
  | { k: 'fork'; body: Block; loc: Loc }
  | { k: 'for'; name: Pattern; iterable: Expr; body: Block; loc: Loc }
  | { k: 'while'; cond: Expr; body: Block; loc: Loc };

/** A block's value is its last statement's when that is an expression without `;`, else unit. */
export interface Block {
  stmts: Stmt[];
  loc: Loc;
}

export interface FnDecl {
  k: 'fn-decl';
  name: string;
  params: string[];
  body: Block;
  loc: Loc;
  nameLoc: Loc;
}

/**
 * A user lattice, in the spirit of the paper's `define-LVish-language nat downset-op max natural`:
 * a name, a bottom, a join, optionally a top and a finite carrier (which the Hasse view draws).
 */
export interface LatticeDecl {
  k: 'lattice';
  name: string;
  bottom: Expr;
  join: Expr;
  top: Expr | undefined;
  carrier: Expr | undefined;
  /** `events: fn(x) { [...] }`: what handlers on the lattice run on (else the carrier's elements). */
  events: Expr | undefined;
  loc: Loc;
  nameLoc: Loc;
}

export interface Program {
  lattices: LatticeDecl[];
  fns: FnDecl[];
  /** The main thread: top-level statements in order. The program's result is its value. */
  main: Block;
}

import type { Block, Expr, Stmt } from './ast.ts';

/** Calls `visit` on every expression inside `node` (itself included), outermost first. */
export function walkExpr(node: Expr, visit: (e: Expr) => void): void {
  visit(node);
  const sub = (e: Expr) => walkExpr(e, visit);
  switch (node.k) {
    case 'tuple':
    case 'list':
    case 'set':
      node.items.forEach(sub);
      return;
    case 'map':
      node.entries.forEach(([k, v]) => {
        sub(k);
        sub(v);
      });
      return;
    case 'unary':
      sub(node.operand);
      return;
    case 'binary':
      sub(node.left);
      sub(node.right);
      return;
    case 'if':
      sub(node.cond);
      walkBlock(node.then, visit);
      if (node.else) walkBlock(node.else, visit);
      return;
    case 'fn':
    case 'fork':
      walkBlock(node.body, visit);
      return;
    case 'call':
      sub(node.callee);
      node.args.forEach(sub);
      return;
    case 'index':
      sub(node.target);
      sub(node.index);
      return;
  }
}

export function walkStmt(s: Stmt, visit: (e: Expr) => void, onStmt?: (s: Stmt) => void): void {
  onStmt?.(s);
  switch (s.k) {
    case 'let':
      return walkExpr(s.value, visit);
    case 'expr':
      return walkExpr(s.expr, visit);
    case 'return':
      if (s.value) walkExpr(s.value, visit);
      return;
    case 'fork':
      return walkBlock(s.body, visit, onStmt);
    case 'for':
      walkExpr(s.iterable, visit);
      return walkBlock(s.body, visit, onStmt);
    case 'while':
      walkExpr(s.cond, visit);
      return walkBlock(s.body, visit, onStmt);
  }
}

export function walkBlock(b: Block, visit: (e: Expr) => void, onStmt?: (s: Stmt) => void): void {
  for (const s of b.stmts) walkStmt(s, visit, onStmt);
}

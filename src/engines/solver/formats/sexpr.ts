import { InputError } from '../../contract.ts';

/** An S-expression with the position of its first character (lines and columns from 1). */
export type SExpr =
  | { kind: 'atom'; text: string; line: number; column: number }
  | { kind: 'list'; items: SExpr[]; line: number; column: number };

const LIMIT_NODES = 2_000_000;

/** Reads SMT-LIB style S-expressions; `;` starts a comment that runs to the end of the line. */
export function readSExprs(text: string): SExpr[] {
  const top: SExpr[] = [];
  const stack: Extract<SExpr, { kind: 'list' }>[] = [];
  let line = 1;
  let column = 1;
  let nodes = 0;
  let i = 0;
  const push = (node: SExpr) => {
    if (++nodes > LIMIT_NODES) throw new InputError(`the file has more than ${LIMIT_NODES} terms`, { line, column });
    const parent = stack[stack.length - 1];
    if (parent) parent.items.push(node);
    else top.push(node);
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      column = 1;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      column++;
      continue;
    }
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(') {
      const list: SExpr = { kind: 'list', items: [], line, column };
      push(list);
      stack.push(list);
      i++;
      column++;
      continue;
    }
    if (c === ')') {
      if (!stack.pop()) throw new InputError(`this ")" closes nothing`, { line, column });
      i++;
      column++;
      continue;
    }
    if (c === '|' || c === '"') {
      throw new InputError(`quoted symbols and strings are not part of VNN-LIB properties`, { line, column });
    }
    const start = i;
    while (i < text.length && !/[\s();]/.test(text[i]!)) i++;
    push({ kind: 'atom', text: text.slice(start, i), line, column });
    column += i - start;
  }
  const open = stack.pop();
  if (open) throw new InputError(`this "(" is never closed`, { line: open.line, column: open.column });
  return top;
}

import { InputError } from '../../../contract.ts';

export interface Pos {
  line: number;
  column: number;
}
/** An SMT-LIB S-expression; `quoted` marks |symbols| and "strings" (never operators). */
export type Sx = ({ kind: 'atom'; text: string; quoted: boolean } | { kind: 'list'; items: Sx[] }) & Pos;

const MAX_DEPTH = 10_000;

/**
 * SMT-LIB 2.6's concrete syntax (§3.1): parentheses, symbols, numerals and decimals, |quoted
 * symbols|, "strings" (with "" for a quote), keywords, and `;` comments to the end of the line.
 */
export function readSx(text: string): Sx[] {
  const top: Sx[] = [];
  const stack: Extract<Sx, { kind: 'list' }>[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const pos = (at: number): Pos => ({ line, column: at - lineStart + 1 });
  const add = (x: Sx) => (stack.length > 0 ? stack[stack.length - 1]!.items.push(x) : top.push(x));
  const skipQuoted = (close: string, start: number): string => {
    let j = start + 1;
    let out = '';
    for (;;) {
      if (j >= text.length) throw new InputError(close === '|' ? 'this |symbol| is never closed' : 'this "string" is never closed', pos(start));
      const c = text[j]!;
      if (c === close && close === '"' && text[j + 1] === '"') {
        out += '"';
        j += 2;
        continue;
      }
      if (c === close) break;
      if (c === '\n') {
        line++;
        lineStart = j + 1;
      }
      out += c;
      j++;
    }
    i = j + 1;
    return out;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = ++i;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(') {
      if (stack.length >= MAX_DEPTH) throw new InputError(`terms nested more than ${MAX_DEPTH} deep`, pos(i));
      const list: Sx = { kind: 'list', items: [], ...pos(i) };
      add(list);
      stack.push(list);
      i++;
    } else if (c === ')') {
      if (!stack.pop()) throw new InputError('this ")" closes nothing', pos(i));
      i++;
    } else if (c === '|' || c === '"') {
      const at = pos(i);
      add({ kind: 'atom', text: skipQuoted(c, i), quoted: true, ...at });
    } else {
      const start = i;
      while (i < text.length && !/[\s()|";]/.test(text[i]!)) i++;
      add({ kind: 'atom', text: text.slice(start, i), quoted: false, ...pos(start) });
    }
  }
  const open = stack.pop();
  if (open) throw new InputError('this "(" is never closed', { line: open.line, column: open.column });
  return top;
}

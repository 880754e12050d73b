import { InputError } from '../../contract.ts';
import type { Pos } from '../api.ts';

export type TokenKind = 'num' | 'ident' | 'symbol' | 'keyword' | 'op' | 'newline' | 'macro' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  at: Pos;
  start: number;
  end: number;
  /** The parsed value of a `num` token. */
  value?: number;
}

export const KEYWORDS = ['function', 'end', 'do', 'return', 'for', 'in'] as const;
const KEYWORD_SET = new Set<string>(KEYWORDS);

/** Longest first, so `.<=` wins over `.<` and `...` over `.`. */
export const OPERATORS = [
  '...', '.<=', '.>=', '.==', '.!=', '.+', '.-', '.*', './', '.^', '.<', '.>', '.(',
  '->', '==', '!=', '<=', '>=', '::', '+', '-', '*', '/', '^', '<', '>', '=', ',', '(', ')', '[', ']', '{', '}', ':', ';',
] as const;

export const MAX_SOURCE_CHARS = 100_000;

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_!]/u;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

/** Tokens after which `:name` is a range colon, not a symbol, and `.5` cannot start. */
const isOperand = (t: Token | undefined) =>
  t !== undefined && (t.kind === 'num' || t.kind === 'ident' || t.kind === 'symbol' || t.text === ')' || t.text === ']' || t.text === 'end');

/**
 * Splits source into tokens with 1-based line and column. Newlines are tokens (they end statements)
 * except inside parentheses and brackets, where an expression may run over several lines as in the
 * slide's blur. Comments: `#` to the end of the line and `#= ... =#`.
 */
export function lex(source: string): Token[] {
  if (source.length > MAX_SOURCE_CHARS)
    throw new InputError(`The program is ${source.length} characters long; at most ${MAX_SOURCE_CHARS} are accepted.`, { line: 1, column: 1 });
  const tokens: Token[] = [];
  const depth: string[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (offset: number): Pos => ({ line, column: offset - lineStart + 1 });
  const push = (kind: TokenKind, start: number, end: number, value?: number) => {
    const t: Token = { kind, text: source.slice(start, end), at: pos(start), start, end };
    if (value !== undefined) t.value = value;
    tokens.push(t);
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      if (depth.length === 0) push('newline', i, i + 1);
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      if (source[i + 1] === '=') {
        const close = source.indexOf('=#', i + 2);
        if (close < 0) throw new InputError('This `#=` comment is never closed with `=#`.', pos(i));
        for (let j = i; j < close; j++) if (source[j] === '\n') { line++; lineStart = j + 1; }
        i = close + 2;
      } else {
        while (i < source.length && source[i] !== '\n') i++;
      }
      continue;
    }
    const prev = tokens[tokens.length - 1];
    const numberMatch = /[\d.]/.test(c) ? NUMBER.exec(source.slice(i, i + 64)) : null;
    if (numberMatch && !(c === '.' && isOperand(prev))) {
      const text = numberMatch[0];
      // `1.` followed by an operator letter (`1.*x`) is the number 1 and the operator `.*`.
      const trimmed = /\.$/.test(text) && /[+\-*/^<>=!(]/.test(source[i + text.length] ?? '') ? text.slice(0, -1) : text;
      push('num', i, i + trimmed.length, Number(trimmed));
      i += trimmed.length;
      if (IDENT_START.test(source[i] ?? '')) throw new InputError(`A number cannot run into a name here ("${trimmed}${source[i]}"): put an operator between them, as in 2 * x.`, pos(i));
      continue;
    }
    if (IDENT_START.test(c) || (c === '@' && IDENT_START.test(source[i + 1] ?? '')) || (c === ':' && !isOperand(prev) && IDENT_START.test(source[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < source.length && IDENT_PART.test(source[j]!)) j++;
      const text = source.slice(i, j);
      push(c === '@' ? 'macro' : c === ':' ? 'symbol' : KEYWORD_SET.has(text) ? 'keyword' : 'ident', i, j);
      i = j;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new InputError(`Unexpected character "${c}".`, pos(i));
    if (op === '(' || op === '[' || op === '{' || op === '.(') depth.push(op);
    if (op === ')' || op === ']' || op === '}') depth.pop();
    push('op', i, i + op.length);
    i += op.length;
  }
  tokens.push({ kind: 'eof', text: '', at: pos(i), start: i, end: i });
  return tokens;
}

import { InputError } from '../../contract.ts';

export type TokenKind = 'int' | 'str' | 'ident' | 'keyword' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** For `str` tokens, the unescaped value. */
  value?: string;
}

export const KEYWORDS = new Set([
  'let', 'fn', 'if', 'else', 'return', 'fork', 'for', 'in', 'while', 'true', 'false', 'bot', 'new', 'lattice',
]);

/** Longest first, so `<=` wins over `<`. */
const PUNCT = ['{:}', '==', '!=', '<=', '>=', '&&', '||', '++', '->', '(', ')', '{', '}', '[', ']', ',', ';', ':', '=', '+', '-', '*', '/', '%', '<', '>', '!', '.'];

export const MAX_SOURCE_CHARS = 100_000;

// One function (94 lines): a single scanner loop with one branch per token class (space,
// comments, numbers, strings, names, punctuation), sharing the position and line bookkeeping.
/** Splits source text into tokens, with 1-based line and column for every token. */
export function lex(source: string): Token[] {
  if (source.length > MAX_SOURCE_CHARS)
    throw new InputError(`The program is ${source.length} characters long; at most ${MAX_SOURCE_CHARS} are accepted.`, { line: 1, column: 1 });
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let col = 1;
  const advance = (n: number) => {
    for (let j = 0; j < n; j++) {
      if (source[i] === '\n') {
        line++;
        col = 1;
      } else col++;
      i++;
    }
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      advance(1);
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') advance(1);
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const startLine = line;
      const startCol = col;
      advance(2);
      while (i < source.length && !(source[i] === '*' && source[i + 1] === '/')) advance(1);
      if (i >= source.length) throw new InputError('This comment is never closed (missing */).', { line: startLine, column: startCol });
      advance(2);
      continue;
    }
    const startLine = line;
    const startCol = col;
    const push = (kind: TokenKind, text: string, value?: string) =>
      tokens.push({ kind, text, line: startLine, column: startCol, endLine: line, endColumn: col, ...(value !== undefined ? { value } : {}) });
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < source.length && /[0-9_]/.test(source[j]!)) j++;
      const text = source.slice(i, j);
      if (j < source.length && /[A-Za-z]/.test(source[j]!))
        throw new InputError(`"${text}${source[j]}" is not a number or a name.`, { line, column: col });
      advance(j - i);
      push('int', text);
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < source.length && /[A-Za-z0-9_']/.test(source[j]!)) j++;
      const text = source.slice(i, j);
      advance(j - i);
      push(KEYWORDS.has(text) ? 'keyword' : 'ident', text);
      continue;
    }
    if (c === '"') {
      let value = '';
      advance(1);
      for (;;) {
        if (i >= source.length || source[i] === '\n')
          throw new InputError('This string is never closed (missing ").', { line: startLine, column: startCol });
        const d = source[i]!;
        if (d === '"') {
          advance(1);
          break;
        }
        if (d === '\\') {
          const e = source[i + 1];
          const escaped: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\' };
          if (e === undefined || !(e in escaped)) throw new InputError(`Unknown escape \\${e ?? ''} in a string.`, { line, column: col });
          value += escaped[e]!;
          advance(2);
          continue;
        }
        value += d;
        advance(1);
      }
      push('str', JSON.stringify(value), value);
      continue;
    }
    if (c === '\\') {
      // Haskell-style lambdas (`\x -> e`) are spelled `fn(x) { e }` here; say so.
      throw new InputError('Write a function as fn(x) { ... } (this language has no \\x -> lambdas).', { line, column: col });
    }
    const p = PUNCT.find((q) => source.startsWith(q, i));
    if (!p) throw new InputError(`Unexpected character "${c}".`, { line, column: col });
    advance(p.length);
    push('punct', p);
  }
  tokens.push({ kind: 'eof', text: 'end of program', line, column: col, endLine: line, endColumn: col });
  return tokens;
}

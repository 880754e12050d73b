import { InputError } from '../../contract.ts';
import type { Pos } from '../api.ts';
import type { BinaryOp, Expr, FunctionDef, Param, Span, StencilStmt, Stmt } from './ast.ts';
import { lex, type Token } from './lexer.ts';

const COMPARISONS = new Set(['<', '>', '<=', '>=', '==', '!=']);
const ADDITIVE = new Set(['+', '-']);
const MULTIPLICATIVE = new Set(['*', '/']);
const MAX_DEPTH = 200;

/**
 * Parses one `@acc function NAME(params) ... end` (the macro is optional). Precedence follows
 * Julia: comparisons < `+ -` < `* /` < unary minus < `^` (right-associative) < calls and indexing;
 * each operator also comes dotted (`.+`), element-wise.
 */
export function parseProgram(source: string): FunctionDef {
  return new Parser(lex(source)).program();
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }
  private is(text: string): boolean {
    const t = this.peek();
    return (t.kind === 'op' || t.kind === 'keyword') && t.text === text;
  }
  private expect(text: string, what: string): Token {
    if (!this.is(text)) throw this.error(`Expected ${what}`);
    return this.next();
  }
  private error(message: string, t: Token = this.peek()): InputError {
    const found = t.kind === 'eof' ? 'the end of the program' : t.kind === 'newline' ? 'the end of the line' : `"${t.text}"`;
    return new InputError(`${message}, found ${found}.`, t.at);
  }
  private skipNewlines(): void {
    while (this.peek().kind === 'newline' || this.is(';')) this.next();
  }
  /** As in Julia, a line that ends with `=` or a binary operator goes on on the next line. */
  private skipLineBreaks(): void {
    while (this.peek().kind === 'newline') this.next();
  }
  private span(first: Token): Span {
    return { at: first.at, start: first.start, end: this.tokens[this.i - 1]!.end };
  }
  private ident(what: string): Token {
    const t = this.peek();
    if (t.kind !== 'ident') throw this.error(`Expected ${what}`);
    return this.next();
  }

  program(): FunctionDef {
    this.skipNewlines();
    const first = this.peek();
    if (first.kind === 'macro') {
      if (first.text !== '@acc') throw new InputError(`Unknown macro ${first.text}: only @acc is understood.`, first.at);
      this.next();
      this.skipNewlines();
    }
    const fn = this.expect('function', '`@acc function name(parameters)`');
    const name = this.ident('the function\'s name');
    this.expect('(', '"(" after the function\'s name');
    const params: Param[] = [];
    while (!this.is(')')) {
      const p = this.ident('a parameter name');
      const param: Param = { name: p.text, at: p.at };
      if (this.is('::')) {
        this.next();
        param.type = this.typeName();
      }
      if (params.some((q) => q.name === p.text)) throw new InputError(`The parameter ${p.text} is declared twice.`, p.at);
      params.push(param);
      if (!this.is(')')) this.expect(',', '"," or ")" in the parameter list');
    }
    this.next();
    const body = this.block(['end']);
    this.expect('end', '`end` closing the function');
    this.skipNewlines();
    if (this.peek().kind !== 'eof') throw this.error('Expected nothing after the function\'s `end`');
    return { name: name.text, params, body, ...this.span(first.kind === 'macro' ? first : fn) };
  }

  /** A type as written: `Float64`, `Array{Float32,2}`, `Vector{Float64}`. */
  private typeName(): string {
    let text = this.ident('a type name').text;
    if (this.is('{')) {
      this.next();
      const parts: string[] = [];
      while (!this.is('}')) {
        const t = this.next();
        if (t.kind !== 'ident' && t.kind !== 'num') throw this.error('Expected a type parameter', t);
        parts.push(t.text);
        if (!this.is('}')) this.expect(',', '"," or "}" in the type');
      }
      this.next();
      text += `{${parts.join(',')}}`;
    }
    return text;
  }

  private block(terminators: string[]): Stmt[] {
    const body: Stmt[] = [];
    this.skipNewlines();
    while (!terminators.some((t) => this.is(t))) {
      if (this.peek().kind === 'eof') throw this.error(`Expected \`${terminators[0]}\``);
      body.push(this.statement());
      const t = this.peek();
      if (t.kind !== 'newline' && !this.is(';') && !terminators.some((x) => this.is(x))) throw this.error('Expected the end of the statement');
      this.skipNewlines();
    }
    return body;
  }

  private statement(): Stmt {
    const first = this.peek();
    if (this.is('return')) {
      this.next();
      const values: Expr[] = [];
      if (this.peek().kind !== 'newline' && !this.is('end') && !this.is(';')) {
        values.push(this.expression());
        while (this.is(',')) {
          this.next();
          values.push(this.expression());
        }
      }
      return { kind: 'return', values, ...this.span(first) };
    }
    if (first.kind === 'ident' && first.text === 'runStencil' && this.peek(1).text === '(') return this.stencil();
    if (first.kind === 'ident' && this.peek(1).text === '=') {
      this.next();
      this.next();
      this.skipLineBreaks();
      const value = this.expression();
      return { kind: 'assign', target: first.text, targetAt: first.at, value, ...this.span(first) };
    }
    const expr = this.expression();
    if (this.is('=')) {
      if (expr.kind !== 'index') throw this.error('Only a name or an element such as b[0,0] can be assigned to; this is not one', first);
      this.next();
      this.skipLineBreaks();
      const value = this.expression();
      return { kind: 'indexAssign', target: expr.target, targetAt: expr.targetAt, indices: expr.indices, value, ...this.span(first) };
    }
    return { kind: 'expr', expr, ...this.span(first) };
  }

  /** `runStencil(buf, img, iterations, :oob_skip) do b, a ... end` */
  private stencil(): StencilStmt {
    const first = this.next();
    this.next();
    const args = this.arguments(')');
    this.expect('do', '`do b, a` after runStencil(...)');
    const params: { name: string; at: Pos }[] = [];
    do {
      if (params.length > 0) this.next();
      const p = this.ident('a buffer name after `do`');
      params.push({ name: p.text, at: p.at });
    } while (this.is(','));
    const body = this.block(['end']);
    this.expect('end', '`end` closing the stencil');
    return { kind: 'stencil', args, params, body, ...this.span(first) };
  }

  private arguments(close: string): Expr[] {
    const args: Expr[] = [];
    while (!this.is(close)) {
      args.push(this.lambdaOrExpression());
      if (!this.is(close)) this.expect(',', `"," or "${close}"`);
    }
    this.next();
    return args;
  }

  private lambdaOrExpression(): Expr {
    const first = this.peek();
    const single = first.kind === 'ident' && this.peek(1).text === '->';
    const tuple = first.text === '(' && this.isLambdaTuple();
    if (!single && !tuple) return this.expression();
    const params: { name: string; at: Pos }[] = [];
    if (single) params.push({ name: this.next().text, at: first.at });
    else {
      this.next();
      while (!this.is(')')) {
        const p = this.ident('a parameter name');
        params.push({ name: p.text, at: p.at });
        if (!this.is(')')) this.expect(',', '"," or ")"');
      }
      this.next();
    }
    this.expect('->', '"->"');
    const body = this.expression();
    return { kind: 'lambda', params, body, ...this.span(first) };
  }

  private isLambdaTuple(): boolean {
    let k = 1;
    while (this.peek(k).kind === 'ident' && (this.peek(k + 1).text === ',' || this.peek(k + 1).text === ')')) {
      if (this.peek(k + 1).text === ')') return this.peek(k + 2).text === '->';
      k += 2;
    }
    return false;
  }

  expression(): Expr {
    if (++this.depth > MAX_DEPTH) throw new InputError(`The expression is nested more than ${MAX_DEPTH} deep.`, this.peek().at);
    try {
      return this.binary(0);
    } finally {
      this.depth--;
    }
  }

  private static readonly LEVELS = [COMPARISONS, ADDITIVE, MULTIPLICATIVE];

  private binary(level: number): Expr {
    if (level === Parser.LEVELS.length) return this.unary();
    const first = this.peek();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      const dotted = t.kind === 'op' && t.text.startsWith('.') && t.text.length > 1;
      const op = dotted ? t.text.slice(1) : t.text;
      if (t.kind !== 'op' || !Parser.LEVELS[level]!.has(op)) return left;
      this.next();
      this.skipLineBreaks();
      const right = this.binary(level + 1);
      left = { kind: 'binary', op: op as BinaryOp, dotted, left, right, ...this.span(first) };
    }
  }

  private unary(): Expr {
    const first = this.peek();
    if (this.is('-') || this.is('+')) {
      this.next();
      const arg = this.unary();
      return { kind: 'unary', op: first.text as '-' | '+', arg, ...this.span(first) };
    }
    return this.power();
  }

  private power(): Expr {
    const first = this.peek();
    const base = this.postfix();
    if (this.is('^') || this.is('.^')) {
      const dotted = this.next().text === '.^';
      this.skipLineBreaks();
      const exponent = this.unary();
      return { kind: 'binary', op: '^', dotted, left: base, right: exponent, ...this.span(first) };
    }
    return base;
  }

  private postfix(): Expr {
    const first = this.peek();
    let e = this.primary();
    if (this.is('...')) {
      this.next();
      e = { kind: 'splat', arg: e, ...this.span(first) };
    }
    return e;
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'num') return { kind: 'num', value: t.value!, ...this.span(t) };
    if (t.kind === 'symbol') return { kind: 'symbol', name: t.text.slice(1), ...this.span(t) };
    if (t.kind === 'ident') {
      if (this.is('(') || this.is('.(')) {
        const dotted = this.next().text === '.(';
        const args = this.arguments(')');
        return { kind: 'call', callee: t.text, calleeAt: t.at, dotted, args, ...this.span(t) };
      }
      if (this.is('[')) {
        this.next();
        const indices = this.arguments(']');
        return { kind: 'index', target: t.text, targetAt: t.at, indices, ...this.span(t) };
      }
      return { kind: 'var', name: t.text, ...this.span(t) };
    }
    if (t.text === '(') {
      const inner = this.expression();
      this.expect(')', '")"');
      return { ...inner, ...this.span(t) };
    }
    if (t.text === '[') return this.comprehension(t);
    this.i--;
    throw this.error('Expected a number, a name or "("');
  }

  /** `[expr for i in 1:n]` (also `for i = 1:n`). */
  private comprehension(open: Token): Expr {
    const body = this.expression();
    this.expect('for', '`for` in the comprehension `[expr for i in 1:n]`');
    const v = this.ident('the comprehension\'s variable');
    if (!this.is('in') && !this.is('=')) throw this.error('Expected `in` after the comprehension\'s variable');
    this.next();
    const from = this.binary(1);
    this.expect(':', '":" in the range `1:n`');
    const to = this.binary(1);
    this.expect(']', '"]" closing the comprehension');
    return { kind: 'comprehension', body, variable: v.text, variableAt: v.at, from, to, ...this.span(open) };
  }
}

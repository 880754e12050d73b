import { InputError } from '../../contract.ts';
import type { BinaryOp, Block, Expr, FnDecl, LatticeDecl, LatticeExpr, Loc, Pattern, Program, Stmt } from './ast.ts';
import { lex, type Token } from './lexer.ts';

// Why one file of about 450 lines: a recursive-descent parser is one method per grammar rule, and
// the rules call each other; the lexer is in lexer.ts and the tree in ast.ts.

/** Binding power of each binary operator (higher binds tighter). */
const PRECEDENCE: Record<BinaryOp, number> = {
  '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '++': 5, '+': 6, '-': 6, '*': 7, '/': 7, '%': 7,
};
const MAX_INT = 2 ** 53 - 1;
const MAX_DEPTH = 200;

/**
 * Recursive descent with precedence climbing. Every error is an InputError with the line and
 * column of the offending token, so the editor can underline it.
 */
class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseProgram(): Program {
    const lattices: LatticeDecl[] = [];
    const fns: FnDecl[] = [];
    const stmts: Stmt[] = [];
    const start = this.peek();
    while (!this.at('eof')) {
      if (this.isKeyword('lattice')) lattices.push(this.latticeDecl());
      else if (this.isKeyword('fn') && this.peek(1).kind === 'ident') fns.push(this.fnDecl());
      else stmts.push(...this.statements());
    }
    return { lattices, fns, main: { stmts, loc: this.span(start, this.previous()) } };
  }

  // Declarations

  private latticeDecl(): LatticeDecl {
    const start = this.expectKeyword('lattice');
    const nameToken = this.expectIdent('a name for the lattice');
    this.expectPunct('{');
    const fields = new Map<string, Expr>();
    while (!this.isPunct('}')) {
      const field = this.expectIdent('a lattice field (bottom, join, top, carrier or events)');
      if (!['bottom', 'join', 'top', 'carrier', 'events'].includes(field.text))
        this.fail(field, `"${field.text}" is not a lattice field; use bottom, join, top, carrier or events.`);
      if (fields.has(field.text)) this.fail(field, `The field "${field.text}" is given twice.`);
      this.expectPunct(':');
      fields.set(field.text, this.expression());
      if (!this.isPunct('}')) this.expectPunct(',');
    }
    const end = this.expectPunct('}');
    const loc = this.span(start, end);
    const bottom = fields.get('bottom');
    const join = fields.get('join');
    if (!bottom) this.failAt(loc, `The lattice ${nameToken.text} needs a bottom (bottom: ...).`);
    if (!join) this.failAt(loc, `The lattice ${nameToken.text} needs a join (join: fn(a, b) { ... }).`);
    return { k: 'lattice', name: nameToken.text, bottom, join, top: fields.get('top'), carrier: fields.get('carrier'), events: fields.get('events'), loc, nameLoc: this.span(nameToken, nameToken) };
  }

  private fnDecl(): FnDecl {
    const start = this.expectKeyword('fn');
    const nameToken = this.expectIdent('a function name');
    const params = this.params();
    const body = this.block();
    return { k: 'fn-decl', name: nameToken.text, params, body, loc: this.span(start, this.previous()), nameLoc: this.span(nameToken, nameToken) };
  }

  private params(): string[] {
    this.expectPunct('(');
    const params: string[] = [];
    while (!this.isPunct(')')) {
      const p = this.expectIdent('a parameter name');
      if (params.includes(p.text)) this.fail(p, `The parameter "${p.text}" is named twice.`);
      params.push(p.text);
      if (!this.isPunct(')')) this.expectPunct(',');
    }
    this.expectPunct(')');
    return params;
  }

  // Statements

  private block(): Block {
    const start = this.expectPunct('{');
    this.enter(start);
    const stmts: Stmt[] = [];
    while (!this.isPunct('}')) {
      if (this.at('eof')) this.fail(this.peek(), `This block, opened at line ${start.line}, is never closed (missing }).`);
      stmts.push(...this.statements());
    }
    const end = this.expectPunct('}');
    this.depth--;
    return { stmts, loc: this.span(start, end) };
  }

  private statement(): Stmt {
    const start = this.peek();
    if (this.isKeyword('let')) {
      this.advance();
      const pattern = this.pattern();
      this.expectPunct('=');
      const value = this.expression();
      this.expectPunct(';');
      return { k: 'let', pattern, value, loc: this.span(start, this.previous()) };
    }
    if (this.isKeyword('fn') && this.peek(1).kind === 'ident') {
      // A local function: `fn f(x) { ... }` is `let f = fn f(x) { ... };` (and may call itself).
      const decl = this.fnDecl();
      const value: Expr = { k: 'fn', params: decl.params, body: decl.body, name: decl.name, loc: decl.loc };
      return { k: 'let', pattern: { k: 'name', name: decl.name, loc: decl.nameLoc }, value, loc: decl.loc };
    }
    if (this.isKeyword('return')) {
      this.advance();
      const value = this.isPunct(';') ? undefined : this.expression();
      this.expectPunct(';');
      return { k: 'return', value, loc: this.span(start, this.previous()) };
    }
    if (this.isKeyword('fork')) {
      this.advance();
      const body = this.block();
      this.optionalPunct(';');
      return { k: 'fork', body, loc: this.span(start, this.previous()) };
    }
    if (this.isKeyword('for')) {
      this.advance();
      const name = this.pattern();
      this.expectKeyword('in');
      const iterable = this.expression(true);
      const body = this.block();
      return { k: 'for', name, iterable, body, loc: this.span(start, this.previous()) };
    }
    if (this.isKeyword('while')) {
      this.advance();
      const cond = this.expression(true);
      const body = this.block();
      return { k: 'while', cond, body, loc: this.span(start, this.previous()) };
    }
    if (this.isKeyword('lattice')) this.fail(start, 'Lattices are declared at the top level, not inside a block.');
    const expr = this.expression();
    if (this.isPunct(';')) {
      this.advance();
      return { k: 'expr', expr, semi: true, loc: this.span(start, this.previous()) };
    }
    const endsWithBlock = expr.k === 'if' || expr.k === 'fn';
    if (!endsWithBlock && !this.isPunct('}') && !this.at('eof')) this.expectPunct(';');
    return { k: 'expr', expr, semi: false, loc: expr.loc };
  }

  /**
   * The Redex model's `let par x = e1; y = e2 in e3`, written `let par x = e1, y = e2;`: every
   * right-hand side runs in a thread of its own, none sees the others' names, and the block goes on
   * once all have their values. It is `fork` expressions and `await`, so that is what it becomes.
   */
  private letPar(): Stmt[] {
    const start = this.expectKeyword('let');
    this.advance();
    const bindings: { pattern: Pattern; value: Expr }[] = [];
    do {
      if (bindings.length > 0) this.advance();
      const pattern = this.pattern();
      this.expectPunct('=');
      bindings.push({ pattern, value: this.expression() });
    } while (this.isPunct(','));
    this.expectPunct(';');
    if (bindings.length < 2) this.fail(start, 'let par needs at least two bindings, as in let par x = e1, y = e2;');
    const loc = this.span(start, this.previous());
    const futures: Expr[] = bindings.map((b) => ({ k: 'fork', body: { stmts: [{ k: 'expr', expr: b.value, semi: false, loc: b.value.loc }], loc: b.value.loc }, loc: b.value.loc }));
    const awaits: Expr[] = futures.map((f) => ({ k: 'call', callee: { k: 'var', name: 'await', loc: f.loc }, args: [f], loc: f.loc }));
    // Forks first (in a tuple, evaluated left to right), then the awaits: the branches run in parallel.
    const forked: Pattern = { k: 'tuple', items: bindings.map((_, i) => ({ k: 'name', name: `par#${i}`, loc })), loc };
    const joined: Expr = { k: 'tuple', items: awaits.map((a, i) => ({ ...(a as Extract<Expr, { k: 'call' }>), args: [{ k: 'var', name: `par#${i}`, loc: a.loc }] })), loc };
    return [
      { k: 'let', pattern: forked, value: { k: 'tuple', items: futures, loc }, loc },
      { k: 'let', pattern: { k: 'tuple', items: bindings.map((b) => b.pattern), loc }, value: joined, loc },
    ];
  }

  /** `let par x = ...`: `par` is a name everywhere else, so it is told apart by what follows it. */
  private atLetPar(): boolean {
    const par = this.peek(1);
    const next = this.peek(2);
    return this.isKeyword('let') && par.kind === 'ident' && par.text === 'par' && (next.kind === 'ident' || (next.kind === 'punct' && next.text === '('));
  }

  private statements(): Stmt[] {
    return this.atLetPar() ? this.letPar() : [this.statement()];
  }

  private pattern(): Pattern {
    const t = this.peek();
    if (this.isPunct('(')) {
      this.advance();
      const items: Pattern[] = [];
      while (!this.isPunct(')')) {
        items.push(this.pattern());
        if (!this.isPunct(')')) this.expectPunct(',');
      }
      this.expectPunct(')');
      if (items.length < 2) this.fail(t, 'A tuple pattern needs at least two parts, as in let (a, b) = pair;');
      return { k: 'tuple', items, loc: this.span(t, this.previous()) };
    }
    const name = this.expectIdent('a name to bind');
    return name.text === '_' ? { k: 'wild', loc: this.span(name, name) } : { k: 'name', name: name.text, loc: this.span(name, name) };
  }

  // Expressions

  /** `noBrace`: in `if c {`, `while c {` and `for x in e {`, a `{` starts the block, not a set. */
  private expression(noBrace = false): Expr {
    this.enter(this.peek());
    const e = this.binary(0, noBrace);
    this.depth--;
    return e;
  }

  private binary(minPrec: number, noBrace: boolean): Expr {
    let left = this.unary(noBrace);
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'punct' ? (t.text as BinaryOp) : undefined;
      const prec = op !== undefined ? PRECEDENCE[op] : undefined;
      if (op === undefined || prec === undefined || prec <= minPrec) return left;
      this.advance();
      const right = this.binary(prec, noBrace);
      left = { k: 'binary', op, left, right, loc: this.join(left.loc, right.loc) };
    }
  }

  private unary(noBrace: boolean): Expr {
    const t = this.peek();
    if (this.isPunct('-') || this.isPunct('!')) {
      this.advance();
      this.enter(t);
      const operand = this.unary(noBrace);
      this.depth--;
      if (t.text === '-' && operand.k === 'int') return { ...operand, value: -operand.value, loc: this.join(this.span(t, t), operand.loc) };
      return { k: 'unary', op: t.text as '-' | '!', operand, loc: this.join(this.span(t, t), operand.loc) };
    }
    return this.postfix(this.primary(noBrace));
  }

  private postfix(expr: Expr): Expr {
    for (;;) {
      if (this.isPunct('(') && this.peek().line === this.previous().endLine) {
        const args = this.args();
        expr = { k: 'call', callee: expr, args, loc: this.join(expr.loc, this.span(this.previous(), this.previous())) };
      } else if (this.isPunct('[')) {
        this.advance();
        const index = this.expression();
        const end = this.expectPunct(']');
        expr = { k: 'index', target: expr, index, loc: this.join(expr.loc, this.span(end, end)) };
      } else return expr;
    }
  }

  private args(): Expr[] {
    this.expectPunct('(');
    const args: Expr[] = [];
    while (!this.isPunct(')')) {
      args.push(this.expression());
      if (!this.isPunct(')')) this.expectPunct(',');
    }
    this.expectPunct(')');
    return args;
  }

  private primary(noBrace: boolean): Expr {
    const t = this.peek();
    {
      switch (t.kind) {
        case 'int': {
          this.advance();
          const value = Number(t.text.replace(/_/g, ''));
          if (!Number.isSafeInteger(value) || value > MAX_INT) this.fail(t, `${t.text} is too large (integers go up to ${MAX_INT}).`);
          return { k: 'int', value, loc: this.span(t, t) };
        }
        case 'str':
          this.advance();
          return { k: 'str', value: t.value ?? '', loc: this.span(t, t) };
        case 'ident':
          this.advance();
          return { k: 'var', name: t.text, loc: this.span(t, t) };
        case 'keyword':
          return this.keywordExpr(t);
        case 'punct':
          return this.punctExpr(t, noBrace);
        case 'eof':
          return this.fail(t, 'The program ends in the middle of an expression.');
      }
    }
  }

  private keywordExpr(t: Token): Expr {
    switch (t.text) {
      case 'true':
      case 'false':
        this.advance();
        return { k: 'bool', value: t.text === 'true', loc: this.span(t, t) };
      case 'bot':
        this.advance();
        return { k: 'bot', loc: this.span(t, t) };
      case 'if':
        return this.ifExpr();
      case 'fn': {
        this.advance();
        const params = this.params();
        const body = this.block();
        return { k: 'fn', params, body, name: undefined, loc: this.span(t, this.previous()) };
      }
      case 'fork': {
        this.advance();
        const body = this.block();
        return { k: 'fork', body, loc: this.span(t, this.previous()) };
      }
      case 'new': {
        this.advance();
        this.expectPunct('(');
        const lattice = this.latticeExpr();
        this.expectPunct(')');
        return { k: 'new', lattice, loc: this.span(t, this.previous()) };
      }
      default:
        return this.fail(t, `"${t.text}" cannot start an expression.`);
    }
  }

  private ifExpr(): Expr {
    const start = this.expectKeyword('if');
    const cond = this.expression(true);
    const then = this.block();
    let otherwise: Block | undefined;
    if (this.isKeyword('else')) {
      this.advance();
      if (this.isKeyword('if')) {
        const nested = this.ifExpr();
        otherwise = { stmts: [{ k: 'expr', expr: nested, semi: false, loc: nested.loc }], loc: nested.loc };
      } else otherwise = this.block();
    }
    return { k: 'if', cond, then, else: otherwise, loc: this.span(start, this.previous()) };
  }

  private latticeExpr(): LatticeExpr {
    const name = this.expectIdent('a lattice (IVar, MaxNat, Counter, Set, Map, Pair, Bool, or one you declared)');
    const args: LatticeExpr[] = [];
    if (this.isPunct('(')) {
      this.advance();
      while (!this.isPunct(')')) {
        args.push(this.latticeExpr());
        if (!this.isPunct(')')) this.expectPunct(',');
      }
      this.expectPunct(')');
    }
    return { name: name.text, args, loc: this.span(name, this.previous()) };
  }

  private punctExpr(t: Token, noBrace: boolean): Expr {
    if (t.text === '(') {
      this.advance();
      if (this.isPunct(')')) {
        this.advance();
        return { k: 'unit', loc: this.span(t, this.previous()) };
      }
      const first = this.expression();
      if (this.isPunct(')')) {
        this.advance();
        return first;
      }
      const items = [first];
      while (this.isPunct(',')) {
        this.advance();
        items.push(this.expression());
      }
      this.expectPunct(')');
      return { k: 'tuple', items, loc: this.span(t, this.previous()) };
    }
    if (t.text === '[') {
      this.advance();
      const items: Expr[] = [];
      while (!this.isPunct(']')) {
        items.push(this.expression());
        if (!this.isPunct(']')) this.expectPunct(',');
      }
      this.expectPunct(']');
      return { k: 'list', items, loc: this.span(t, this.previous()) };
    }
    if (t.text === '{:}') {
      this.advance();
      return { k: 'map', entries: [], loc: this.span(t, t) };
    }
    if (t.text === '{') {
      if (noBrace) this.fail(t, 'Expected an expression before the block; wrap a set literal in parentheses here.');
      return this.setOrMap(t);
    }
    return this.fail(t, `"${t.text}" cannot start an expression.`);
  }

  /** `{a, b}` is a set, `{k: v, ...}` a map, `{}` the empty set and `{:}` the empty map. */
  private setOrMap(start: Token): Expr {
    this.advance();
    if (this.isPunct('}')) {
      this.advance();
      return { k: 'set', items: [], loc: this.span(start, this.previous()) };
    }
    const first = this.expression();
    if (this.isPunct(':')) {
      this.advance();
      const entries: [Expr, Expr][] = [[first, this.expression()]];
      while (this.isPunct(',')) {
        this.advance();
        if (this.isPunct('}')) break;
        const key = this.expression();
        this.expectPunct(':');
        entries.push([key, this.expression()]);
      }
      this.expectPunct('}');
      return { k: 'map', entries, loc: this.span(start, this.previous()) };
    }
    const items = [first];
    while (this.isPunct(',')) {
      this.advance();
      if (this.isPunct('}')) break;
      items.push(this.expression());
    }
    this.expectPunct('}');
    return { k: 'set', items, loc: this.span(start, this.previous()) };
  }

  // Tokens

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  private previous(): Token {
    return this.tokens[Math.max(0, this.pos - 1)]!;
  }
  private advance(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  private at(kind: Token['kind']): boolean {
    return this.peek().kind === kind;
  }
  private isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === 'punct' && t.text === text;
  }
  private isKeyword(text: string): boolean {
    const t = this.peek();
    return t.kind === 'keyword' && t.text === text;
  }
  private optionalPunct(text: string): void {
    if (this.isPunct(text)) this.advance();
  }
  private expectPunct(text: string): Token {
    if (!this.isPunct(text)) {
      const t = this.peek();
      const hint = text === ';' ? ' (statements end with ;)' : '';
      this.fail(t, `Expected "${text}" but found ${t.kind === 'eof' ? 'the end of the program' : `"${t.text}"`}${hint}.`);
    }
    return this.advance();
  }
  private expectKeyword(text: string): Token {
    if (!this.isKeyword(text)) this.fail(this.peek(), `Expected "${text}" but found "${this.peek().text}".`);
    return this.advance();
  }
  private expectIdent(what: string): Token {
    const t = this.peek();
    if (t.kind !== 'ident') this.fail(t, `Expected ${what} but found ${t.kind === 'eof' ? 'the end of the program' : `"${t.text}"`}.`);
    return this.advance();
  }
  private enter(t: Token): void {
    if (++this.depth > MAX_DEPTH) this.fail(t, `The program nests deeper than ${MAX_DEPTH} levels.`);
  }
  private span(a: Token, b: Token): Loc {
    return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
  }
  private join(a: Loc, b: Loc): Loc {
    return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
  }
  private fail(t: Token, message: string): never {
    throw new InputError(message, { line: t.line, column: t.column });
  }
  private failAt(loc: Loc, message: string): never {
    throw new InputError(message, { line: loc.line, column: loc.column });
  }
}

export function parse(source: string): Program {
  return new Parser(lex(source)).parseProgram();
}

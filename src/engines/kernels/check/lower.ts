import { InputError } from '../../contract.ts';
import type { Pos } from '../api.ts';
import type { DomainOp, DomainProgram, Elem, MathOp, Operand, Shape, Value } from '../ir/domain.ts';
import type { Expr, FunctionDef, Stmt } from '../syntax/ast.ts';
import { ALLOCATORS, ELEMENT_TYPES, KNOWN_FUNCTIONS, MATH_FUNCTIONS, REDUCTIONS, type Reduction } from './builtins.ts';
import { paramKinds } from './params.ts';
import { BINARY_MATH, checkUndotted, IMAGE_SHAPE, rangeShape, sameShape, SIZE_SHAPE } from './shapes.ts';
import { lowerStencil } from './stencil.ts';

/** Inside a comprehension or a lambda: the loop's shape, where plain operators act per element. */
interface Scope {
  names: Map<string, Operand>;
  elementwise?: { shape: Shape; index?: { name: string; value: number } };
}

/**
 * The checker: resolves names, infers shapes and element types, rejects what Julia would reject
 * (or what ParallelAccelerator would not parallelize), and lowers the checked tree to Domain IR.
 */
export class Lowering {
  readonly values: Value[] = [];
  readonly ops: DomainOp[] = [];
  readonly producer: number[] = [];
  private readonly lengthOf = new Map<number, Shape>();

  constructor(private readonly source: string) {}

  text(e: { start: number; end: number }): string {
    const t = this.source.slice(e.start, e.end).replace(/\s+/g, ' ').trim();
    return t.length > 48 ? `${t.slice(0, 45)}...` : t;
  }

  newValue(shape: Shape | null, elem: Elem, text: string, at: Pos): number {
    const id = this.values.length;
    this.values.push({ id, shape, elem, text, at });
    this.producer.push(this.ops.length);
    return id;
  }

  emit(make: (id: number) => DomainOp): void {
    this.ops.push(make(this.ops.length));
  }

  shapeOf(o: Operand): Shape | null {
    return 'value' in o ? this.values[o.value]!.shape : null;
  }

  program(fn: FunctionDef): DomainProgram {
    const { kinds, elems } = paramKinds(fn);
    const scope: Scope = { names: new Map() };
    for (const p of kinds) {
      const shape = p.kind === 'vector' ? SIZE_SHAPE : p.kind === 'image' ? IMAGE_SHAPE : null;
      const elem = elems.get(p.name) ?? (p.kind === 'image' ? 'f32' : 'f64');
      const result = this.newValue(shape, elem, p.name, p.at);
      this.values[result]!.name = p.name;
      this.emit((id) => ({ kind: 'input', id, result, param: p.name }));
      scope.names.set(p.name, { value: result });
    }
    let outputs: number[] = [];
    fn.body.forEach((s, k) => {
      const last = k === fn.body.length - 1;
      if (s.kind === 'return' && !last) throw new InputError('`return` must be the function\'s last statement.', s.at);
      const out = this.statement(s, scope);
      if (last) outputs = out;
    });
    if (outputs.length === 0) throw new InputError('The function computes nothing: it needs a statement that gives a value (or `return x`).', fn.at);
    return { name: fn.name, params: kinds, values: this.values, ops: this.ops, outputs, producer: this.producer };
  }

  /** Lowers one statement; returns the values it gives (for the function's result). */
  private statement(s: Stmt, scope: Scope): number[] {
    switch (s.kind) {
      case 'assign': {
        const v = this.expr(s.value, scope);
        scope.names.set(s.target, v);
        if ('value' in v && this.values[v.value]!.name === undefined) this.values[v.value]!.name = s.target;
        return [this.materialize(v, s.value)];
      }
      case 'expr':
        return [this.materialize(this.expr(s.expr, scope), s.expr)];
      case 'return':
        if (s.values.length === 0) throw new InputError('`return` needs a value: `return x` or `return a, b`.', s.at);
        return s.values.map((e) => this.materialize(this.expr(e, scope), e));
      case 'indexAssign':
        throw new InputError(`Element assignment ${s.target}[...] = ... is only allowed inside runStencil, as b[0,0] = ...`, s.at);
      case 'stencil':
        return lowerStencil(this, s, (e) => this.expr(e, scope), scope.names);
    }
  }

  /** A result that is a bare number becomes a scalar value, so that it can be returned. */
  private materialize(o: Operand, e: Expr): number {
    if ('value' in o) return o.value;
    const result = this.newValue(null, 'f64', this.text(e), e.at);
    this.emit((id) => ({ kind: 'scalar', id, op: '+', args: [o, { number: 0 }], result }));
    return result;
  }

  expr(e: Expr, scope: Scope): Operand {
    switch (e.kind) {
      case 'num':
        return { number: e.value };
      case 'var': {
        const v = scope.names.get(e.name);
        if (!v) throw new InputError(`${e.name} is not defined here.`, e.at);
        return v;
      }
      case 'unary': {
        const a = this.expr(e.arg, scope);
        if (e.op === '+') return a;
        if ('number' in a) return { number: -a.number };
        return this.apply('neg', [a], e);
      }
      case 'binary': {
        const l = this.expr(e.left, scope);
        const r = this.expr(e.right, scope);
        if (!e.dotted && !scope.elementwise) {
          const la = this.shapeOf(l) !== null;
          const ra = this.shapeOf(r) !== null;
          if (la || ra) checkUndotted(e.op, la, ra, e.at);
        }
        return this.apply(BINARY_MATH[e.op], [l, r], e);
      }
      case 'call':
        return this.call(e, scope);
      case 'comprehension':
        return this.comprehension(e, scope);
      case 'index': {
        const idx = scope.elementwise?.index;
        const target = scope.names.get(e.target);
        const one = e.indices.length === 1 ? e.indices[0]! : undefined;
        if (idx && target && 'value' in target && one?.kind === 'var' && one.name === idx.name) {
          const shape = this.shapeOf(target);
          if (!shape) throw new InputError(`${e.target} is a scalar; it cannot be indexed.`, e.at);
          sameShape(shape, scope.elementwise!.shape, `${e.target}[${idx.name}]`, e.at);
          return target;
        }
        throw new InputError(
          idx ? `Inside this comprehension an array is read only as ${e.target}[${idx.name}] (the element at the loop's index).`
            : `Indexing such as ${e.target}[...] is only allowed in a comprehension (A[i]) or inside runStencil (a[-1,0]).`,
          e.at,
        );
      }
      case 'symbol':
        throw new InputError(`The symbol :${e.name} is only understood as runStencil's border mode.`, e.at);
      case 'splat':
        throw new InputError('`...` is only understood in Array(Float32, size(img)...).', e.at);
      case 'lambda':
        throw new InputError('A function `x -> ...` is only understood as the first argument of map.', e.at);
    }
  }

  /** An element-wise operation: a map when any operand is an array, otherwise a scalar operation. */
  apply(op: MathOp, args: Operand[], e: Expr): Operand {
    let shape: Shape | null = null;
    for (const a of args) {
      const s = this.shapeOf(a);
      if (s && shape) sameShape(shape, s, this.text(e), e.at);
      shape = shape ?? s;
    }
    const result = this.newValue(shape, 'f64', this.text(e), e.at);
    this.emit((id) => (shape ? { kind: 'map', id, op, args, result } : { kind: 'scalar', id, op, args, result }));
    return { value: result };
  }

  private call(e: Extract<Expr, { kind: 'call' }>, scope: Scope): Operand {
    const math = MATH_FUNCTIONS[e.callee];
    if (math) {
      if (e.args.length !== math.arity) throw new InputError(`${e.callee} takes ${math.arity} argument${math.arity > 1 ? 's' : ''}, not ${e.args.length}.`, e.at);
      return this.apply(math.op, e.args.map((a) => this.expr(a, scope)), e);
    }
    if ((REDUCTIONS as readonly string[]).includes(e.callee)) return this.reduce(e.callee as Reduction, e, scope);
    if (e.callee === 'length') {
      const a = e.args.length === 1 ? this.expr(e.args[0]!, scope) : undefined;
      const shape = a && this.shapeOf(a);
      if (!a || !shape || !('value' in a)) throw new InputError('length takes one array.', e.at);
      const result = this.newValue(null, 'f64', this.text(e), e.at);
      this.emit((id) => ({ kind: 'length', id, of: a.value, result }));
      this.lengthOf.set(result, shape);
      return { value: result };
    }
    if (e.callee === 'map') return this.map(e, scope);
    if ((ALLOCATORS as readonly string[]).includes(e.callee)) return this.alloc(e, scope);
    if (e.callee === 'size') throw new InputError('size(x) is only understood as Array(Float32, size(x)...).', e.at);
    throw new InputError(`Unknown function ${e.callee}; the functions are ${KNOWN_FUNCTIONS.join(', ')}.`, e.calleeAt);
  }

  private reduce(fn: Reduction, e: Extract<Expr, { kind: 'call' }>, scope: Scope): Operand {
    if (scope.elementwise) throw new InputError(`${fn}(...) inside a comprehension or map: compute it before, give it a name, and use the name.`, e.at);
    if (e.args.length !== 1) throw new InputError(`${fn} takes one array.`, e.at);
    const a = this.expr(e.args[0]!, scope);
    if (!('value' in a) || !this.shapeOf(a)) throw new InputError(`${fn} takes an array; ${this.text(e.args[0]!)} is a scalar.`, e.at);
    const result = this.newValue(null, 'f64', this.text(e), e.at);
    this.emit((id) => ({ kind: 'reduce', id, fn, arg: a.value, result }));
    return { value: result };
  }

  /** `map(x -> body, A)` or `map((x, y) -> body, A, B)`: the body, element by element. */
  private map(e: Extract<Expr, { kind: 'call' }>, scope: Scope): Operand {
    const [f, ...arrays] = e.args;
    if (f?.kind !== 'lambda' || arrays.length !== f.params.length)
      throw new InputError('map takes a function and one array per parameter: map(x -> 2 .* x, A).', e.at);
    const names = new Map(scope.names);
    let shape: Shape | undefined;
    f.params.forEach((p, k) => {
      const a = this.expr(arrays[k]!, scope);
      const s = this.shapeOf(a);
      if (!s) throw new InputError(`map's argument ${this.text(arrays[k]!)} is a scalar, not an array.`, arrays[k]!.at);
      if (shape) sameShape(shape, s, 'map', e.at);
      shape = s;
      names.set(p.name, a);
    });
    const body = this.expr(f.body, { names, elementwise: { shape: shape! } });
    if (this.shapeOf(body) === null) throw new InputError('The function given to map must use its argument (its value is the same for every element).', f.body.at);
    return body;
  }

  private comprehension(e: Extract<Expr, { kind: 'comprehension' }>, scope: Scope): Operand {
    if (scope.elementwise) throw new InputError('Comprehensions cannot be nested.', e.at);
    if (e.from.kind !== 'num' || e.from.value !== 1) throw new InputError('Comprehensions run over 1:n (Julia counts from 1).', e.from.at);
    const n = this.expr(e.to, scope);
    let shape: Shape;
    if ('number' in n) {
      if (!Number.isInteger(n.number) || n.number < 1) throw new InputError(`The range 1:${n.number} needs a whole number of at least 1.`, e.to.at);
      shape = rangeShape(n, String(n.number));
    } else {
      if (this.shapeOf(n)) throw new InputError(`The range's end ${this.text(e.to)} is an array, not a number.`, e.to.at);
      const fromParam = this.ops[this.producer[n.value]!]?.kind === 'input';
      const known = this.lengthOf.get(n.value);
      if (!known && !fromParam) throw new InputError('The range\'s end must be known before the run starts: a number, a scalar parameter, or length(A).', e.to.at);
      shape = known ?? rangeShape(n, this.text(e.to));
    }
    const index = this.newValue(shape, 'f64', e.variable, e.variableAt);
    this.values[index]!.name = e.variable;
    this.emit((id) => ({ kind: 'iota', id, result: index }));
    const names = new Map(scope.names);
    names.set(e.variable, { value: index });
    const body = this.expr(e.body, { names, elementwise: { shape, index: { name: e.variable, value: index } } });
    // A body that does not use i (`[0.5 for i in 1:n]`) is n copies: ifelse(i, c, c), i >= 1.
    return this.shapeOf(body) === null ? this.apply('ifelse', [{ value: index }, body, body], e) : body;
  }

  /** `Array(Float32, size(x)...)`, `zeros(size(x)...)`, `similar(x)`: a new buffer shaped like x (zero-filled, deterministic). */
  private alloc(e: Extract<Expr, { kind: 'call' }>, scope: Scope): Operand {
    const args = [...e.args];
    const first = args[0];
    let elem: Elem | undefined;
    if (first?.kind === 'var' && first.name in ELEMENT_TYPES) {
      elem = ELEMENT_TYPES[first.name];
      args.shift();
    } else if (e.callee === 'Array') throw new InputError('Array needs an element type first: Array(Float32, size(img)...).', e.at);
    let like: Expr | undefined;
    if (e.callee === 'similar') like = args.length === 1 ? args[0] : undefined;
    else {
      const s = args[0];
      if (args.length === 1 && s?.kind === 'splat' && s.arg.kind === 'call' && s.arg.callee === 'size' && s.arg.args.length === 1) like = s.arg.args[0];
    }
    if (!like) throw new InputError(`Write ${e.callee === 'similar' ? 'similar(img)' : `${e.callee}(Float32, size(img)...)`} to make an array shaped like another.`, e.at);
    const l = this.expr(like, scope);
    const shape = this.shapeOf(l);
    if (!shape || !('value' in l)) throw new InputError(`${this.text(like)} is a scalar; a new array is shaped like an array.`, like.at);
    const result = this.newValue(shape, elem ?? (e.callee === 'similar' ? this.values[l.value]!.elem : 'f64'), this.text(e), e.at);
    this.emit((id) => ({ kind: 'alloc', id, result }));
    return { value: result };
  }
}

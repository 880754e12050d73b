import { InputError } from '../../contract.ts';
import type { ParamKind } from '../ir/domain.ts';
import type { Expr, FunctionDef, Stmt } from '../syntax/ast.ts';

const SCALAR_TYPES = new Set(['Float64', 'Float32', 'Real', 'Number', 'AbstractFloat']);
const INTEGER_TYPES = new Set(['Int', 'Int64', 'Int32', 'Integer']);

/**
 * What each parameter is: Julia's parameters are untyped, so, like ParallelAccelerator's type
 * inference from the call site, we read it from the annotation (`::Float64` scalar, `::Int` integer,
 * `::Vector{Float64}`/`Array{T,1}` vector, `::Matrix{Float32}`/`Array{T,2}` image) or from use: a
 * stencil buffer is an image, a stencil's iteration count and a comprehension's bound are integers.
 * Everything else is a vector of `size` elements.
 */
export function paramKinds(fn: FunctionDef): { kinds: ParamKind[]; elems: Map<string, 'f64' | 'f32'> } {
  const used = new Map<string, 'image' | 'integer'>();
  const note = (e: Expr | undefined, as: 'image' | 'integer') => {
    if (e?.kind === 'var' && !used.has(e.name)) used.set(e.name, as);
  };
  const walk = (stmts: Stmt[]) => {
    for (const s of stmts) {
      if (s.kind === 'stencil') {
        s.args.slice(0, s.params.length).forEach((a) => note(a, 'image'));
        note(s.args[s.params.length], 'integer');
        walk(s.body);
      }
      const exprs = s.kind === 'assign' || s.kind === 'indexAssign' ? [s.value] : s.kind === 'expr' ? [s.expr] : s.kind === 'return' ? s.values : [];
      exprs.forEach(visit);
    }
  };
  const visit = (e: Expr): void => {
    if (e.kind === 'comprehension') note(e.to, 'integer');
    for (const child of children(e)) visit(child);
  };
  walk(fn.body);
  // An array assigned to a stencil buffer makes the arrays it is computed from images too
  // (`x = img .* 2` then runStencil(b, x, ...)), up to a fixed point.
  const assigns = fn.body.flatMap((s) => (s.kind === 'assign' ? [s] : []));
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of assigns)
      if (used.get(s.target) === 'image')
        for (const name of namesIn(s.value))
          if (!used.has(name)) {
            used.set(name, 'image');
            changed = true;
          }
  }

  const elems = new Map<string, 'f64' | 'f32'>();
  const kinds = fn.params.map((p): ParamKind => {
    const t = p.type;
    if (t !== undefined) {
      const base = t.split('{')[0]!;
      const args = /\{(.*)\}/.exec(t)?.[1]?.split(',') ?? [];
      if (INTEGER_TYPES.has(base)) return { name: p.name, kind: 'scalar', integer: true, at: p.at };
      if (SCALAR_TYPES.has(base)) return { name: p.name, kind: 'scalar', integer: false, at: p.at };
      const elem = args[0] === 'Float32' ? 'f32' : args[0] === 'Float64' ? 'f64' : undefined;
      if (elem) elems.set(p.name, elem);
      if (base === 'Vector' || (base === 'Array' && args[1] === '1')) return { name: p.name, kind: 'vector', integer: false, at: p.at };
      if (base === 'Matrix' || (base === 'Array' && args[1] === '2')) return { name: p.name, kind: 'image', integer: false, at: p.at };
      if (base !== 'Array' && base !== 'AbstractArray')
        throw new InputError(`The type ${t} is not understood; use Float64, Int, Vector{Float64} or Matrix{Float32}.`, p.at);
    }
    const u = used.get(p.name);
    if (u === 'integer') return { name: p.name, kind: 'scalar', integer: true, at: p.at };
    return { name: p.name, kind: u === 'image' ? 'image' : 'vector', integer: false, at: p.at };
  });
  return { kinds, elems };
}

function namesIn(e: Expr): string[] {
  return e.kind === 'var' ? [e.name] : children(e).flatMap(namesIn);
}

/** The direct sub-expressions of an expression. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'unary':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'call':
      return e.args;
    case 'splat':
      return [e.arg];
    case 'index':
      return e.indices;
    case 'lambda':
      return [e.body];
    case 'comprehension':
      return [e.body, e.from, e.to];
    default:
      return [];
  }
}

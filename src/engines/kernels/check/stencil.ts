import { InputError } from '../../contract.ts';
import type { BorderMode, Pos } from '../api.ts';
import type { KernelInstr, KernelOperand, MathOp, Operand, Reach, Shape, StencilRead, StencilWrite } from '../ir/domain.ts';
import type { Expr, StencilStmt } from '../syntax/ast.ts';
import { MATH_FUNCTIONS } from './builtins.ts';
import type { Lowering } from './lower.ts';
import { BINARY_MATH, sameShape } from './shapes.ts';

export const BORDER_MODES: readonly BorderMode[] = ['oob_skip', 'oob_wraparound', 'oob_src_zero', 'oob_dst_zero'];

/**
 * `runStencil(buf, img, iterations, :oob_skip) do b, a ... end` (ParallelAccelerator's stencil
 * construct): a kernel over relative reads a[dx, dy] of its buffer parameters, writing b[0,0];
 * `return a, b` rotates the buffers between iterations. Lowered to one Domain IR stencil node whose
 * kernel is a small list of element-wise instructions.
 */
export function lowerStencil(L: Lowering, s: StencilStmt, outer: (e: Expr) => Operand, names: Map<string, Operand>): number[] {
  const k = s.params.length;
  if (s.args.length < k || s.args.length > k + 2)
    throw new InputError(`runStencil takes ${k} buffer${k > 1 ? 's' : ''} (one per name after \`do\`), then the iteration count and the border mode.`, s.at);
  const buffers = s.args.slice(0, k).map((a) => {
    const v = a.kind === 'var' ? names.get(a.name) : undefined;
    if (!v || !('value' in v) || !L.shapeOf(v)) throw new InputError(`runStencil's buffer ${L.text(a)} must be the name of an array.`, a.at);
    return v.value;
  });
  const shape = L.shapeOf({ value: buffers[0]! })!;
  buffers.forEach((b, j) => {
    sameShape(shape, L.shapeOf({ value: b })!, 'runStencil\'s buffers', s.args[j]!.at);
    if (buffers.indexOf(b) !== j) throw new InputError('runStencil is given the same array twice.', s.args[j]!.at);
  });
  // ParallelAccelerator: both the iteration count and the border mode are optional (1 and :oob_skip).
  const countArg = s.args[k]?.kind === 'symbol' ? undefined : s.args[k];
  const modeArg = s.args[k]?.kind === 'symbol' ? s.args[k] : s.args[k + 1];
  if (s.args[k]?.kind === 'symbol' && s.args.length > k + 1) throw new InputError('The border mode comes last in runStencil(...).', s.args[k]!.at);
  const iterations = countArg ? outer(countArg) : { number: 1 };
  if (countArg && L.shapeOf(iterations)) throw new InputError('The iteration count must be a number, not an array.', countArg.at);
  if (countArg && 'number' in iterations && !(Number.isInteger(iterations.number) && iterations.number >= 0))
    throw new InputError(`The iteration count must be a whole number, not ${iterations.number}.`, countArg.at);
  if (modeArg && (modeArg.kind !== 'symbol' || !(BORDER_MODES as readonly string[]).includes(modeArg.name)))
    throw new InputError(`The border mode must be one of ${BORDER_MODES.map((m) => `:${m}`).join(', ')}.`, modeArg.at);
  const mode = (modeArg?.kind === 'symbol' ? modeArg.name : 'oob_skip') as BorderMode;

  const kernel = new KernelLowering(L, s.params, shape, names);
  const { writes, rotation } = kernel.body(s);
  if (rotation.some((r, j) => r !== j))
    buffers.forEach((b, j) => {
      if (L.values[b]!.elem !== L.values[buffers[0]!]!.elem) throw new InputError('runStencil\'s buffers trade places, so they must have the same element type (Float32 or Float64).', s.args[j]!.at);
    });
  const text = L.text({ start: s.start, end: Math.min(s.end, s.start + 40) });
  const reach = kernel.reach(kernel.instrs.map((_, j) => j));
  L.emit((id) => ({ kind: 'stencil', id, buffers, iterations, mode, kernel: { params: s.params.map((p) => p.name), instrs: kernel.instrs, writes, rotation, reach }, at: s.at, text }));
  return buffers;
}

class KernelLowering {
  readonly instrs: KernelInstr[] = [];
  private readonly locals = new Map<string, KernelOperand>();
  private readonly readsAt = new Map<number, Pos>();
  private readonly dims: number;

  constructor(
    private readonly L: Lowering,
    private readonly params: { name: string; at: Pos }[],
    shape: Shape,
    private readonly outer: Map<string, Operand>,
  ) {
    this.dims = shape.kind === 'image' ? 2 : 1;
  }

  body(s: StencilStmt): { writes: StencilWrite[]; rotation: number[] } {
    const writes: StencilWrite[] = [];
    let rotation = this.params.map((_, j) => j);
    s.body.forEach((st, j) => {
      if (st.kind === 'assign') {
        if (this.paramIndex(st.target) >= 0) throw new InputError(`${st.target} is a buffer; write one element as ${st.target}[${this.zeros()}] = ...`, st.targetAt);
        this.locals.set(st.target, this.expr(st.value));
      } else if (st.kind === 'indexAssign') {
        const param = this.paramIndex(st.target);
        if (param < 0) throw new InputError(`${st.target} is not one of the stencil's buffers (${this.params.map((p) => p.name).join(', ')}).`, st.targetAt);
        if (st.indices.length !== this.dims || st.indices.some((e) => e.kind !== 'num' || e.value !== 0))
          throw new InputError(`A stencil writes only the current element: ${st.target}[${this.zeros()}] = ...`, st.at);
        if (writes.some((w) => w.param === param)) throw new InputError(`${st.target}[${this.zeros()}] is written twice.`, st.at);
        const from = this.expr(st.value);
        writes.push({ param, from, reach: this.reach(this.cone(from)) });
      } else if (st.kind === 'return') {
        if (j !== s.body.length - 1) throw new InputError('`return` must end the stencil\'s body.', st.at);
        rotation = this.rotation(st.values, st.at);
      } else throw new InputError(st.kind === 'stencil' ? 'Stencils cannot be nested.' : 'This statement has no effect inside a stencil.', st.at);
    });
    if (writes.length === 0) throw new InputError(`The stencil writes nothing: assign ${this.params[0]!.name}[${this.zeros()}] = ...`, s.at);
    for (const w of writes) {
      const at = this.readsAt.get(w.param);
      if (at) throw new InputError(`The stencil reads ${this.params[w.param]!.name}, which it also writes: the result would depend on the order of the sweep.`, at);
    }
    return { writes, rotation };
  }

  /** The instructions a value depends on (ParallelAccelerator decides a write's border from the reads on its right-hand side). */
  private cone(from: KernelOperand): number[] {
    const seen = new Set<number>();
    const visit = (o: KernelOperand) => {
      if (!('local' in o) || seen.has(o.local)) return;
      seen.add(o.local);
      this.instrs[o.local]!.args.forEach(visit);
    };
    visit(from);
    return [...seen];
  }

  /** The bounding box of the reads among these instructions. */
  reach(locals: number[]): Reach {
    const reads = locals.map((j) => this.instrs[j]!).filter((i) => i.read).map((i) => i.read!);
    const over = (f: (r: StencilRead) => number, pick: (...x: number[]) => number) => pick(0, ...reads.map(f));
    return { minDx: over((r) => r.dx, Math.min), maxDx: over((r) => r.dx, Math.max), minDy: over((r) => r.dy, Math.min), maxDy: over((r) => r.dy, Math.max) };
  }

  private zeros(): string {
    return this.dims === 2 ? '0,0' : '0';
  }

  private paramIndex(name: string): number {
    return this.params.findIndex((p) => p.name === name);
  }

  private rotation(values: Expr[], at: Pos): number[] {
    const order = values.map((v) => (v.kind === 'var' ? this.paramIndex(v.name) : -1));
    const isPermutation = order.length === this.params.length && order.every((p, j) => p >= 0 && order.indexOf(p) === j);
    if (!isPermutation) throw new InputError(`A stencil returns its buffers in a new order, e.g. \`return ${[...this.params].reverse().map((p) => p.name).join(', ')}\`.`, at);
    return order;
  }

  private push(op: MathOp | 'read', args: KernelOperand[], read?: StencilRead): KernelOperand {
    if (read) {
      const same = this.instrs.find((i) => i.read && i.read.param === read.param && i.read.dx === read.dx && i.read.dy === read.dy);
      if (same) return { local: same.local };
    }
    const local = this.instrs.length;
    this.instrs.push(read ? { local, op, args, read } : { local, op, args });
    return { local };
  }

  private offset(e: Expr): number {
    const v = e.kind === 'num' ? e.value : e.kind === 'unary' && e.arg.kind === 'num' ? (e.op === '-' ? -e.arg.value : e.arg.value) : NaN;
    if (!Number.isInteger(v) || Math.abs(v) > 64) throw new InputError('A stencil reads at whole-number offsets from the current element (between -64 and 64), as a[-2,1].', e.at);
    return v;
  }

  private expr(e: Expr): KernelOperand {
    switch (e.kind) {
      case 'num':
        return { number: e.value };
      case 'var': {
        const local = this.locals.get(e.name);
        if (local) return local;
        if (this.paramIndex(e.name) >= 0) throw new InputError(`Read the buffer ${e.name} one element at a time, as ${e.name}[${this.zeros()}].`, e.at);
        const v = this.outer.get(e.name);
        if (!v) throw new InputError(`${e.name} is not defined here.`, e.at);
        if ('number' in v) return v;
        if (this.L.shapeOf(v)) throw new InputError(`Inside the stencil, arrays are read through its buffers; ${e.name} is an array.`, e.at);
        return { scalar: v.value };
      }
      case 'unary': {
        const a = this.expr(e.arg);
        if (e.op === '+') return a;
        return 'number' in a ? { number: -a.number } : this.push('neg', [a]);
      }
      case 'binary':
        return this.push(BINARY_MATH[e.op], [this.expr(e.left), this.expr(e.right)]);
      case 'call': {
        const math = MATH_FUNCTIONS[e.callee];
        if (!math) throw new InputError(`Inside a stencil the functions are ${Object.keys(MATH_FUNCTIONS).join(', ')}.`, e.calleeAt);
        if (e.args.length !== math.arity) throw new InputError(`${e.callee} takes ${math.arity} argument${math.arity > 1 ? 's' : ''}, not ${e.args.length}.`, e.at);
        return this.push(math.op, e.args.map((a) => this.expr(a)));
      }
      case 'index': {
        const param = this.paramIndex(e.target);
        if (param < 0) throw new InputError(`${e.target} is not one of the stencil's buffers (${this.params.map((p) => p.name).join(', ')}).`, e.targetAt);
        if (e.indices.length !== this.dims) throw new InputError(`${e.target} has ${this.dims} dimension${this.dims > 1 ? 's' : ''}: read it as ${e.target}[${this.dims === 2 ? 'dx, dy' : 'dx'}].`, e.at);
        const dx = this.offset(e.indices[0]!);
        const dy = this.dims === 2 ? this.offset(e.indices[1]!) : 0;
        if (!this.readsAt.has(param)) this.readsAt.set(param, e.at);
        return this.push('read', [], { param, dx, dy });
      }
      default:
        throw new InputError('This is not understood inside a stencil: use numbers, names, buffer reads a[dx,dy] and arithmetic.', e.at);
    }
  }
}

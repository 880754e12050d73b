import { ERF_JS } from '../codegen/erf.ts';
import { evalOp } from '../codegen/expr.ts';
import type { DomainOp, DomainProgram, KernelOperand, MathOp, Operand } from '../ir/domain.ts';
import { inside, wrap } from '../stencil/borders.ts';
import { reduceBlocks } from './reductions.ts';
import { dimsOf, elementsOf, iterationCount, type RunSizes } from './sizes.ts';
import type { Arr, BackendRun, ProgramInputs, StencilWatcher } from './types.ts';

/** erf from the same text the generated code embeds, so every CPU backend computes the same bits. */
const erf = new Function(`${ERF_JS}\nreturn erf;`)() as (x: number) => number;

type Val = Arr | number;

/**
 * The naive backend: the Domain IR interpreted one array operation at a time, each a full pass
 * that allocates its result, as plain array code (or NumPy) runs; a stencil the same way, one
 * shifted copy per read and one temporary per operation. It is also every other backend's reference.
 */
export function runNaive(p: DomainProgram, inputs: ProgramInputs, sizes: RunSizes, watch?: StencilWatcher): BackendRun {
  const env: Val[] = [];
  const copies = new Map<number, Arr>();
  for (const [v, a] of inputs.arrays) copies.set(v, a.slice());
  let temporaryBytes = 0;
  let watched = false;
  const get = (o: Operand): Val => ('number' in o ? o.number : env[o.value]!);
  const start = performance.now();
  for (const op of p.ops) {
    switch (op.kind) {
      case 'input':
        env[op.result] = copies.get(op.result) ?? inputs.scalars.get(op.result)!;
        break;
      case 'alloc': {
        const v = p.values[op.result]!;
        const n = elementsOf(v.shape!, sizes);
        env[op.result] = v.elem === 'f32' ? new Float32Array(n) : new Float64Array(n);
        break;
      }
      case 'length':
        env[op.result] = elementsOf(p.values[op.of]!.shape!, sizes);
        break;
      case 'scalar': {
        const [a = 0, b = 0, c = 0] = op.args.map(get) as number[];
        env[op.result] = evalOp(op.op, a, b, c, erf);
        break;
      }
      case 'iota': {
        const out = new Float64Array(elementsOf(p.values[op.result]!.shape!, sizes));
        for (let i = 0; i < out.length; i++) out[i] = i + 1;
        temporaryBytes += out.byteLength;
        env[op.result] = out;
        break;
      }
      case 'map': {
        const out = new Float64Array(elementsOf(p.values[op.result]!.shape!, sizes));
        mapPass(op.op, op.args.map(get), out);
        temporaryBytes += out.byteLength;
        env[op.result] = out;
        break;
      }
      case 'reduce':
        env[op.result] = reduceBlocks(op.fn, env[op.arg] as Arr);
        break;
      case 'stencil':
        temporaryBytes += stencil(p, op, env, sizes, watched ? undefined : watch);
        watched = true;
    }
  }
  const millis = performance.now() - start;
  return { outputs: p.outputs.map((v) => env[v]!), temporaryBytes, millis };
}

/** One element-wise operation over whole arrays; scalar operands are broadcast. */
export function mapPass(op: MathOp, args: Val[], out: Float64Array): void {
  const [x, y, z] = args;
  const A = typeof x === 'number' ? undefined : x;
  const B = typeof y === 'number' ? undefined : y;
  const C = typeof z === 'number' ? undefined : z;
  const a = typeof x === 'number' ? x : 0;
  const b = typeof y === 'number' ? y : 0;
  const c = typeof z === 'number' ? z : 0;
  for (let i = 0; i < out.length; i++) out[i] = evalOp(op, A ? A[i]! : a, B ? B[i]! : b, C ? C[i]! : c, erf);
}

/** A stencil, array-operation style (stencil/borders.ts defines the border modes). Returns the temporaries' bytes. */
function stencil(p: DomainProgram, op: Extract<DomainOp, { kind: 'stencil' }>, env: Val[], sizes: RunSizes, watch?: StencilWatcher): number {
  const k = op.kernel;
  const { width: W, height: H } = dimsOf(p.values[op.buffers[0]!]!.shape!, sizes);
  const n = W * H;
  const iterations = iterationCount('number' in op.iterations ? op.iterations.number : (env[op.iterations.value] as number), op.at);
  let binding = op.buffers.map((b) => env[b] as Arr);
  const written = new Set(k.writes.map((w) => w.param));
  watch?.start(binding[Math.max(0, k.params.findIndex((_, j) => !written.has(j)))]!);
  let bytes = 0;
  for (let it = 1; it <= iterations; it++) {
    const locals: Val[] = [];
    const get = (o: KernelOperand): Val => ('number' in o ? o.number : 'scalar' in o ? (env[o.scalar] as number) : locals[o.local]!);
    for (const instr of k.instrs) {
      const out = new Float64Array(n);
      if (instr.read) shiftedCopy(binding[instr.read.param]!, instr.read.dx, instr.read.dy, W, H, op.mode === 'oob_wraparound', out);
      else mapPass(instr.op as MathOp, instr.args.map(get), out);
      bytes += out.byteLength;
      locals[instr.local] = out;
    }
    for (const w of k.writes) {
      const dest = binding[w.param]!;
      const v = get(w.from);
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const o = y * W + x;
          const value = typeof v === 'number' ? v : v[o]!;
          if (op.mode === 'oob_skip') {
            if (inside(w.reach, x, y, W, H)) dest[o] = value;
          } else if (op.mode === 'oob_dst_zero') dest[o] = inside(w.reach, x, y, W, H) ? value : 0;
          else dest[o] = value;
        }
    }
    watch?.iteration(it, binding[k.writes[0]!.param]!);
    binding = k.rotation.map((j) => binding[j]!);
  }
  return bytes;
}

/** out[x, y] = src[x + dx, y + dy]; outside the array, the wrapped element or 0. */
function shiftedCopy(src: Arr, dx: number, dy: number, W: number, H: number, wrapAround: boolean, out: Float64Array): void {
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const sx = x + dx;
      const sy = y + dy;
      const ok = sx >= 0 && sx < W && sy >= 0 && sy < H;
      out[y * W + x] = ok ? src[sy * W + sx]! : wrapAround ? src[wrap(sy, H) * W + wrap(sx, W)]! : 0;
    }
}

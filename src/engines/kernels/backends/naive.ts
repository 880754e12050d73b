import { evalOp } from '../codegen/expr.ts';
import { erf, instantiatePass, type Pass } from '../codegen/instantiate.ts';
import { passCode } from '../codegen/passJs.ts';
import type { DomainOp, DomainProgram, KernelOperand, MathOp, Operand } from '../ir/domain.ts';
import { opArgs } from '../ir/uses.ts';
import { inside, wrap } from '../stencil/borders.ts';
import { reduceBlocks } from './reductions.ts';
import { dimsOf, elementsOf, iterationCount, type RunSizes } from './sizes.ts';
import type { Arr, BackendRun, ProgramInputs, StencilWatcher } from './types.ts';

type Val = Arr | number;

/**
 * For each op, the arrays it reads for the last time: plain array code frees a temporary once
 * nothing refers to it (NumPy's reference counts, Julia's GC), so the naive run drops them too
 * and its memory peaks at the live arrays, not at every temporary it allocated (which it reports).
 */
function lastReads(p: DomainProgram): number[][] {
  const last = new Map<number, number>();
  p.ops.forEach((op, k) => {
    for (const a of opArgs(op)) if ('value' in a) last.set(a.value, k);
  });
  const outputs = new Set(p.outputs);
  const dead: number[][] = p.ops.map(() => []);
  for (const [v, k] of last) if (!outputs.has(v) && p.values[v]!.shape) dead[k]!.push(v);
  return dead;
}

/**
 * The naive backend: the Domain IR interpreted one array operation at a time, each a full pass
 * that allocates its result, as plain array code (or NumPy) runs; a stencil the same way, one
 * shifted copy per read and one temporary per operation. It is also every other backend's reference.
 */
export function runNaive(p: DomainProgram, inputs: ProgramInputs, sizes: RunSizes, watch?: StencilWatcher): BackendRun {
  const env: (Val | undefined)[] = [];
  const dead = lastReads(p);
  const copies = new Map<number, Arr>();
  for (const [v, a] of inputs.arrays) copies.set(v, a.slice());
  let temporaryBytes = 0;
  let watched = false;
  const get = (o: Operand): Val => ('number' in o ? o.number : env[o.value]!);
  const start = performance.now();
  for (const [k, op] of p.ops.entries()) {
    switch (op.kind) {
      case 'input':
        env[op.result] = copies.get(op.result) ?? inputs.scalars.get(op.result)!;
        copies.delete(op.result);
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
    for (const v of dead[k]!) env[v] = undefined;
  }
  const millis = performance.now() - start;
  return { outputs: p.outputs.map((v) => env[v]!), temporaryBytes, millis };
}

const passes = new Map<string, Pass>();

/** One element-wise operation over whole arrays, one compiled loop per (operation, which operands are arrays). */
export function mapPass(op: MathOp, args: Val[], out: Float64Array): void {
  const arrays = args.map((a) => typeof a !== 'number');
  const key = `${op} ${arrays.join()}`;
  let pass = passes.get(key);
  if (!pass) passes.set(key, (pass = instantiatePass(passCode(op, arrays))));
  pass(out, args[0] ?? 0, args[1] ?? 0, args[2] ?? 0);
}

/** A stencil, array-operation style (stencil/borders.ts defines the border modes). Returns the temporaries' bytes. */
function stencil(p: DomainProgram, op: Extract<DomainOp, { kind: 'stencil' }>, env: (Val | undefined)[], sizes: RunSizes, watch?: StencilWatcher): number {
  const k = op.kernel;
  const { width: W, height: H } = dimsOf(p.values[op.buffers[0]!]!.shape!, sizes);
  const n = W * H;
  const iterations = iterationCount('number' in op.iterations ? op.iterations.number : (env[op.iterations.value] as number), op.at);
  let binding = op.buffers.map((b) => env[b] as Arr);
  const written = new Set(k.writes.map((w) => w.param));
  watch?.start(binding[Math.max(0, k.params.findIndex((_, j) => !written.has(j)))]!);
  // The instruction after which each local is dead (the writes read theirs at the end).
  const lastUse = new Map<number, number>();
  k.instrs.forEach((instr, j) => instr.args.forEach((a) => 'local' in a && lastUse.set(a.local, j)));
  k.writes.forEach((w) => 'local' in w.from && lastUse.set(w.from.local, k.instrs.length));
  let bytes = 0;
  for (let it = 1; it <= iterations; it++) {
    const locals = new Map<number, Val>();
    const get = (o: KernelOperand): Val => ('number' in o ? o.number : 'scalar' in o ? (env[o.scalar] as number) : locals.get(o.local)!);
    for (const [j, instr] of k.instrs.entries()) {
      const out = new Float64Array(n);
      if (instr.read) shiftedCopy(binding[instr.read.param]!, instr.read.dx, instr.read.dy, W, H, op.mode === 'oob_wraparound', out);
      else mapPass(instr.op as MathOp, instr.args.map(get), out);
      bytes += out.byteLength;
      locals.set(instr.local, out);
      for (const a of instr.args) if ('local' in a && lastUse.get(a.local) === j) locals.delete(a.local);
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

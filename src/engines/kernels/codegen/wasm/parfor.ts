import type { DomainOp, MathOp, Operand } from '../../ir/domain.ts';
import type { ParallelProgram, Parfor } from '../../fusion/parallel.ts';
import { REDUCTION_BLOCK, type Layout } from '../layout.ts';
import { encodeModule, F64, f64Bytes, FunctionBody, I32, u32, V128 } from './encoder.ts';
import { mathBody, mathClosure, type MathFn } from './math.ts';
import { abs, add, and, call, div, eq, ge, get, gt, le, lt, max, min, mul, ne, neg, select, set, splat, sqrt, sub, type V } from './vec.ts';

/**
 * One parfor of the Parallel IR as a WebAssembly module (f64x2 SIMD: two elements per step).
 * Memory is the host's shared memory (encoder.ts imports it): at address 0 an i32 table of each
 * layout buffer's byte address, then the address of the scalar table. The module exports
 * `run(lo, hi)`, which computes elements [lo, hi) in blocks of REDUCTION_BLOCK (a reduction's
 * partial per block, added in element order, as the JavaScript loops do), each block two elements
 * at a time and an odd last element with both lanes equal. Imported: Math.pow (`^`, per lane).
 */
export function parforModule(p: ParallelProgram, L: Layout, s: Parfor): Uint8Array<ArrayBuffer> {
  const used = new Set<MathFn>();
  for (const k of s.ops) {
    const op = p.domain.ops[k]!;
    if (op.kind === 'map' && (op.op === 'exp' || op.op === 'log' || op.op === 'log10' || op.op === 'erf')) used.add(op.op);
  }
  const math = mathClosure(used);
  // Function indices: the import (pow) is 0, then the math functions, then block, then run.
  const index = (fn: MathFn) => 1 + math.indexOf(fn);
  const bodies = math.map((fn) => mathBody(fn, index));
  const blockIndex = 1 + math.length;
  return encodeModule({
    imports: [{ name: 'pow', params: [F64, F64], results: [F64] }],
    functions: [...bodies, blockBody(p, L, s, index), runBody(blockIndex)],
    exports: [{ name: 'run', index: bodies.length + 1 }],
  });
}

const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_CONST = 0x41;
const I32_LOAD = 0x28;
const BR_IF = 0x0d;
const BR = 0x0c;
const BLOCK = 0x02;
const LOOP = 0x03;
const IF = 0x04;
const END = 0x0b;
const VOID = 0x40;
const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;
const I32_GE_S = 0x4e;
const I32_GT_S = 0x4a;
const I32_LT_S = 0x48;
const SELECT = 0x1b;
const SIMD = 0xfd;
const mem = (alignLog2: number) => [...u32(alignLog2), ...u32(0)];

/** run(lo, hi): one call of `block` per REDUCTION_BLOCK elements (a small function V8 optimizes after its first calls). */
function runBody(block: number): FunctionBody {
  const f = new FunctionBody([I32, I32], []);
  const start = f.local(I32);
  const end = f.local(I32);
  f.emit(LOCAL_GET, 0, LOCAL_SET, start, BLOCK, VOID, LOOP, VOID);
  f.emit(LOCAL_GET, start, LOCAL_GET, 1, I32_GE_S, BR_IF, 1);
  // end = min(start + BLOCK, hi)
  f.emit(LOCAL_GET, start, I32_CONST, ...u32(REDUCTION_BLOCK), I32_ADD, LOCAL_SET, end);
  f.emit(LOCAL_GET, end, LOCAL_GET, 1, LOCAL_GET, end, LOCAL_GET, 1, I32_LT_S, SELECT, LOCAL_SET, end);
  f.emit(LOCAL_GET, start, LOCAL_GET, end, 0x10, ...u32(block));
  f.emit(LOCAL_GET, end, LOCAL_SET, start, BR, 0, END, END);
  return f;
}

interface Slot {
  base: number;
  f32: boolean;
}

/** block(start, end): the parfor's body over [start, end), its reductions' partial for this block stored. */
function blockBody(p: ParallelProgram, L: Layout, s: Parfor, index: (fn: MathFn) => number): FunctionBody {
  const { ops, values } = p.domain;
  const f = new FunctionBody([I32, I32], []);
  const [start, end] = [0, 1];
  const i = f.local(I32);
  const slots = new Map<number, Slot>();
  const slotOf = (buffer: number): Slot => {
    let slot = slots.get(buffer);
    if (!slot) {
      const b = L.buffers[buffer]!;
      slot = { base: f.local(I32), f32: b.kind === 'array' && b.elem === 'f32' };
      slots.set(buffer, slot);
    }
    return slot;
  };
  const produced = new Map<number, number>();
  const loaded = new Map<number, number>();
  const scalars = new Map<number, number>();
  const operand = (o: Operand): V => {
    if ('number' in o) return splat(o.number);
    if (values[o.value]!.shape === null) {
      if (!scalars.has(o.value)) scalars.set(o.value, f.local(V128));
      return get(scalars.get(o.value)!);
    }
    const here = produced.get(o.value);
    if (here !== undefined) return get(here);
    if (!loaded.has(o.value)) loaded.set(o.value, f.local(V128));
    return get(loaded.get(o.value)!);
  };
  // The body once as instruction closures (so operands are resolved once), emitted twice: pairs and the odd element.
  const steps: ((pair: boolean) => void)[] = [];
  for (const k of s.ops) {
    const op = ops[k]!;
    if (op.kind === 'iota') {
      const local = f.local(V128);
      produced.set(op.result, local);
      steps.push((pair) => set(f, local, add(iota(i, pair), splat(1))));
    } else if (op.kind === 'map') {
      const args = op.args.map(operand);
      const local = f.local(V128);
      produced.set(op.result, local);
      const value = mapOp(op.op, args, index);
      steps.push(() => set(f, local, value));
    }
  }
  const reductions = s.reductions.map((k) => {
    const op = ops[k] as Extract<DomainOp, { kind: 'reduce' }>;
    return { op, x: operand({ value: op.arg }), acc: f.local(F64), partials: slotOf(L.partialsOf.get(k)!) };
  });
  const stores = [...produced].filter(([v]) => p.stored.has(v)).map(([v, local]) => ({ local, slot: slotOf(L.bufferOf.get(v)!) }));
  const loads = [...loaded].map(([v, local]) => ({ local, slot: slotOf(L.bufferOf.get(v)!) }));

  // Prologue: buffer addresses from the table at 0, scalars from the scalar table, both lanes.
  for (const [buffer, slot] of slots) f.emit(I32_CONST, 0, I32_LOAD, ...u32(2), ...u32(4 * buffer), LOCAL_SET, ...u32(slot.base));
  if (scalars.size) {
    const table = f.local(I32);
    f.emit(I32_CONST, 0, I32_LOAD, ...u32(2), ...u32(4 * L.buffers.length), LOCAL_SET, ...u32(table));
    for (const [v, local] of scalars) f.emit(LOCAL_GET, ...u32(table), 0x2b, ...u32(3), ...u32(8 * L.scalarOf.get(v)!), SIMD, ...u32(0x14), LOCAL_SET, ...u32(local));
  }
  for (const r of reductions) f.emit(0x44, ...f64Bytes(r.op.fn === 'sum' ? 0 : r.op.fn === 'minimum' ? Infinity : -Infinity), LOCAL_SET, ...u32(r.acc));

  const address = (slot: Slot) => f.emit(LOCAL_GET, ...u32(slot.base), LOCAL_GET, ...u32(i), I32_CONST, slot.f32 ? 2 : 3, I32_SHL, I32_ADD);
  const body = (pair: boolean) => {
    for (const { local, slot } of loads) {
      address(slot);
      // pair: v128.load / load64_zero (two f32); odd element: load64_splat / load32_splat.
      const opcode = slot.f32 ? (pair ? 0x5d : 0x09) : pair ? 0x00 : 0x0a;
      f.emit(SIMD, ...u32(opcode), ...mem(slot.f32 ? 2 : 3));
      if (slot.f32) f.emit(SIMD, ...u32(0x5f));
      f.emit(LOCAL_SET, ...u32(local));
    }
    for (const step of steps) step(pair);
    for (const { local, slot } of stores) {
      address(slot);
      f.emit(LOCAL_GET, ...u32(local));
      if (pair) f.emit(SIMD, ...u32(0x0b), ...mem(3));
      else f.emit(SIMD, ...u32(0x5b), ...mem(3), 0);
    }
    for (const r of reductions)
      for (const lane of pair ? [0, 1] : [0]) {
        f.emit(LOCAL_GET, ...u32(r.acc));
        r.x(f);
        f.emit(SIMD, ...u32(0x21), lane, r.op.fn === 'sum' ? 0xa0 : r.op.fn === 'minimum' ? 0xa4 : 0xa5, LOCAL_SET, ...u32(r.acc));
      }
  };
  // Pairs while i + 2 <= end, then the odd element.
  f.emit(LOCAL_GET, start, LOCAL_SET, ...u32(i), BLOCK, VOID, LOOP, VOID);
  f.emit(LOCAL_GET, ...u32(i), I32_CONST, 2, I32_ADD, LOCAL_GET, end, I32_GT_S, BR_IF, 1);
  body(true);
  f.emit(LOCAL_GET, ...u32(i), I32_CONST, 2, I32_ADD, LOCAL_SET, ...u32(i), BR, 0, END, END);
  f.emit(LOCAL_GET, ...u32(i), LOCAL_GET, end, I32_LT_S, IF, VOID);
  body(false);
  f.emit(END);
  // partials[start / BLOCK] = acc
  for (const r of reductions) {
    f.emit(LOCAL_GET, ...u32(r.partials.base), LOCAL_GET, start, I32_CONST, ...u32(Math.log2(REDUCTION_BLOCK)), I32_SHR_U, I32_CONST, 3, I32_SHL, I32_ADD);
    f.emit(LOCAL_GET, ...u32(r.acc), 0x39, ...mem(3));
  }
  return f;
}

/** The element indices of the lanes as f64: (i, i + 1) for a pair, (i, i) for the odd element. */
const iota = (i: number, pair: boolean): V => (f) => {
  f.emit(LOCAL_GET, ...u32(i), SIMD, ...u32(0x11));
  if (pair) f.emit(SIMD, ...u32(0x0c), 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, SIMD, ...u32(0xae));
  f.emit(SIMD, ...u32(0xfe));
};

/** One element-wise operation on both lanes (the meaning codegen/expr.ts gives it). */
function mapOp(op: MathOp, a: V[], index: (fn: MathFn) => number): V {
  const [x = splat(0), y = splat(0), z = splat(0)] = a;
  const flag = (mask: V) => and(mask, splat(1));
  switch (op) {
    case '+': return add(x, y);
    case '-': return sub(x, y);
    case '*': return mul(x, y);
    case '/': return div(x, y);
    case '^': return powLanes(x, y);
    case 'neg': return neg(x);
    case '<': return flag(lt(x, y));
    case '>': return flag(gt(x, y));
    case '<=': return flag(le(x, y));
    case '>=': return flag(ge(x, y));
    case '==': return flag(eq(x, y));
    case '!=': return flag(ne(x, y));
    case 'ifelse': return select(y, z, ne(x, splat(0)));
    case 'sqrt': return sqrt(x);
    case 'abs': return abs(x);
    case 'min': return min(x, y);
    case 'max': return max(x, y);
    case 'exp': case 'log': case 'log10': case 'erf': return call(index(op), x);
  }
}

/** Math.pow (the import) on each lane. */
const powLanes = (x: V, y: V): V => (f) => {
  for (const lane of [0, 1]) {
    x(f);
    f.emit(SIMD, ...u32(0x21), lane);
    y(f);
    f.emit(SIMD, ...u32(0x21), lane, 0x10, 0);
    if (lane === 0) f.emit(SIMD, ...u32(0x14));
    else f.emit(SIMD, ...u32(0x22), 1);
  }
};

/** A module per parfor step (undefined for the other steps: host work stays JavaScript, stencils are not compiled to WebAssembly). */
export function generateWasm(p: ParallelProgram, L: Layout): (Uint8Array<ArrayBuffer> | undefined)[] {
  return p.steps.map((s) => (s.kind === 'parfor' ? parforModule(p, L, s) : undefined));
}

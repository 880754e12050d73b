import type { DomainOp, KernelOperand, MathOp, Operand, StencilRead } from '../ir/domain.ts';
import type { ParallelProgram, Parfor } from '../fusion/parallel.ts';
import type { Layout } from './layout.ts';
import { WGSL_HELPERS, wgslNumber, wgslOp } from './wgslExpr.ts';

export const WGSL_WORKGROUP_SIZE = 64;

/**
 * One WGSL compute shader per parfor or stencil sweep (float32 throughout). Bindings: the arrays
 * the step reads and writes, then one array of reduction arguments per reduction (the host adds
 * them up in blocks), then the scalars: [n (as u32 bits), then the program's scalars]; for a
 * stencil [width, height (u32 bits), then the scalars]. Names are ours; numbers printed from the
 * parsed values, as in the JavaScript.
 */
export interface WgslKernel {
  code: string;
  /** Layout buffers bound at 0..k-1 (stencil: its parameters, in rotation order at run time). */
  buffers: number[];
  /** Layout buffers among `buffers` that the shader writes. */
  writes: number[];
  /** Reductions whose argument the shader writes, bound after `buffers` in this order. */
  reductions: number[];
}

export interface WgslProgram {
  kernels: (WgslKernel | undefined)[];
  listing: string;
}

const binding = (k: number, name: string) => `@group(0) @binding(${k}) var<storage, read_write> ${name}: array<f32>;`;
const ENTRY = `@compute @workgroup_size(${WGSL_WORKGROUP_SIZE})\nfn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {\n  let i = gid.x + gid.y * nwg.x * ${WGSL_WORKGROUP_SIZE}u;`;

const helpers = (ops: MathOp[]) => [...new Set(ops)].flatMap((o) => (WGSL_HELPERS[o] ? [WGSL_HELPERS[o]] : []));

export function generateWgsl(p: ParallelProgram, L: Layout): WgslProgram {
  const kernels = p.steps.map((s) => (s.kind === 'parfor' ? parfor(p, L, s) : s.kind === 'stencil' ? stencil(p, L, p.domain.ops[s.op] as Extract<DomainOp, { kind: 'stencil' }>) : undefined));
  const listing = kernels.map((k, j) => (k ? `// step ${j + 1}\n${k.code}` : '')).filter(Boolean).join('\n\n');
  return { kernels, listing };
}

function parfor(p: ParallelProgram, L: Layout, s: Parfor): WgslKernel {
  const { ops, values } = p.domain;
  const produced = new Set<number>();
  const loads: number[] = [];
  const mathOps: MathOp[] = [];
  const body: string[] = [];
  const operand = (o: Operand): string => {
    if ('number' in o) return wgslNumber(o.number);
    if (values[o.value]!.shape === null) return `sc[${L.scalarOf.get(o.value)! + 1}]`;
    if (!produced.has(o.value) && !loads.includes(o.value)) loads.push(o.value);
    return `v${o.value}`;
  };
  for (const k of s.ops) {
    const op = ops[k]!;
    if (op.kind === 'iota') body.push(`let v${op.result} = f32(i + 1u);`);
    else if (op.kind === 'map') {
      mathOps.push(op.op);
      body.push(`let v${op.result} = ${wgslOp(op.op, op.args.map(operand))};`);
    }
    produced.add((op as { result: number }).result);
  }
  const reductionArgs = s.reductions.map((k) => operand({ value: (ops[k] as Extract<DomainOp, { kind: 'reduce' }>).arg }));
  const stored = [...produced].filter((v) => p.stored.has(v));
  const buffers = [...loads, ...stored].map((v) => L.bufferOf.get(v)!);
  const decls = [...buffers.map((b, k) => binding(k, `b${b}`)), ...s.reductions.map((_, j) => binding(buffers.length + j, `red${j}`)), binding(buffers.length + s.reductions.length, 'sc')];
  const code = [
    ...decls,
    ...helpers(mathOps),
    ENTRY,
    '  if (i >= bitcast<u32>(sc[0])) { return; }',
    ...loads.map((v) => `  let v${v} = b${L.bufferOf.get(v)!}[i];`),
    ...body.map((l) => `  ${l}`),
    ...stored.map((v) => `  b${L.bufferOf.get(v)!}[i] = v${v};`),
    ...reductionArgs.map((x, j) => `  red${j}[i] = ${x};`),
    '}',
  ].join('\n');
  return { code, buffers, writes: stored.map((v) => L.bufferOf.get(v)!), reductions: s.reductions };
}

function stencil(p: ParallelProgram, L: Layout, op: Extract<DomainOp, { kind: 'stencil' }>): WgslKernel {
  const k = op.kernel;
  const mathOps: MathOp[] = [];
  const operand = (o: KernelOperand): string => ('number' in o ? wgslNumber(o.number) : 'scalar' in o ? `sc[${L.scalarOf.get(o.scalar)! + 2}]` : `t${o.local}`);
  const read = (r: StencilRead): string => {
    const sx = `x + ${r.dx}`;
    const sy = `y + ${r.dy}`;
    if (op.mode === 'oob_wraparound') return `p${r.param}[u32(((${sy}) % h + h) % h * w + ((${sx}) % w + w) % w)]`;
    return `select(0.0, p${r.param}[u32(clamp(${sy}, 0, h - 1) * w + clamp(${sx}, 0, w - 1))], ${sx} >= 0 && ${sx} < w && ${sy} >= 0 && ${sy} < h)`;
  };
  const lines = k.instrs.map((instr) => {
    if (instr.read) return `let t${instr.local} = ${read(instr.read)};`;
    mathOps.push(instr.op as MathOp);
    return `let t${instr.local} = ${wgslOp(instr.op as MathOp, instr.args.map(operand))};`;
  });
  for (const w of k.writes) {
    const r = w.reach;
    const inb = `x >= ${-r.minDx} && x < w - ${r.maxDx} && y >= ${-r.minDy} && y < h - ${r.maxDy}`;
    const v = operand(w.from);
    if (op.mode === 'oob_skip') lines.push(`if (${inb}) { p${w.param}[i] = ${v}; }`);
    else if (op.mode === 'oob_dst_zero') lines.push(`p${w.param}[i] = select(0.0, ${v}, ${inb});`);
    else lines.push(`p${w.param}[i] = ${v};`);
  }
  const code = [
    ...k.params.map((_, j) => binding(j, `p${j}`)),
    binding(k.params.length, 'sc'),
    ...helpers(mathOps),
    ENTRY,
    '  let w = i32(bitcast<u32>(sc[0]));',
    '  let h = i32(bitcast<u32>(sc[1]));',
    '  if (i >= u32(w * h)) { return; }',
    '  let x = i32(i) % w;',
    '  let y = i32(i) / w;',
    ...lines.map((l) => `  ${l}`),
    '}',
  ].join('\n');
  const buffers = op.buffers.map((b) => L.bufferOf.get(b)!);
  return { code, buffers, writes: [...new Set(k.writes.map((w) => buffers[w.param]!))], reductions: [] };
}

import type { DomainOp, MathOp, Operand } from '../ir/domain.ts';
import type { HostStep, ParallelProgram, Parfor, Step } from '../fusion/parallel.ts';
import { ERF_JS, erfInline } from './erf.ts';
import { jsNumber, jsOp } from './expr.ts';
import { REDUCTION_BLOCK, type Layout } from './layout.ts';
import { stencilCode } from './stencilJs.ts';

/**
 * JavaScript code generation from the checked Parallel IR: one function body per step, with the
 * signature (buffers, scalars, lo, hi). Every identifier is ours (b: buffer views, s: scalars,
 * v: values, r: accumulators), every number is printed from its parsed value, every operation from
 * a closed table (expr.ts). No text of the program is ever copied in, so a shared link's program
 * cannot smuggle JavaScript into the `new Function` that runs it.
 */
export interface JsStep {
  step: number;
  code: string;
}

export function generateJs(p: ParallelProgram, L: Layout): { steps: (JsStep | undefined)[]; listing: string } {
  let loop = 0;
  const steps = p.steps.map((s, k): JsStep | undefined => {
    if (s.kind === 'parfor') return { step: k, code: parforCode(p, L, s, ++loop) };
    if (s.kind === 'host') return { step: k, code: hostCode(p, L, s) };
    if (s.kind === 'stencil') return { step: k, code: stencilCode(p, L, p.domain.ops[s.op] as Extract<DomainOp, { kind: 'stencil' }>, ++loop) };
    return undefined;
  });
  const listing = steps
    .map((s, k) => (s ? `// step ${k + 1}: ${describe(p.steps[k]!)}\nfunction step${k + 1}(buffers, scalars, lo, hi) {\n${indent(s.code)}\n}` : `// step ${k + 1}: ${describe(p.steps[k]!)}`))
    .join('\n\n');
  return { steps, listing };
}

function describe(s: Step): string {
  switch (s.kind) {
    case 'parfor':
      return `parfor over ${s.shape.describe} (${s.ops.length + s.reductions.length} operations in one loop)`;
    case 'host':
      return 'scalar work on the main thread';
    case 'stencil':
      return 'stencil sweep (run once per iteration; a barrier between iterations)';
    case 'alloc':
      return 'a new zero-filled buffer';
  }
}

const indent = (code: string) => code.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n');

export function usesErf(ops: MathOp[]): boolean {
  return ops.includes('erf');
}

export function viewDecl(L: Layout, buffer: number, source: string): string {
  const slot = L.buffers[buffer]!;
  const type = slot.kind === 'array' && slot.elem === 'f32' ? 'Float32Array' : 'Float64Array';
  return `const b${buffer} = new ${type}(${source});`;
}

function parforCode(p: ParallelProgram, L: Layout, s: Parfor, index: number): string {
  const { ops, values } = p.domain;
  const produced = new Set<number>();
  const loads = new Set<number>();
  const scalars = new Set<number>();
  const body: string[] = [];
  const operand = (o: Operand): string => {
    if ('number' in o) return jsNumber(o.number);
    if (values[o.value]!.shape === null) {
      scalars.add(o.value);
      return `s${L.scalarOf.get(o.value)!}`;
    }
    if (!produced.has(o.value)) loads.add(o.value);
    return `v${o.value}`;
  };
  for (const k of s.ops) {
    const op = ops[k]!;
    if (op.kind === 'iota') body.push(`const v${op.result} = i + 1;`);
    else if (op.kind === 'map' && op.op === 'erf') body.push(...erfInline(`v${op.result}`, operand(op.args[0]!)));
    else if (op.kind === 'map') body.push(`const v${op.result} = ${jsOp(op.op, op.args.map(operand))};`);
    produced.add((op as { result: number }).result);
  }
  const reductions = s.reductions.map((k, j) => {
    const op = ops[k] as Extract<DomainOp, { kind: 'reduce' }>;
    const x = operand({ value: op.arg });
    const init = op.fn === 'sum' ? '0' : op.fn === 'minimum' ? 'Infinity' : '-Infinity';
    const step = op.fn === 'sum' ? `r${j} += ${x};` : `r${j} = Math.${op.fn === 'minimum' ? 'min' : 'max'}(r${j}, ${x});`;
    return { init: `let r${j} = ${init};`, step, flush: `b${L.partialsOf.get(k)!}[start / ${REDUCTION_BLOCK}] = r${j};`, buffer: L.partialsOf.get(k)! };
  });
  const stores = [...produced].filter((v) => p.stored.has(v)).map((v) => `b${L.bufferOf.get(v)!}[i] = v${v};`);
  const loadLines = [...loads].map((v) => `const v${v} = b${L.bufferOf.get(v)!}[i];`);
  const buffers = [...[...loads].map((v) => L.bufferOf.get(v)!), ...[...produced].filter((v) => p.stored.has(v)).map((v) => L.bufferOf.get(v)!), ...reductions.map((r) => r.buffer)];
  const header = [
    `// parfor ${index}: ${s.ops.length} element-wise operation${s.ops.length === 1 ? '' : 's'}${reductions.length ? ` and ${reductions.length} reduction${reductions.length > 1 ? 's' : ''}` : ''} in one pass; ${s.ops.length - stores.length} temporar${s.ops.length - stores.length === 1 ? 'y stays' : 'ies stay'} in registers`,
    ...[...new Set(buffers)].sort((a, b) => a - b).map((b) => viewDecl(L, b, `buffers[${b}]`)),
    ...[...scalars].map((v) => `const s${L.scalarOf.get(v)!} = scalars[${L.scalarOf.get(v)!}];`),
  ];
  const inner = [...loadLines, ...body, ...stores, ...reductions.map((r) => r.step)];
  if (reductions.length === 0) return [...header, 'for (let i = lo; i < hi; i++) {', ...inner.map((l) => `  ${l}`), '}'].join('\n');
  return [
    ...header,
    `// reductions add up blocks of ${REDUCTION_BLOCK} elements; the blocks are combined in order afterwards, so the result does not depend on how the range is split`,
    `for (let start = lo; start < hi; start += ${REDUCTION_BLOCK}) {`,
    `  const end = Math.min(start + ${REDUCTION_BLOCK}, hi);`,
    ...reductions.map((r) => `  ${r.init}`),
    '  for (let i = start; i < end; i++) {',
    ...inner.map((l) => `    ${l}`),
    '  }',
    ...reductions.map((r) => `  ${r.flush}`),
    '}',
  ].join('\n');
}

function hostCode(p: ParallelProgram, L: Layout, s: HostStep): string {
  const { ops } = p.domain;
  const lines: string[] = [];
  const mathOps: MathOp[] = [];
  const operand = (o: Operand) => ('number' in o ? jsNumber(o.number) : `scalars[${L.scalarOf.get(o.value)!}]`);
  for (const k of s.ops) {
    const op = ops[k]!;
    if (op.kind === 'length') lines.push(`// scalars[${L.scalarOf.get(op.result)!}] holds the length of an array, set from the run's sizes`);
    else if (op.kind === 'scalar') {
      mathOps.push(op.op);
      lines.push(`scalars[${L.scalarOf.get(op.result)!}] = ${jsOp(op.op, op.args.map(operand))};`);
    }
  }
  return [...(usesErf(mathOps) ? [ERF_JS] : []), ...lines].join('\n');
}

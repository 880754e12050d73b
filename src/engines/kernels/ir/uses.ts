import type { DomainOp, Operand } from './domain.ts';

/** The operands an op reads (a stencil's buffers and iteration count; an alloc's and a length's shape source is not read). */
export function opArgs(op: DomainOp): Operand[] {
  switch (op.kind) {
    case 'map':
    case 'scalar':
      return op.args;
    case 'reduce':
      return [{ value: op.arg }];
    case 'stencil':
      return [...op.buffers.map((value) => ({ value })), op.iterations, ...op.kernel.instrs.flatMap((i) => i.args.flatMap((a) => ('scalar' in a ? [{ value: a.scalar }] : [])))];
    default:
      return [];
  }
}

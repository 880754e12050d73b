import type { Elem } from '../ir/domain.ts';
import type { ParallelProgram } from '../fusion/parallel.ts';

/** Where each array lives in memory and each scalar in the scalar table, for generated code. */
export type BufferSlot = { kind: 'array'; value: number; elem: Elem } | { kind: 'partials'; op: number };

export interface Layout {
  buffers: BufferSlot[];
  bufferOf: Map<number, number>;
  partialsOf: Map<number, number>;
  scalarOf: Map<number, number>;
  scalarCount: number;
}

/** Elements per reduction block: reductions sum blocks of this many in order, on every backend. */
export const REDUCTION_BLOCK = 4096;

export function layout(p: ParallelProgram): Layout {
  const buffers: BufferSlot[] = [];
  const bufferOf = new Map<number, number>();
  const partialsOf = new Map<number, number>();
  const scalarOf = new Map<number, number>();
  const { values, ops } = p.domain;
  for (const op of ops) {
    if (op.kind === 'stencil') continue;
    const v = values[op.result]!;
    const inMemory = op.kind === 'input' || op.kind === 'alloc' || p.stored.has(op.result);
    if (v.shape === null) scalarOf.set(op.result, scalarOf.size);
    else if (inMemory) {
      bufferOf.set(op.result, buffers.length);
      buffers.push({ kind: 'array', value: op.result, elem: v.elem === 'f32' && op.kind !== 'map' && op.kind !== 'iota' ? 'f32' : 'f64' });
    }
    if (op.kind === 'reduce') {
      partialsOf.set(op.id, buffers.length);
      buffers.push({ kind: 'partials', op: op.id });
    }
  }
  return { buffers, bufferOf, partialsOf, scalarOf, scalarCount: scalarOf.size };
}

import type { IrEdge, IrGraph, IrNode } from '../api.ts';
import type { DomainOp, DomainProgram } from './domain.ts';
import { opArgs } from './uses.ts';

const MAP_LABELS: Record<string, string> = { neg: 'unary -' };

/** A node's label: the operation as a reader knows it (".*", "exp", "sum", "runStencil"). */
export function opLabel(p: DomainProgram, op: DomainOp): string {
  switch (op.kind) {
    case 'input':
      return op.param;
    case 'map':
    case 'scalar':
      return MAP_LABELS[op.op] ?? (op.args.some((a) => 'value' in a && p.values[a.value]!.shape) && /^[-+*/^<>=!]+$/.test(op.op) ? `.${op.op}` : op.op);
    case 'length':
      return 'length';
    case 'iota':
      return `1:n (${p.values[op.result]!.name ?? 'i'})`;
    case 'reduce':
      return op.fn;
    case 'alloc':
      return 'new array';
    case 'stencil':
      return `runStencil :${op.mode}`;
  }
}

const KINDS: Record<DomainOp['kind'], IrNode['kind']> = {
  input: 'input', map: 'map', scalar: 'scalar', length: 'scalar', iota: 'comprehension', reduce: 'reduce', alloc: 'alloc', stencil: 'stencil',
};

/**
 * The Domain IR as the views draw it: a node per array operation, an edge per value flowing from
 * its producer (or the stencil that last rewrote it) to each reader; temporaries are the arrays
 * that are neither inputs, new buffers nor results. `lengthOf` gives element counts when known.
 */
export function domainGraph(p: DomainProgram, lengthOf?: (value: number) => number): IrGraph {
  const nodes: IrNode[] = p.ops.map((op) => ({ id: op.id, kind: KINDS[op.kind], label: opLabel(p, op), at: op.kind === 'stencil' ? op.at : p.values[(op as { result: number }).result]!.at }));
  const edges: IrEdge[] = [];
  const writer = new Map<number, number>();
  p.values.forEach((v) => writer.set(v.id, p.producer[v.id]!));
  const outputs = new Set(p.outputs);
  for (const op of p.ops) {
    const seen = new Set<number>();
    for (const a of opArgs(op)) if ('value' in a && !seen.has(a.value)) {
      seen.add(a.value);
      edges.push(edge(p, writer.get(a.value)!, op.id, a, outputs, lengthOf));
    }
    if (op.kind === 'stencil') op.buffers.forEach((b) => writer.set(b, op.id));
  }
  p.outputs.forEach((v, k) => {
    const id = p.ops.length + k;
    nodes.push({ id, kind: 'output', label: `result ${p.values[v]!.name ?? p.values[v]!.text}`, at: p.values[v]!.at });
    edges.push(edge(p, writer.get(v)!, id, { value: v }, outputs, lengthOf));
  });
  return { nodes, edges };
}

export function edge(p: DomainProgram, from: number, to: number, a: { value: number }, outputs: Set<number>, lengthOf?: (value: number) => number): IrEdge {
  const v = p.values[a.value]!;
  const producer = p.ops[p.producer[a.value]!]!;
  const temporary = v.shape !== null && !outputs.has(v.id) && producer.kind !== 'input' && producer.kind !== 'alloc';
  const e: IrEdge = { from, to, name: v.name ?? v.text, temporary };
  if (v.shape === null) e.elements = 0;
  else if (lengthOf) e.elements = lengthOf(v.id);
  return e;
}


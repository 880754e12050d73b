import type { IrEdge, IrGraph, IrNode } from '../api.ts';
import { edge, opLabel } from '../ir/graph.ts';
import { opArgs } from '../ir/uses.ts';
import type { ParallelProgram } from './parallel.ts';

/**
 * The Parallel IR as the views draw it: inputs, new buffers, host scalar work, parfors (with the
 * Domain IR nodes fused into each), stencils and results; an edge per value crossing between them.
 * Node ids: Domain IR op ids for inputs (so a view can match them), then one id per step.
 */
export function parallelGraph(pp: ParallelProgram, lengthOf?: (value: number) => number): IrGraph {
  const p = pp.domain;
  const nodes: IrNode[] = [];
  const edges: IrEdge[] = [];
  const home = new Map<number, number>();
  const outputs = new Set(p.outputs);
  for (const op of p.ops)
    if (op.kind === 'input') {
      nodes.push({ id: op.id, kind: 'input', label: op.param, at: p.values[op.result]!.at });
      home.set(op.result, op.id);
    }
  let parfors = 0;
  pp.steps.forEach((s, k) => {
    const id = p.ops.length + k;
    const members = s.kind === 'parfor' ? [...s.ops, ...s.reductions].sort((a, b) => a - b) : s.kind === 'host' ? s.ops : [s.op];
    const first = p.ops[members[0]!];
    const at = first ? (first.kind === 'stencil' ? first.at : p.values[(first as { result: number }).result]!.at) : undefined;
    const label =
      s.kind === 'parfor' ? `parfor ${++parfors} (${members.length} op${members.length > 1 ? 's' : ''})`
      : s.kind === 'host' ? `scalars (${members.length})`
      : opLabel(p, p.ops[s.op]!);
    const node: IrNode = { id, kind: s.kind, label, fused: members };
    if (at) node.at = at;
    nodes.push(node);
    const local = new Set<number>();
    for (const m of members) {
      const op = p.ops[m]!;
      for (const a of opArgs(op)) {
        if (!('value' in a) || local.has(a.value) || !home.has(a.value) || home.get(a.value) === id) continue;
        local.add(a.value);
        edges.push(edge(p, home.get(a.value)!, id, a, outputs, lengthOf));
      }
    }
    for (const m of members) {
      const op = p.ops[m]!;
      if (op.kind === 'stencil') op.buffers.forEach((b) => home.set(b, id));
      else home.set(op.result, id);
    }
  });
  p.outputs.forEach((v, k) => {
    const id = p.ops.length + pp.steps.length + k;
    nodes.push({ id, kind: 'output', label: `result ${p.values[v]!.name ?? p.values[v]!.text}`, at: p.values[v]!.at });
    edges.push(edge(p, home.get(v)!, id, { value: v }, outputs, lengthOf));
  });
  return { nodes, edges };
}

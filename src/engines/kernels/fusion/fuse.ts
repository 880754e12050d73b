import type { DomainOp, DomainProgram, Operand } from '../ir/domain.ts';
import { opArgs } from '../ir/uses.ts';
import type { HostStep, ParallelProgram, Parfor, Step } from './parallel.ts';

/**
 * Fusion (ParallelAccelerator's Parallel IR pass): walks the Domain IR in order and appends each
 * element-wise operation to the open parfor when it runs over the same index space and needs nothing
 * that only the end of that loop provides. Reductions join the loop as accumulators; an operation
 * that needs a reduction's result (a reduction "in the middle"), a stencil (it reads neighbours, so
 * it needs the whole input first) or a change of length starts a new loop, with a sentence saying why.
 */
export function fuse(program: DomainProgram): ParallelProgram {
  return new Fuser(program).run();
}

class Fuser {
  private readonly steps: Step[] = [];
  private readonly allocs: Step[] = [];
  private readonly sizes: HostStep = { kind: 'host', ops: [] };
  private readonly notFused: ParallelProgram['notFused'] = [];
  private current: Parfor | undefined;
  /** Host work that must wait for the open parfor (it uses one of its reductions). */
  private after: HostStep = { kind: 'host', ops: [] };
  private before: HostStep = { kind: 'host', ops: [] };
  /** Scalars known only after the open parfor ends, with the reduction they wait for. */
  private readonly late = new Map<number, number>();
  /** Buffers rewritten by the last stencil, and that stencil's op. */
  private stencilWrote: { buffers: Set<number>; op: number } | undefined;

  constructor(private readonly p: DomainProgram) {}

  run(): ParallelProgram {
    for (const op of this.p.ops) this.visit(op);
    this.close();
    this.flushBefore();
    const steps = [...(this.sizes.ops.length ? [this.sizes] : []), ...this.allocs, ...this.steps];
    const { stored, eliminated } = this.storage(steps);
    return { domain: this.p, steps, stored, eliminated, notFused: this.notFused };
  }

  private visit(op: DomainOp): void {
    switch (op.kind) {
      case 'input':
        return;
      case 'alloc':
        this.allocs.push({ kind: 'alloc', op: op.id });
        return;
      case 'length':
        this.sizes.ops.push(op.id);
        return;
      case 'scalar': {
        const waits = this.waitsFor(op.args);
        if (waits === undefined) this.before.ops.push(op.id);
        else {
          this.after.ops.push(op.id);
          this.late.set(op.result, waits);
        }
        return;
      }
      case 'map':
      case 'iota':
      case 'reduce':
        this.element(op);
        return;
      case 'stencil':
        this.stencil(op);
    }
  }

  /** The reduction of the open parfor that one of these operands waits for, if any. */
  private waitsFor(args: Operand[]): number | undefined {
    for (const a of args) if ('value' in a && this.late.has(a.value)) return this.late.get(a.value);
    return undefined;
  }

  private element(op: Extract<DomainOp, { kind: 'map' | 'iota' | 'reduce' }>): void {
    const values = this.p.values;
    const result = values[op.result]!;
    const shape = op.kind === 'reduce' ? values[op.arg]!.shape! : result.shape!;
    const args = opArgs(op);
    const waits = this.waitsFor(args);
    const cur = this.current;
    if (cur && cur.shape.key === shape.key && waits === undefined) {
      if (op.kind === 'reduce') {
        cur.reductions.push(op.id);
        this.late.set(op.result, op.id);
      } else cur.ops.push(op.id);
      return;
    }
    if (cur) {
      const message =
        waits !== undefined
          ? `${result.text} cannot join the loop above: it needs ${values[(this.p.ops[waits] as { result: number }).result]!.text} (line ${values[(this.p.ops[waits] as { result: number }).result]!.at.line}), a reduction known only when that loop has finished, so a new loop starts here.`
          : `${result.text} runs over ${shape.describe}, the loop above over ${cur.shape.describe}: loops of different lengths cannot fuse.`;
      this.notFused.push({ message, at: result.at });
    } else if (this.stencilWrote && args.some((a) => 'value' in a && this.stencilWrote!.buffers.has(a.value))) {
      const st = this.p.ops[this.stencilWrote.op] as Extract<DomainOp, { kind: 'stencil' }>;
      this.notFused.push({ message: `${result.text} reads an array that runStencil (line ${st.at.line}) rewrites on every iteration, so it waits for the last sweep and runs as a new loop.`, at: result.at });
    }
    this.close();
    this.current = { kind: 'parfor', shape, ops: op.kind === 'reduce' ? [] : [op.id], reductions: op.kind === 'reduce' ? [op.id] : [] };
    if (op.kind === 'reduce') this.late.set(op.result, op.id);
  }

  private stencil(op: Extract<DomainOp, { kind: 'stencil' }>): void {
    const cur = this.current;
    if (cur) {
      const produced = new Set(cur.ops.map((k) => (this.p.ops[k] as { result: number }).result));
      const fed = op.buffers.find((b) => produced.has(b));
      const what = fed !== undefined ? `${this.p.values[fed]!.name ?? this.p.values[fed]!.text}, which the loop above computes` : 'its buffers';
      this.notFused.push({ message: `runStencil reads the neighbours of each element of ${what}: every element must be ready before a sweep starts, so the stencil cannot fuse with the loop before it (each iteration is a barrier).`, at: op.at });
    }
    this.close();
    this.flushBefore();
    this.steps.push({ kind: 'stencil', op: op.id });
    this.stencilWrote = { buffers: new Set(op.buffers), op: op.id };
  }

  private flushBefore(): void {
    if (this.before.ops.length) this.steps.push(this.before);
    this.before = { kind: 'host', ops: [] };
  }

  private close(): void {
    const cur = this.current;
    if (!cur) return;
    this.flushBefore();
    this.steps.push(cur);
    if (this.after.ops.length) this.steps.push(this.after);
    this.after = { kind: 'host', ops: [] };
    this.late.clear();
    this.current = undefined;
    this.stencilWrote = undefined;
  }

  /** Which parfor-computed arrays must be stored: those read outside their own loop, and the outputs. */
  private storage(steps: Step[]): { stored: Set<number>; eliminated: number[] } {
    const home = new Map<number, Parfor>();
    for (const s of steps) if (s.kind === 'parfor') for (const k of s.ops) home.set((this.p.ops[k] as { result: number }).result, s);
    const stored = new Set<number>(this.p.outputs.filter((v) => home.has(v)));
    for (const s of steps) {
      const ops = s.kind === 'parfor' ? [...s.ops, ...s.reductions] : s.kind === 'host' ? s.ops : [s.op];
      for (const k of ops) {
        const op = this.p.ops[k]!;
        const reads = op.kind === 'stencil' ? op.buffers : op.kind === 'alloc' || op.kind === 'length' ? [] : opArgs(op).flatMap((a) => ('value' in a ? [a.value] : []));
        for (const v of reads) if (home.has(v) && home.get(v) !== s) stored.add(v);
      }
    }
    const eliminated = [...home.keys()].filter((v) => !stored.has(v)).sort((a, b) => a - b);
    return { stored, eliminated };
  }
}


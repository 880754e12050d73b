import type { KernelsTrace } from '../api.ts';
import type { Compiled } from '../compile.ts';
import type { DomainOp } from '../ir/domain.ts';
import { dimsOf, iterationCount, type RunSizes } from '../backends/sizes.ts';
import type { Arr, StencilWatcher } from '../backends/types.ts';

/**
 * Keeps a few frames of the first stencil for the iteration slider: the input (iteration 0), the
 * last iteration, and evenly spaced ones between (`count` in all). Only for image stencils.
 */
export class FrameRecorder implements StencilWatcher {
  private readonly frames: { iteration: number; pixels: Float32Array }[] = [];
  private readonly wanted = new Set<number>();
  private readonly dims: { width: number; height: number } | undefined;

  constructor(count: number, c: Compiled, sizes: RunSizes) {
    const op = c.domain.ops.find((o): o is Extract<DomainOp, { kind: 'stencil' }> => o.kind === 'stencil');
    const shape = op && c.domain.values[op.buffers[0]!]!.shape;
    if (!op || shape?.kind !== 'image') return;
    this.dims = dimsOf(shape, sizes);
    const total = iterationCount('number' in op.iterations ? op.iterations.number : sizes.scalars.get(op.iterations.value) ?? 0, op.at);
    const k = Math.max(2, Math.min(count, total + 1));
    for (let j = 0; j < k; j++) this.wanted.add(Math.round((j * total) / (k - 1)));
  }

  start(source: Arr): void {
    if (this.dims && this.wanted.has(0)) this.frames.push({ iteration: 0, pixels: Float32Array.from(source) });
  }

  iteration(iteration: number, written: Arr): void {
    if (this.dims && this.wanted.has(iteration)) this.frames.push({ iteration, pixels: Float32Array.from(written) });
  }

  trace(): KernelsTrace {
    return this.dims ? { images: { ...this.dims, frames: this.frames } } : {};
  }
}

import { describe, expect, it } from 'vitest';
import type { Kernel } from '../../src/engines/kernels/codegen/instantiate.ts';
import { createWebWorkerPool, type PoolReply, type PoolTask } from './pool.ts';
import { runPoolTask } from './poolTask.ts';

/** A stand-in for a Web Worker: runs each task on a later tick, as a worker would, in the same shared memory. */
function fakeWorker(log: PoolTask[]) {
  const compiled = new Map<string, Kernel>();
  const worker = {
    onmessage: null as ((e: MessageEvent<PoolReply>) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    postMessage(task: PoolTask) {
      log.push(task);
      setTimeout(() => worker.onmessage?.({ data: runPoolTask(task, compiled) } as MessageEvent<PoolReply>), 1);
    },
    terminate() {},
  };
  return worker as unknown as Worker;
}

// A kernel body as the engine's codegen writes them: typed views over the shared buffers, one range.
const SQUARE = 'const x = new Float64Array(buffers[0]); const y = new Float64Array(buffers[1]); for (let i = lo; i < hi; i++) y[i] = x[i] * x[i] * scalars[0];';

describe('the browser worker pool', () => {
  it('runs every range once, spread over its workers, in shared memory, and resolves when all are done', async () => {
    const log: PoolTask[] = [];
    const pool = createWebWorkerPool(3, () => fakeWorker(log));
    const x = new SharedArrayBuffer(8 * 10);
    const y = new SharedArrayBuffer(8 * 10);
    new Float64Array(x).forEach((_, i, a) => (a[i] = i));
    const ranges: [number, number][] = [
      [0, 3],
      [3, 5],
      [5, 8],
      [8, 10],
    ];
    await pool.run({ code: SQUARE, buffers: [x, y], scalars: [2] }, ranges);
    expect(Array.from(new Float64Array(y))).toEqual(Array.from({ length: 10 }, (_, i) => 2 * i * i));
    expect(log).toHaveLength(3);
    expect(log.flatMap((t) => t.ranges).sort((a, b) => a[0] - b[0])).toEqual(ranges);
    pool.dispose();
  });

  it('reports a kernel that throws as a failed run, and keeps working afterwards', async () => {
    const pool = createWebWorkerPool(2, () => fakeWorker([]));
    const buffer = new SharedArrayBuffer(16);
    await expect(pool.run({ code: 'throw new RangeError("bad range")', buffers: [buffer], scalars: [] }, [[0, 1]])).rejects.toThrow('RangeError: bad range');
    await pool.run({ code: 'new Float64Array(buffers[0])[lo] = 7;', buffers: [buffer], scalars: [] }, [[1, 2]]);
    expect(new Float64Array(buffer)[1]).toBe(7);
    pool.dispose();
  });
});

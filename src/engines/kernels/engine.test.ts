import { afterAll, describe, expect, it } from 'vitest';
import { createThreadPool } from '../../cli/kernels/threadPool.ts';
import { InputError } from '../contract.ts';
import { createRunContext } from '../runContext.ts';
import type { KernelsConfig } from './api.ts';
import { createKernelsEngine } from './engine.ts';
import { BLACK_SCHOLES, BLUR } from './test/backends.ts';

const pool = createThreadPool(2);
afterAll(() => pool.dispose());
const engine = createKernelsEngine({ pool, gpuMissing: 'no adapter in this test' });
const base: KernelsConfig = { source: BLACK_SCHOLES, size: 3000, backends: ['naive', 'fused', 'parallel', 'webgpu'], workers: 2, repeats: 1 };
const run = (config: Partial<KernelsConfig>, seed = 7) => engine.run({ ...base, ...config }, seed, createRunContext());

describe('kernels engine', () => {
  it('is deterministic given (config, seed), and the seed matters', async () => {
    const a = await run({});
    const b = await run({});
    const c = await run({}, 8);
    const sums = (r: typeof a) => r.summary.timings.map((t) => t.checksum);
    expect(sums(a)).toEqual(sums(b));
    expect(sums(c)[0]).not.toBe(sums(a)[0]);
    expect(a.summary.outputs).toEqual(b.summary.outputs);
  });

  it('gives every CPU backend the naive checksum and says why WebGPU is missing', async () => {
    const r = await run({ sweep: { workers: [1, 2] } });
    const cpu = r.summary.timings.filter((t) => !t.unavailable);
    expect(cpu.map((t) => `${t.backend}/${t.workers}`)).toEqual(['naive/1', 'fused/1', 'parallel/1', 'parallel/2']);
    expect(new Set(cpu.map((t) => t.checksum)).size).toBe(1);
    expect(cpu.every((t) => t.maxUlpsFromNaive === 0)).toBe(true);
    expect(r.summary.timings.find((t) => t.backend === 'webgpu')!.unavailable).toBe('no adapter in this test');
    const maps = r.summary.compilation.domain.nodes.filter((n) => n.kind === 'map').length;
    expect(cpu.find((t) => t.backend === 'naive')!.temporaryBytes).toBe(maps * 8 * 3000);
  });

  it('records the blur\'s frames from the input to the last iteration', async () => {
    const r = await run({ source: BLUR, backends: ['fused'], image: { width: 24, height: 16, builtin: 'rings' }, params: { iterations: 4 }, frames: 3 });
    const images = r.trace.images!;
    expect([images.width, images.height]).toEqual([24, 16]);
    expect(images.frames.map((f) => f.iteration)).toEqual([0, 2, 4]);
    expect(images.frames[0]!.pixels).not.toEqual(images.frames[2]!.pixels);
    expect(r.summary.compilation.domain.edges.every((e) => e.elements !== undefined)).toBe(true);
  });

  it('says when an image file is named but its pixels are missing', async () => {
    await expect(run({ source: BLUR, image: { width: 16, height: 16, file: { name: 'photo.png', sha256: 'ab'.repeat(32) } } })).rejects.toThrow(/photo\.png/);
    await expect(run({ size: 0 })).rejects.toBeInstanceOf(InputError);
  });
});

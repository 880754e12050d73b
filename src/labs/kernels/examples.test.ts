import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Compilation } from '../../engines/kernels/api.ts';
import { compileProgram } from '../../engines/kernels/compile.ts';

const DIR = new URL('../../../public/examples/kernels/', import.meta.url);
const compiled = (id: string): Compilation => compileProgram((JSON.parse(readFileSync(new URL(`${id}.json`, DIR), 'utf8')) as { config: { source: string } }).config.source);
const loops = (c: Compilation) => c.parallel.nodes.filter((n) => n.kind === 'parfor' || n.kind === 'stencil').length;
const temporaries = (g: Compilation['domain']) => g.edges.filter((e) => e.temporary).length;

/** Each example shows what its summary promises. */
describe('kernels examples', () => {
  it('Black-Scholes fuses every operation into one parfor, with no temporary left', () => {
    const c = compiled('black-scholes');
    expect(temporaries(c.domain)).toBeGreaterThan(20);
    expect(loops(c)).toBe(1);
    expect(temporaries(c.parallel)).toBe(0);
    expect(c.notFused).toEqual([]);
  });

  it('the sum of squares fuses the product into the reduction', () => {
    const c = compiled('sum-of-squares');
    expect(loops(c)).toBe(1);
    expect(c.eliminated).toEqual(['x .* x']);
  });

  it('the program that does not fuse says where and why', () => {
    const c = compiled('no-fusion');
    expect(loops(c)).toBeGreaterThan(1);
    expect(c.notFused.length).toBeGreaterThan(0);
    expect(c.notFused[0]!.message).toContain('maximum(x)');
    expect(c.notFused[0]!.at?.line).toBe(7); // `y = x ./ m`, after the four lines of comment
  });

  it('the blur and the heat stencil take an image, with their border modes', () => {
    for (const [id, mode] of [
      ['gaussian-blur', ':oob_skip'],
      ['heat-diffusion', ':oob_wraparound'],
    ] as const) {
      const c = compiled(id);
      expect(c.params.find((p) => p.kind === 'image')).toBeDefined();
      expect(c.parallel.nodes.find((n) => n.kind === 'stencil')?.label).toContain(mode);
    }
  });
});

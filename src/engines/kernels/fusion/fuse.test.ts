import { describe, expect, it } from 'vitest';
import { compile } from '../compile.ts';
import { BLACK_SCHOLES, BLUR } from '../test/backends.ts';

const loops = (source: string) => compile(source).parallel.steps.filter((s) => s.kind === 'parfor' || s.kind === 'stencil').length;

describe('fusion', () => {
  it('fuses the whole of Black-Scholes into one parfor, keeping every temporary in registers', () => {
    const c = compile(BLACK_SCHOLES);
    expect(loops(BLACK_SCHOLES)).toBe(1);
    expect(c.compilation.notFused).toEqual([]);
    for (const name of ['logterm', 'powterm', 'den', 'd1', 'd2', 'NofXd1', 'NofXd2', 'futureValue', 'c1', 'call']) expect(c.compilation.eliminated).toContain(name);
    expect(c.compilation.eliminated).not.toContain('put');
    const domainMaps = c.compilation.domain.nodes.filter((n) => n.kind === 'map').length;
    const parfor = c.compilation.parallel.nodes.find((n) => n.kind === 'parfor')!;
    expect(parfor.fused).toHaveLength(domainMaps);
    expect(c.compilation.parallel.edges.filter((e) => e.temporary)).toEqual([]);
    expect(c.compilation.domain.edges.filter((e) => e.temporary).length).toBeGreaterThan(10);
  });

  it('folds a final reduction into the loop, but splits where a map needs a reduction (the reduction in the middle)', () => {
    expect(loops('@acc function f(A)\n  s = sum(A .* A)\nend')).toBe(1);
    const src = '@acc function f(A)\n  B = A .* A\n  s = sum(B)\n  C = B ./ s\nend';
    const c = compile(src);
    expect(loops(src)).toBe(2);
    expect(c.compilation.notFused).toHaveLength(1);
    expect(c.compilation.notFused[0]!.message).toMatch(/needs sum\(B\) \(line 3\)/);
    expect(c.compilation.notFused[0]!.at).toEqual({ line: 4, column: 7 });
    expect(c.compilation.eliminated).not.toContain('B');
  });

  it('does not fuse a stencil with the loop that produces its input, and says why', () => {
    const src = '@acc function f(img)\n  x = img .* 2\n  b = similar(img)\n  runStencil(b, x, 1, :oob_src_zero) do q, a\n    q[0,0] = a[-1,0] + a[1,0]\n  end\n  b .+ 1\nend';
    const c = compile(src);
    expect(loops(src)).toBe(3);
    expect(c.compilation.notFused.map((n) => n.message)).toEqual([expect.stringMatching(/reads the neighbours of each element of x/), expect.stringMatching(/runStencil \(line 4\) rewrites/)]);
    expect(c.compilation.eliminated).not.toContain('x');
  });

  it('does not fuse loops of different lengths', () => {
    const src = '@acc function f(A)\n  B = A .* 2\n  C = [i * 2 for i in 1:10]\n  return B, C\nend';
    expect(loops(src)).toBe(2);
    expect(compile(src).compilation.notFused[0]!.message).toMatch(/different lengths/);
  });

  it('fuses comprehensions and maps over the same array', () => {
    const src = '@acc function f(A)\n  B = [A[i] ^ 2 for i in 1:length(A)]\n  C = map(x -> x .+ 1, B)\n  sum(C)\nend';
    expect(loops(src)).toBe(1);
    expect(compile(src).compilation.eliminated).toEqual(expect.arrayContaining(['B']));
  });

  it('gives the blur one stencil step and no parfor', () => {
    const c = compile(BLUR);
    expect(c.parallel.steps.map((s) => s.kind)).toEqual(['alloc', 'stencil']);
  });
});

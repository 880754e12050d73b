import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../contract.ts';
import { compile } from '../compile.ts';
import { BLACK_SCHOLES, BLUR } from '../test/backends.ts';
import { parseProgram } from './parser.ts';

const errorOf = (source: string) => {
  try {
    compile(source);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
};

describe('parser', () => {
  it('reads the slide\'s Black-Scholes and blur as written', () => {
    const bs = parseProgram(BLACK_SCHOLES);
    expect(bs.name).toBe('blackscholes');
    expect(bs.params.map((p) => p.name)).toEqual(['sptprice', 'strike', 'rate', 'volatility', 'time']);
    expect(bs.body).toHaveLength(11);
    const blur = parseProgram(BLUR);
    expect(blur.body.map((s) => s.kind)).toEqual(['assign', 'stencil', 'return']);
  });

  it('puts a position on every node', () => {
    const fn = parseProgram('@acc function f(x)\n  y = x .* 2\nend');
    const s = fn.body[0]!;
    expect(s.at).toEqual({ line: 2, column: 3 });
    expect(s.kind === 'assign' && s.value.at).toEqual({ line: 2, column: 7 });
  });

  it.each([
    ['@acc function f(x)\n  y = x .* \nend', 3, 1, /Expected a number/],
    ['@acc function f(x)\n  y = (x .+ 1\nend', 3, 1, /Expected "\)"/],
    ['@acc function f(x, x)\n  x\nend', 1, 20, /declared twice/],
    ['@acc function f(x)\n  y = x $ 2\nend', 2, 9, /Unexpected character/],
    ['@acc function f(x)\n  y = 2x\nend', 2, 8, /cannot run into a name/],
    ['@acc function f(x)\n  y = x\n', 3, 1, /Expected `end`/],
    ['@foo function f(x)\n x\nend', 1, 1, /Unknown macro/],
    ['@acc function f(x)\n  y = x #= open\nend', 2, 9, /never closed/],
  ])('reports %j at its line and column', (source, line, column, message) => {
    const e = errorOf(source);
    expect(e.message).toMatch(message);
    expect(e.at).toEqual({ line, column });
  });

  it('throws only InputError on arbitrary text (never crashes, never hangs)', () => {
    const pieces = ['@acc', 'function', 'f', '(', ')', 'x', ',', '.+', '.*', '=', 'end', '\n', '1', '.5', 'runStencil', 'do', 'a', '[', ']', '-1', ':oob_skip', 'return', 'sum', '->', 'for', 'in', ':', '...'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (words) => {
        try {
          compile(words.join(' '));
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('checker', () => {
  it.each([
    ['@acc function f(A, B)\n  C = A * B\nend', /matrix product/, 2, 7],
    ['@acc function f(A)\n  C = A + 1\nend', /write `\.\+`/, 2, 7],
    ['@acc function f(A)\n  C = A .+ q\nend', /q is not defined/, 2, 12],
    ['@acc function f(A)\n  C = frob(A)\nend', /Unknown function frob/, 2, 7],
    ['@acc function f(A)\n  C = A .+ [i for i in 1:10]\nend', /same size/, 2, 7],
    ['@acc function f(A)\n  s = sum(2)\nend', /takes an array/, 2, 7],
    ['@acc function f(img)\n  runStencil(img, 3) do a\n    a[0,0] = a[1,0]\n  end\n  img\nend', /also writes/, 3, 14],
    ['@acc function f(img, b)\n  b = similar(img)\n  runStencil(b, img, 1, :oob_nowhere) do q, a\n    q[0,0] = a[0,0]\n  end\n  b\nend', /border mode/, 3, 25],
    ['@acc function f(img)\n  b = similar(img)\n  runStencil(b, img) do q, a\n    q[1,0] = a[0,0]\n  end\n  b\nend', /only the current element/, 4, 5],
    ['@acc function f(img)\n  b = similar(img)\n  runStencil(b, img) do q, a\n    q[0,0] = a[0.5,0]\n  end\n  b\nend', /whole-number offsets/, 4, 16],
  ])('rejects %j', (source, message, line, column) => {
    const e = errorOf(source);
    expect(e.message).toMatch(message);
    expect(e.at).toEqual({ line, column });
  });

  it('infers parameter kinds from annotations and use', () => {
    const c = compile('@acc function f(img, n::Int, k::Float64, v)\n  b = similar(img)\n  runStencil(b, img, n) do q, a\n    q[0,0] = a[0,0] * k\n  end\n  v .* k\nend');
    expect(c.compilation.params.map((p) => `${p.name}:${p.kind}`)).toEqual(['img:image', 'n:scalar', 'k:scalar', 'v:vector']);
  });
});

describe('line continuation', () => {
  it('goes on after `=` and after a binary operator, as Julia does (the slide\'s blur layout)', () => {
    const fn = parseProgram('@acc function f(img)\n  b = similar(img)\n  runStencil(b, img) do q, a\n    q[0,0] =\n      (a[0,0] +\n       a[1,0])\n  end\n  y =\n    b .*\n    2\nend');
    expect(fn.body.map((s) => s.kind)).toEqual(['assign', 'stencil', 'assign']);
  });
});

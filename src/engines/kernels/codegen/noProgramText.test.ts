import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile.ts';

/** Words the generated code itself may contain: our identifiers, keywords and the math whitelist. */
const OURS = /^(?:[bvstrpdo]\d+|step\d+|erf_v\d+|break|Float\d+Array|const|let|for|if|else|continue|return|function|new|buffers|scalars|lo|hi|Math|pow|log|log10|sqrt|exp|abs|min|max|erf|wrap|Infinity|NaN|end|start|row|W|H|XA|XB|YA|YB|x|y|i|o|z|t|ax|R|S|s|p|q|r|v|n|use|strict)$/;

const nameChars = fc.constantFrom('a', 'b', 'Z', 'é', 'λ', '_', 'ж', '9', '!');
const oddName = fc
  .array(nameChars, { minLength: 4, maxLength: 10 })
  .map((cs) => `q${cs.join('')}Ω`)
  .filter((n) => !/^q[0-9]/.test(n));

describe('generated code never contains program text', () => {
  it('odd identifiers and comments in the program do not reach the JavaScript or the WGSL', () => {
    fc.assert(
      fc.property(fc.uniqueArray(oddName, { minLength: 4, maxLength: 4 }), fc.string({ maxLength: 30 }).filter((c) => !c.includes('\n') && !c.includes('=#')).map((c) => `Ωnote ${c}`), ([p, q, t, u], comment) => {
        const source = `# ${comment}\n@acc function ${u}(${p}, ${q})\n  #= ${comment} =#\n  ${t} = exp(${p} .* 0.5) .+ ${q}   # ${comment}\n  s = sum(${t})\n  return ${t} ./ s\nend`;
        const c = compile(source);
        const code = `${c.compilation.code.js}\n${c.compilation.code.wgsl ?? ''}`;
        for (const name of [p!, q!, t!, u!]) expect(code).not.toContain(name);
        expect(code).not.toContain('Ωnote');
        // The WebAssembly modules' only names are their imports and export.
        for (const bytes of c.wasm.filter((m) => m !== undefined)) {
          const names = new TextDecoder('latin1').decode(bytes).match(/[A-Za-z_]{3,}/g) ?? [];
          expect(new Set(names.filter((w) => /^[a-z]+$/.test(w) && ['env', 'pow', 'memory', 'run'].includes(w)))).toEqual(new Set(['env', 'pow', 'memory', 'run']));
          for (const name of [p!, q!, t!, u!, 'note']) expect(new TextDecoder('latin1').decode(bytes)).not.toContain(name);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('JavaScript-looking names are only names: a program cannot inject code', () => {
    const source = '@acc function f(constructor, alert, process)\n  globalThis = constructor .+ alert\n  return globalThis .* process\nend';
    const c = compile(source);
    for (const word of ['constructor', 'alert', 'process', 'globalThis']) expect(c.compilation.code.js).not.toContain(word);
  });

  it('every word of the generated JavaScript is ours', () => {
    const c = compile('@acc function g(img, k::Float64)\n  b = similar(img)\n  runStencil(b, img, 2, :oob_wraparound) do out, inp\n    out[0,0] = erf(inp[-1,1] * k) + min(inp[0,0], 0.25)\n    return inp, out\n  end\n  img\nend');
    const words = c.compilation.code.js.replace(/\/\/.*$/gm, '').replace(/(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi, '0').match(/[A-Za-z_$][\w$]*/g) ?? [];
    for (const w of words) expect(w).toMatch(OURS);
    expect(c.compilation.code.js).not.toMatch(/\binp\b|\bout\b|\bimg\b/);
    const loops = compile('@acc function h(xs, k)\n  e = erf(xs .* k)\n  return sum(e .^ 2), e\nend').compilation.code.js;
    for (const w of loops.replace(/\/\/.*$/gm, '').replace(/(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi, '0').match(/[A-Za-z_$][\w$]*/g) ?? []) expect(w).toMatch(OURS);
  });
});

import { describe, expect, it } from 'vitest';
import { analyze } from './analyze.ts';
import { analyzeLast } from './lastAnalysis.ts';

const A = 'let s = newEmptySet(); fork { insert(1, s); } insert(2, s); freeze(s)';
const B = 'let c = newCounter(); bump(c, 1); freeze(c)';

describe('analyzeLast', () => {
  it('gives the same answer as a fresh analysis, and reuses it while the text is unchanged', () => {
    const first = analyzeLast(A);
    expect(JSON.stringify(first.diagnostics)).toBe(JSON.stringify(analyze(A).diagnostics));
    expect(first.level).toEqual(analyze(A).level);
    expect(analyzeLast(A)).toBe(first);
  });

  it('analyses again when the text changes, and a text that does not parse replaces nothing', () => {
    const a = analyzeLast(A);
    const b = analyzeLast(B);
    expect(b).not.toBe(a);
    expect(b.level).toEqual(analyze(B).level);
    expect(() => analyzeLast('let = (')).toThrow();
    expect(analyzeLast(B)).toBe(b);
  });
});

import { describe, expect, it } from 'vitest';
import { CATEGORIES, category, OKABE_ITO, shapePath } from './palette.tsx';

describe('palette', () => {
  it('gives neighbouring categories a different colour and a different shape', () => {
    for (let i = 0; i < CATEGORIES.length - 1; i++) {
      expect(category(i).color).not.toBe(category(i + 1).color);
      expect(category(i).shape).not.toBe(category(i + 1).shape);
    }
    expect(new Set(CATEGORIES.map((c) => c.color)).size).toBe(Object.keys(OKABE_ITO).length);
    expect(new Set(CATEGORIES.map((c) => c.shape)).size).toBe(CATEGORIES.length);
    expect(category(CATEGORIES.length)).toEqual(category(0));
    expect(category(-1)).toEqual(category(CATEGORIES.length - 1));
  });
  it('draws every shape as a closed path about the size asked for', () => {
    for (const c of CATEGORIES) {
      const d = shapePath(c.shape, 10);
      expect(d).toMatch(/^M/);
      const xs = [...d.matchAll(/-?\d+(\.\d+)?/g)].map((m) => Math.abs(Number(m[0])));
      expect(Math.max(...xs)).toBeLessThan(10);
      expect(Math.max(...xs)).toBeGreaterThan(2);
    }
  });
});

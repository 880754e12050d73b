import { describe, expect, it } from 'vitest';
import { textWidth } from './textWidth.ts';

describe('a line of text measured before it is drawn (no canvas: estimated)', () => {
  it('grows with the text and the size, monospace at one width a character', () => {
    const clock = '[(A, 2), (B, 2), (C, 1)]';
    expect(textWidth(clock, { size: 11.5, mono: true })).toBeCloseTo(clock.length * 11.5 * 0.61);
    expect(textWidth(`${clock}, (D, 1)`, { size: 11.5, mono: true })).toBeGreaterThan(textWidth(clock, { size: 11.5, mono: true }));
    expect(textWidth('v5', { size: 26 })).toBe(2 * textWidth('v5', { size: 13 }));
  });
});

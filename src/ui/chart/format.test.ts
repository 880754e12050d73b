import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completion, percent, tickCount } from './format.ts';

describe('chart formats', () => {
  it('percent: fixed decimals, a dash for what is not a number', () => {
    expect(percent(0.125)).toBe('12.5%');
    expect(percent(0.125, 0)).toBe('13%');
    expect(percent(NaN)).toBe('–');
    expect(percent(Infinity)).toBe('–');
  });

  it('completion never reads 100% before the end nor 0% after a start', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (share) => {
        const text = completion(share);
        if (share < 1) expect(text).not.toBe('100%');
        if (share > 0) expect(Number.parseFloat(text)).toBeGreaterThan(0);
        expect(text.endsWith('%')).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(completion(1)).toBe('100%');
  });

  it('tickCount: at least two ticks, one per spacing', () => {
    expect(tickCount(10, 80)).toBe(2);
    expect(tickCount(800, 80)).toBe(10);
  });
});

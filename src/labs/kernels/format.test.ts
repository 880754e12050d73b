import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMillis, formatRatio, formatRate, parseCount, parseCounts } from './format.ts';

describe('kernels number formats', () => {
  it('writes sizes as powers of ten', () => {
    expect(formatCount(100)).toBe('100');
    expect(formatCount(1_000_000)).toBe('10⁶');
    expect(formatCount(2_500_000)).toBe('2.5×10⁶');
    expect(formatCount(10_000_000)).toBe('10⁷');
  });
  it('writes times, bytes, ratios and rates with their units', () => {
    expect(formatMillis(0.25)).toBe('250 µs');
    expect(formatMillis(12.34)).toBe('12.3 ms');
    expect(formatMillis(2500)).toBe('2.50 s');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(8_000_000)).toBe('8.0 MB');
    expect(formatBytes(240_000_000)).toBe('240 MB');
    expect(formatRatio(12.345)).toBe('12.3×');
    expect(formatRatio(0.842)).toBe('0.84×');
    expect(formatRate(10_000_000, 1000)).toBe('10.0 M/s');
  });
  it('reads counts back the ways a reader writes them', () => {
    for (const n of [1, 100_000, 1_000_000, 2_500_000]) expect(parseCount(formatCount(n))).toBe(n);
    expect(parseCount('1e6')).toBe(1_000_000);
    expect(parseCount('10^7')).toBe(10_000_000);
    expect(parseCount('1,000')).toBe(1000);
    expect(parseCount('abc')).toBeUndefined();
    expect(parseCount('0')).toBeUndefined();
    expect(parseCounts('10^5, 10^6 1e7')).toEqual([100_000, 1_000_000, 10_000_000]);
    expect(parseCounts('10^5, x')).toBeUndefined();
  });
});

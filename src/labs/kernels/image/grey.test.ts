import { describe, expect, it } from 'vitest';
import { displayRange, greyToRgba, rgbaToGrey } from './grey.ts';

describe('grey images', () => {
  it('take the luma of RGBA pixels, 0 to 1', () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 255, 255, 255, 255, 0, 255, 0, 0, 255]);
    const grey = rgbaToGrey(rgba, 3, 1);
    expect(grey[0]).toBe(0);
    expect(grey[1]).toBeCloseTo(1, 6);
    expect(grey[2]).toBeCloseTo(0.2126, 6);
  });
  it('draw back in their range, clamped, opaque', () => {
    const rgba = greyToRgba(new Float32Array([0, 0.5, 1, 2, NaN]), 0, 1);
    expect(Array.from(rgba.filter((_, i) => i % 4 === 0))).toEqual([0, 128, 255, 255, 0]);
    expect(rgba.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });
  it('keep 0..1 as the range for ordinary images and stretch others', () => {
    expect(displayRange(new Float32Array([0.2, 0.7]))).toEqual([0, 1]);
    expect(displayRange(new Float32Array([-1, 3]))).toEqual([-1, 3]);
  });
});

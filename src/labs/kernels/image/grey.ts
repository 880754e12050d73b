/**
 * Grey images as the kernels engine takes them: width*height float32 values, row by row, 0 (black)
 * to 1 (white). From RGBA bytes (a decoded picture) and back (to draw a frame).
 */

/** Rec. 709 luma of the sRGB values; alpha is ignored (a transparent pixel keeps its colour). */
export function rgbaToGrey(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const grey = new Float32Array(width * height);
  for (let i = 0, p = 0; i < grey.length; i++, p += 4) grey[i] = (0.2126 * rgba[p]! + 0.7152 * rgba[p + 1]! + 0.0722 * rgba[p + 2]!) / 255;
  return grey;
}

/** Grey values mapped linearly from [lo, hi] to black..white (clamped), as opaque RGBA bytes. */
export function greyToRgba(grey: Float32Array, lo: number, hi: number): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(grey.length * 4);
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  for (let i = 0, p = 0; i < grey.length; i++, p += 4) {
    const v = Number.isFinite(grey[i]!) ? (grey[i]! - lo) * scale : 0;
    rgba[p] = rgba[p + 1] = rgba[p + 2] = v;
    rgba[p + 3] = 255;
  }
  return rgba;
}

/** The range a frame is drawn in: [0, 1] when the values lie there (most images), else their own extent. */
export function displayRange(grey: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of grey) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  return lo >= 0 && hi <= 1 ? [0, 1] : [lo, hi];
}

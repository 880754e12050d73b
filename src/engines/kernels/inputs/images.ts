import { InputError } from '../../contract.ts';
import { mulberry32 } from '../../random.ts';
import type { KernelsConfig } from '../api.ts';

/** Built-in images, generated procedurally (no binary files), values in [0, 1], row by row. */
export const BUILTIN_IMAGES: { name: string; description: string }[] = [
  { name: 'rings', description: 'Concentric rings with sharp edges and a bright square: blurring shows at once.' },
  { name: 'checker', description: 'A black-and-white checkerboard of 16-pixel squares.' },
  { name: 'hotspots', description: 'Three hot disks on a cold plate, for heat diffusion.' },
  { name: 'noise', description: 'Seeded white noise (Mulberry32, seed 1).' },
];

export const MIN_SIDE = 8;
export const MAX_SIDE = 4096;
export const DEFAULT_IMAGE = { width: 256, height: 256, builtin: 'rings' };

export function builtinImage(name: string, width: number, height: number): Float32Array {
  checkSize(width, height);
  const out = new Float32Array(width * height);
  const pixel = painter(name, width, height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = pixel(x, y);
  return out;
}

function painter(name: string, width: number, height: number): (x: number, y: number) => number {
  const cx = width / 2;
  const cy = height / 2;
  const scale = Math.min(width, height);
  switch (name) {
    case 'rings':
      return (x, y) => {
        if (Math.abs(x - width * 0.75) < scale * 0.08 && Math.abs(y - height * 0.25) < scale * 0.08) return 1;
        const r = Math.hypot(x - cx, y - cy) / scale;
        return Math.floor(r * 24) % 2 === 0 ? 0.85 : 0.15;
      };
    case 'checker':
      return (x, y) => ((Math.floor(x / 16) + Math.floor(y / 16)) % 2 === 0 ? 1 : 0);
    case 'hotspots': {
      const spots = [[0.3, 0.3, 0.1], [0.7, 0.45, 0.07], [0.45, 0.75, 0.12]] as const;
      return (x, y) => (spots.some(([sx, sy, r]) => Math.hypot(x - sx * width, y - sy * height) < r * scale) ? 1 : 0);
    }
    case 'noise': {
      const next = mulberry32(1);
      return () => next();
    }
    default:
      throw new InputError(`There is no built-in image "${name}"; there are ${BUILTIN_IMAGES.map((b) => b.name).join(', ')}.`);
  }
}

function checkSize(width: number, height: number): void {
  for (const [what, v] of [['width', width], ['height', height]] as const)
    if (!Number.isInteger(v) || v < MIN_SIDE || v > MAX_SIDE) throw new InputError(`The image's ${what} must be a whole number from ${MIN_SIDE} to ${MAX_SIDE}, not ${v}.`);
}

/** The run's image: the user's pixels, or a built-in one. */
export function imageInput(image: KernelsConfig['image']): { width: number; height: number; pixels: Float32Array } {
  const { width, height } = image ?? DEFAULT_IMAGE;
  checkSize(width, height);
  if (image?.pixels) {
    if (image.pixels.length !== width * height) throw new InputError(`The image has ${image.pixels.length} pixels, not ${width} x ${height}.`);
    return { width, height, pixels: image.pixels };
  }
  if (image?.file)
    throw new InputError(`This scenario uses the image ${image.file.name} (SHA-256 ${image.file.sha256.slice(0, 8)}…), which a link cannot carry: open it in the page.`);
  return { width, height, pixels: builtinImage(image?.builtin ?? DEFAULT_IMAGE.builtin, width, height) };
}

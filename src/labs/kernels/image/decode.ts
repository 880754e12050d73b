import { InputError } from '../../../engines/contract.ts';
import { createFileStore, sha256Hex } from '../../../scenario/fileStore.ts';
import { rgbaToGrey } from './grey.ts';

/** The largest side an image may have; a larger one is scaled down to fit (and the lab says so). */
export const MAX_IMAGE_SIDE = 2048;
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/** A picture the user opened: its file (kept in IndexedDB, named in the scenario by SHA-256). */
export interface ImageFile {
  name: string;
  sha256: string;
  size: number;
  bytes: Uint8Array;
}

export interface GreyImage {
  width: number;
  height: number;
  pixels: Float32Array;
  /** Set when the picture was larger than MAX_IMAGE_SIDE: its own size. */
  scaledFrom?: { width: number; height: number };
}

/** Images opened here, by SHA-256 (IndexedDB keeps them across reloads). */
export const imageStore = createFileStore<ImageFile>('latticework-kernels', 'images');

export async function readImageFile(file: File): Promise<ImageFile> {
  if (file.size > MAX_IMAGE_BYTES) throw new InputError(`“${file.name}” is ${(file.size / 1e6).toFixed(1)} MB; images up to ${MAX_IMAGE_BYTES / 1e6} MB can be opened`);
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, sha256: await sha256Hex(bytes), size: bytes.length, bytes };
}

/** Decodes in the page (createImageBitmap, a canvas) to grey float32 pixels, scaled down to MAX_IMAGE_SIDE. */
export async function decodeImage(file: ImageFile): Promise<GreyImage> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([file.bytes as Uint8Array<ArrayBuffer>]));
  } catch {
    throw new InputError(`“${file.name}” is not a picture this browser can decode (PNG, JPEG, WebP, GIF, BMP work)`);
  }
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0, width, height);
  const scaledFrom = scale < 1 ? { width: bitmap.width, height: bitmap.height } : undefined;
  bitmap.close();
  const pixels = rgbaToGrey(context.getImageData(0, 0, width, height).data, width, height);
  return { width, height, pixels, ...(scaledFrom ? { scaledFrom } : {}) };
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { builtinImage } from '../../engines/kernels/inputs/images.ts';
import { useStoredFile } from '../../ui/useStoredFile.ts';
import { decodeImage, imageStore, type GreyImage, type ImageFile } from './image/decode.ts';
import type { ImageRef } from './scenario.ts';

export interface ShownImage {
  width: number;
  height: number;
  pixels: Float32Array;
  name: string;
}

/** Decoded pictures by SHA-256, so switching examples or labs does not decode twice. */
const decoded = new Map<string, Promise<GreyImage>>();

const DEFAULT_IMAGE: ImageRef = { width: 256, height: 256, builtin: 'rings' };

/**
 * The stencil's input image as pixels: a built-in one drawn by the engine's own generator, or the
 * user's file (from this page, else IndexedDB) decoded in the page. `missing` when a link names a
 * file this browser does not have.
 */
export function useKernelsImage(ref: ImageRef | undefined, wanted: boolean) {
  const image = ref ?? DEFAULT_IMAGE;
  const sha = wanted ? image.file?.sha256 : undefined;
  const stored = useStoredFile(imageStore, sha);
  const [grey, setGrey] = useState<{ sha: string; image?: GreyImage; problem?: string }>();

  useEffect(() => {
    const file = stored.file;
    if (!file) return;
    let live = true;
    let loading = decoded.get(file.sha256);
    if (!loading) {
      loading = decodeImage(file);
      decoded.set(file.sha256, loading);
      loading.catch(() => decoded.delete(file.sha256));
    }
    loading.then(
      (g) => live && setGrey({ sha: file.sha256, image: g }),
      (e: unknown) => live && setGrey({ sha: file.sha256, problem: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [stored.file]);

  const builtin = useMemo(
    () => (wanted && !image.file ? { width: image.width, height: image.height, name: image.builtin ?? 'rings', pixels: builtinImage(image.builtin ?? 'rings', image.width, image.height) } : undefined),
    [wanted, image.file, image.width, image.height, image.builtin],
  );

  const own = grey && grey.sha === sha ? grey : undefined;
  const shown: ShownImage | undefined = builtin ?? (own?.image && image.file ? { ...own.image, name: image.file.name } : undefined);
  const { add: keep } = stored;
  const add = useCallback(
    (file: ImageFile, g: GreyImage) => {
      decoded.set(file.sha256, Promise.resolve(g));
      keep(file.sha256, file);
    },
    [keep],
  );
  return { image: shown, missing: sha !== undefined && !stored.file && !stored.recalling, problem: own?.problem, add };
}

import { useLayoutEffect, useState } from 'react';
import { useElementSize } from '../useElementSize.ts';

/**
 * The most of something (rows of a table) that a box shows without overflowing: starts at `most`
 * and, while the box's content is taller than the box, takes fewer, measured in the page before it
 * paints: in proportion to the overflow (a few steps from hundreds of rows), then one at a time.
 * When the box's height changes, it starts from `most` again. Also gives the box's size.
 */
export function useFitCount<T extends HTMLElement>(most: number): [ReturnType<typeof useElementSize<T>>[0], number, { width: number; height: number }] {
  const [box, size] = useElementSize<T>();
  const [fit, setFit] = useState({ most, height: size.height, count: most });
  const stale = fit.most !== most || fit.height !== size.height;
  const count = stale ? most : fit.count;
  if (stale) setFit({ most, height: size.height, count: most });
  // After every render, not on a list of inputs: what the box holds changes with its content (a
  // row wrapping at the player's next step), not only with the count; each run takes fewer or stops.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || count <= 1 || el.scrollHeight <= el.clientHeight + 1) return;
    const scaled = Math.floor((count * el.clientHeight) / el.scrollHeight);
    setFit((f) => ({ ...f, count: Math.max(1, Math.min(f.count - 1, scaled)) }));
  });
  return [box, Math.max(1, count), size];
}

/**
 * Finds the buffers behind every typed array in a plain result tree, so the worker can hand them
 * over with Comlink.transfer instead of copying (weight matrices, metric series, traces).
 */
export function collectTransferables(value: unknown, limit = 100_000): Transferable[] {
  const found = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  let visited = 0;
  while (stack.length > 0 && visited++ < limit) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.byteLength === v.buffer.byteLength) found.add(v.buffer);
    } else if (v instanceof ArrayBuffer) {
      found.add(v);
    } else if (Array.isArray(v)) {
      // Arrays of numbers are common and large; only look inside arrays that can hold objects.
      if (v.length > 0 && typeof v[0] !== 'object') continue;
      for (const item of v) stack.push(item);
    } else {
      for (const item of Object.values(v)) stack.push(item);
    }
  }
  return [...found];
}

/**
 * A result as text, typed arrays and NaN included: equal text means equal bits. What the
 * determinism and identity tests compare (JSON alone turns NaN into null and a typed array into
 * an object of indices).
 */
export const fingerprint = (result: unknown): string =>
  JSON.stringify(result, (_k, v: unknown) =>
    ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isNaN(x) ? 'NaN' : x)) : typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v,
  );

/**
 * Vector clocks (SOSP'07 §4.4): a list of (node, counter) pairs, one per node that coordinated a
 * write of the object. Each pair also keeps the time that node last updated it, so that the
 * clock can be truncated: past a size threshold the oldest pair is dropped (§4.4, "Dynamo
 * stores a timestamp ... when the number of pairs reaches a threshold, the oldest pair is
 * removed"), at the price of possibly mistaking a descendant for a sibling.
 *
 * Representation: a flat, sorted, immutable array [node, counter, stamp, node, counter, stamp, …],
 * ordered by node. Flat numbers keep the hot path free of small objects.
 */
export type VectorClock = readonly number[];

export const EMPTY_CLOCK: VectorClock = Object.freeze([]);

/** How two clocks relate. */
export const ORDER = { equal: 0, before: 1, after: 2, concurrent: 3 } as const;
export type Order = (typeof ORDER)[keyof typeof ORDER];

/**
 * Compares counters only (stamps are bookkeeping): `before` when b descends from a and differs,
 * `after` when a descends from b, `concurrent` when neither does.
 */
export function compare(a: VectorClock, b: VectorClock): Order {
  let aBigger = false;
  let bBigger = false;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const na = a[i]!;
    const nb = b[j]!;
    if (na === nb) {
      const ca = a[i + 1]!;
      const cb = b[j + 1]!;
      if (ca > cb) aBigger = true;
      else if (cb > ca) bBigger = true;
      i += 3;
      j += 3;
    } else if (na < nb) {
      if (a[i + 1]! > 0) aBigger = true;
      i += 3;
    } else {
      if (b[j + 1]! > 0) bBigger = true;
      j += 3;
    }
    if (aBigger && bBigger) return ORDER.concurrent;
  }
  for (; i < a.length; i += 3) if (a[i + 1]! > 0) aBigger = true;
  for (; j < b.length; j += 3) if (b[j + 1]! > 0) bBigger = true;
  if (aBigger && bBigger) return ORDER.concurrent;
  return aBigger ? ORDER.after : bBigger ? ORDER.before : ORDER.equal;
}

/** True when a descends from b (a ≥ b): every counter in b is at most its counter in a. */
export function descends(a: VectorClock, b: VectorClock): boolean {
  const o = compare(a, b);
  return o === ORDER.equal || o === ORDER.after;
}

/** The join: the pointwise maximum (the clock a reconciled version is written with). */
export function merge(a: VectorClock, b: VectorClock): VectorClock {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  // Clocks are built at their exact size: a clock lives as long as the version that carries it,
  // and an array grown by push keeps room for 17 numbers however few it holds.
  const out = new Array<number>(3 * unionSize(a, b));
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
      out[o] = a[i]!;
      out[o + 1] = a[i + 1]!;
      out[o + 2] = a[i + 2]!;
      i += 3;
    } else if (i >= a.length || b[j]! < a[i]!) {
      out[o] = b[j]!;
      out[o + 1] = b[j + 1]!;
      out[o + 2] = b[j + 2]!;
      j += 3;
    } else {
      const ca = a[i + 1]!;
      const cb = b[j + 1]!;
      out[o] = a[i]!;
      out[o + 1] = Math.max(ca, cb);
      out[o + 2] = ca > cb ? a[i + 2]! : cb > ca ? b[j + 2]! : Math.max(a[i + 2]!, b[j + 2]!);
      i += 3;
      j += 3;
    }
    o += 3;
  }
  return out;
}

/** The number of nodes in either clock. */
function unionSize(a: VectorClock, b: VectorClock): number {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) i += 3;
    else if (i >= a.length || b[j]! < a[i]!) j += 3;
    else {
      i += 3;
      j += 3;
    }
    n++;
  }
  return n;
}

/** The counter of `node` (0 when absent). */
export function counterOf(c: VectorClock, node: number): number {
  for (let i = 0; i < c.length; i += 3) {
    if (c[i] === node) return c[i + 1]!;
    if (c[i]! > node) return 0;
  }
  return 0;
}

/** A copy of `c` with `node`'s counter set to `counter`, stamped `stamp` (at its exact size, as in `merge`). */
export function withCounter(c: VectorClock, node: number, counter: number, stamp: number): VectorClock {
  let at = 0;
  while (at < c.length && c[at]! < node) at += 3;
  const present = at < c.length && c[at] === node;
  const out = new Array<number>(present ? c.length : c.length + 3);
  for (let i = 0; i < at; i++) out[i] = c[i]!;
  out[at] = node;
  out[at + 1] = counter;
  out[at + 2] = stamp;
  const rest = present ? at + 3 : at;
  for (let i = rest, o = at + 3; i < c.length; i++, o++) out[o] = c[i]!;
  return out;
}

/** Increments `node`'s counter. */
export function increment(c: VectorClock, node: number, stamp: number): VectorClock {
  return withCounter(c, node, counterOf(c, node) + 1, stamp);
}

/** Drops the oldest pairs (by stamp, then node) until at most `threshold` remain (§4.4). */
export function truncate(c: VectorClock, threshold: number): VectorClock {
  let out = c;
  while (out.length / 3 > threshold) {
    let oldest = 0;
    for (let i = 3; i < out.length; i += 3) {
      if (out[i + 2]! < out[oldest + 2]! || (out[i + 2] === out[oldest + 2] && out[i]! < out[oldest]!)) oldest = i;
    }
    const kept = new Array<number>(out.length - 3);
    for (let i = 0, o = 0; i < out.length; i++) if (i < oldest || i >= oldest + 3) kept[o++] = out[i]!;
    out = kept;
  }
  return out;
}

/** The number of (node, counter) pairs. */
export const size = (c: VectorClock): number => c.length / 3;

/** The pairs as [node, counter] tuples, in node order. */
export function pairs(c: VectorClock): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < c.length; i += 3) out.push([c[i]!, c[i + 1]!]);
  return out;
}

/** "[(Sx, 2), (Sy, 1)]", the paper's notation, with a function that names nodes. */
export function formatClock(c: VectorClock, name: (node: number) => string): string {
  return `[${pairs(c)
    .map(([n, k]) => `(${name(n)}, ${k})`)
    .join(', ')}]`;
}

/**
 * A small validation library for scenarios: every value that arrives from a link, a file or
 * localStorage passes through a Schema before any code uses it. Parsing never throws; it returns
 * the first problem with the path where it was found ("config.nodes[3]: expected an integer").
 */

export interface Issue {
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; issue: Issue };

export interface Schema<T> {
  parse(value: unknown, path?: string): Parsed<T>;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (path: string, message: string): Parsed<never> => ({
  ok: false,
  issue: { path: path || '(root)', message },
});

const describe = (v: unknown): string => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
};

const schema = <T>(parse: (value: unknown, path: string) => Parsed<T>): Schema<T> => ({
  parse: (value, path = '') => parse(value, path),
});

export function str(opts: { max?: number; min?: number; pattern?: RegExp } = {}): Schema<string> {
  const max = opts.max ?? 10_000;
  return schema((v, path) => {
    if (typeof v !== 'string') return fail(path, `expected text, got ${describe(v)}`);
    if (v.length > max) return fail(path, `text is ${v.length} characters, at most ${max} allowed`);
    if (opts.min !== undefined && v.length < opts.min) return fail(path, `text must have at least ${opts.min} characters`);
    if (opts.pattern && !opts.pattern.test(v)) return fail(path, `text does not match ${opts.pattern}`);
    return ok(v);
  });
}

export function num(opts: { min?: number; max?: number; integer?: boolean } = {}): Schema<number> {
  return schema((v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(path, `expected a number, got ${describe(v)}`);
    if (opts.integer && !Number.isInteger(v)) return fail(path, `expected an integer, got ${v}`);
    if (opts.min !== undefined && v < opts.min) return fail(path, `${v} is below the minimum ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) return fail(path, `${v} is above the maximum ${opts.max}`);
    return ok(v);
  });
}

export const int = (opts: { min?: number; max?: number } = {}): Schema<number> => num({ ...opts, integer: true });

export function bool(): Schema<boolean> {
  return schema((v, path) => (typeof v === 'boolean' ? ok(v) : fail(path, `expected true or false, got ${describe(v)}`)));
}

export function literal<const L extends readonly (string | number | boolean)[]>(...allowed: L): Schema<L[number]> {
  return schema((v, path) =>
    allowed.includes(v as L[number])
      ? ok(v as L[number])
      : fail(path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(v)}`),
  );
}

export function list<T>(item: Schema<T>, opts: { max?: number; min?: number } = {}): Schema<T[]> {
  const max = opts.max ?? 10_000;
  return schema((v, path) => {
    if (!Array.isArray(v)) return fail(path, `expected a list, got ${describe(v)}`);
    if (v.length > max) return fail(path, `list has ${v.length} items, at most ${max} allowed`);
    if (opts.min !== undefined && v.length < opts.min) return fail(path, `list needs at least ${opts.min} items`);
    const out: T[] = [];
    for (let i = 0; i < v.length; i++) {
      const r = item.parse(v[i], `${path}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  });
}

export function tuple<const S extends readonly Schema<unknown>[]>(...items: S): Schema<{ [K in keyof S]: Infer<S[K]> }> {
  return schema((v, path) => {
    if (!Array.isArray(v) || v.length !== items.length)
      return fail(path, `expected a list of ${items.length} items, got ${describe(v)}`);
    const out: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const r = items[i]!.parse(v[i], `${path}[${i}]`);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out as { [K in keyof S]: Infer<S[K]> });
  });
}

/** A field that may be absent; when absent it takes `fallback`. */
export interface Optional<T> extends Schema<T> {
  readonly optional: true;
  readonly fallback: T;
}

export function optional<T>(inner: Schema<T>, fallback: T): Optional<T> {
  return { optional: true, fallback, parse: (v, path = '') => (v === undefined ? ok(fallback) : inner.parse(v, path)) };
}

/** A value that may be null (distinct from an absent field, which `optional` handles). */
export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return schema((v, path) => (v === null ? ok(null) : inner.parse(v, path)));
}

type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = { [K in keyof S]: Infer<S[K]> };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object with exactly these fields: unknown fields are rejected, so a typo never passes silently. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  return schema((v, path) => {
    if (!isPlainObject(v)) return fail(path, `expected an object, got ${describe(v)}`);
    for (const key of Object.keys(v)) {
      if (!Object.hasOwn(shape, key)) return fail(join(path, key), 'unknown field');
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      if (!Object.hasOwn(v, key) && !('optional' in field)) return fail(join(path, key), 'missing field');
      const r = field.parse(v[key], join(path, key));
      if (!r.ok) return r;
      out[key] = r.value;
    }
    return ok(out as ObjectOf<S>);
  });
}

/** A map from text keys (matching `key`) to values of one schema. */
export function record<T>(value: Schema<T>, opts: { max?: number; key?: RegExp } = {}): Schema<Record<string, T>> {
  const max = opts.max ?? 10_000;
  return schema((v, path) => {
    if (!isPlainObject(v)) return fail(path, `expected an object, got ${describe(v)}`);
    const keys = Object.keys(v);
    if (keys.length > max) return fail(path, `has ${keys.length} entries, at most ${max} allowed`);
    const out: Record<string, T> = {};
    for (const key of keys) {
      if (key === '__proto__') return fail(join(path, key), 'reserved key');
      if (opts.key && !opts.key.test(key)) return fail(join(path, key), `key does not match ${opts.key}`);
      const r = value.parse(v[key], join(path, key));
      if (!r.ok) return r;
      out[key] = r.value;
    }
    return ok(out);
  });
}

/** Tagged union on a `kind`-like field: the tag picks the schema, so errors point at the right variant. */
export function variant<K extends string, M extends Record<string, Schema<unknown>>>(
  tag: K,
  variants: M,
): Schema<Infer<M[keyof M]>> {
  return schema((v, path) => {
    if (!isPlainObject(v)) return fail(path, `expected an object, got ${describe(v)}`);
    const t = v[tag];
    if (typeof t !== 'string' || !Object.hasOwn(variants, t))
      return fail(join(path, tag), `expected one of ${Object.keys(variants).join(', ')}, got ${describe(t)}`);
    return variants[t]!.parse(v, path) as Parsed<Infer<M[keyof M]>>;
  });
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Any JSON value, bounded in depth and size (used for lab-owned fields validated later). */
export function json(opts: { maxDepth?: number; maxNodes?: number } = {}): Schema<Json> {
  const maxDepth = opts.maxDepth ?? 32;
  const maxNodes = opts.maxNodes ?? 200_000;
  return schema((v, path) => {
    let nodes = 0;
    const walk = (x: unknown, depth: number, p: string): Parsed<Json> => {
      if (++nodes > maxNodes) return fail(p, `more than ${maxNodes} values`);
      if (depth > maxDepth) return fail(p, `nested deeper than ${maxDepth} levels`);
      if (x === null || typeof x === 'boolean' || typeof x === 'string') return ok(x);
      if (typeof x === 'number') return Number.isFinite(x) ? ok(x) : fail(p, 'not a finite number');
      if (Array.isArray(x)) {
        for (let i = 0; i < x.length; i++) {
          const r = walk(x[i], depth + 1, `${p}[${i}]`);
          if (!r.ok) return r;
        }
        return ok(x as Json);
      }
      if (isPlainObject(x)) {
        for (const [k, val] of Object.entries(x)) {
          const r = walk(val, depth + 1, join(p, k));
          if (!r.ok) return r;
        }
        return ok(x as Json);
      }
      return fail(p, `not JSON (${describe(x)})`);
    };
    return walk(v, 0, path);
  });
}

/** Runs an extra check after the base schema accepted the value. */
export function refine<T>(base: Schema<T>, check: (value: T) => string | undefined): Schema<T> {
  return schema((v, path) => {
    const r = base.parse(v, path);
    if (!r.ok) return r;
    const problem = check(r.value);
    return problem ? fail(path, problem) : r;
  });
}

function join(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

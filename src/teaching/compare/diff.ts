export interface Difference {
  /** Where the two differ, as a path into the config ("quorum.r", "backends[1]"). */
  path: string;
  a: string;
  b: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => (v === undefined ? '(none)' : (JSON.stringify(v) ?? String(v)).slice(0, 48));

/**
 * The fields in which two scenarios' settings differ, deepest first found, at most `limit`: what a
 * side-by-side compare puts above its two halves, so the audience sees what was changed.
 */
export function differences(a: unknown, b: unknown, limit = 12, path = ''): Difference[] {
  const out: Difference[] = [];
  const walk = (x: unknown, y: unknown, at: string) => {
    if (out.length >= limit) return;
    if (isObject(x) && isObject(y)) {
      for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[key], y[key], at ? `${at}.${key}` : key);
    } else if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((item, i) => walk(item, y[i], `${at}[${i}]`));
    } else if (JSON.stringify(x) !== JSON.stringify(y)) {
      out.push({ path: at || '(all)', a: show(x), b: show(y) });
    }
  };
  walk(a, b, path);
  return out;
}

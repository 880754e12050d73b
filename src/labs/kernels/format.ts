/** How the kernels lab writes numbers for a reader: sizes, times, bytes, speed-ups. */

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 1000000 → "10⁶"; 2500000 → "2.5×10⁶"; small numbers as they are. */
export function formatCount(n: number): string {
  if (n < 10_000) return n.toLocaleString('en-US');
  const exponent = Math.floor(Math.log10(n));
  const mantissa = n / 10 ** exponent;
  const power = `10${String(exponent).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]!)}`;
  const m = Number(mantissa.toPrecision(3));
  return m === 1 ? power : `${m}×${power}`;
}

export function formatMillis(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${(ms * 1000).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0 B';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  const k = Math.min(units.length - 1, Math.floor(Math.log10(bytes) / 3));
  const v = bytes / 1000 ** k;
  return `${v < 10 && k > 0 ? v.toFixed(1) : Math.round(v)} ${units[k]}`;
}

/** A ratio against naive: "12.3×", "0.84×". */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '–';
  return `${r >= 100 ? Math.round(r) : r.toPrecision(r >= 10 ? 3 : 2)}×`;
}

/** Elements per second: "9.7 M/s". */
export function formatRate(elements: number, ms: number): string {
  const perSecond = (elements / ms) * 1000;
  if (!Number.isFinite(perSecond)) return '–';
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toPrecision(3)} G/s`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toPrecision(3)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toPrecision(3)} k/s`;
  return `${perSecond.toPrecision(3)}/s`;
}

/** Reads a count as a reader writes it: "1000000", "1,000,000", "1e6", "10^6", "10⁶"; undefined if it is none. */
export function parseCount(text: string): number | undefined {
  const t = text.trim().replace(/[,_\s]/g, '').replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (s) => `^${[...s].map((c) => SUPERSCRIPT.indexOf(c)).join('')}`);
  const power = /^(\d+(?:\.\d+)?)?(?:×|x|\*)?10\^(\d+)$/.exec(t);
  const n = power ? Number(power[1] ?? 1) * 10 ** Number(power[2]) : /^\d+(\.\d+)?(e\d+)?$/i.test(t) ? Number(t) : NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A list of counts ("10^5, 10^6"), or undefined when any item is not one. */
export function parseCounts(text: string): number[] | undefined {
  const items = text.split(/[;,]\s*|\s+(?=\d)/).map((s) => s.trim()).filter(Boolean);
  const out = items.map(parseCount);
  return out.every((n) => n !== undefined) ? (out as number[]) : undefined;
}

import type { SmtEvent, TheoryBound } from '../../../engines/smt/api.ts';
import type { TrailEntry } from './trail.ts';

/**
 * The simplex's bounds at a point of the run: every asserted atom still on the trail bounds its
 * variable; the tightest lower and upper bound of each variable is what the theory solver checks.
 * Values are delta-rationals ("3/2", "-4", "5+δ"), compared exactly (never as floats).
 */
export interface VariableBounds {
  variable: string;
  lower?: { value: string; lit: number };
  upper?: { value: string; lit: number };
}

/** A delta-rational r + kδ as an exact fraction n/d (d > 0) and the δ coefficient. */
interface DeltaRational {
  n: bigint;
  d: bigint;
  k: number;
}

export function parseDeltaRational(text: string): DeltaRational | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)(?:\s*\/\s*(\d+))?\s*(?:([+-])\s*(\d*)\s*δ)?\s*$/.exec(text);
  if (!m) return undefined;
  const negative = m[1]!.startsWith('-');
  const [whole, frac = ''] = m[1]!.replace('-', '').split('.');
  const scale = 10n ** BigInt(frac.length);
  const magnitude = BigInt(whole!) * scale + BigInt(frac || '0');
  const n = negative ? -magnitude : magnitude;
  const d = scale * BigInt(m[2] ?? '1');
  if (d === 0n) return undefined;
  const k = m[3] ? (m[3] === '-' ? -1 : 1) * Number(m[4] || '1') : 0;
  return { n, d, k };
}

/**
 * A bound for reading: short values as they are, long fractions as a 6-digit decimal with "≈"
 * (the exact value goes in the tooltip), the δ of a strict bound kept.
 */
export function readableDelta(text: string): string {
  if (text.length <= 10) return text;
  const v = parseDeltaRational(text);
  if (!v) return text;
  const approx = Number(v.n) / Number(v.d);
  const delta = v.k === 0 ? '' : v.k > 0 ? '+δ' : '-δ';
  return `≈${Number(approx.toPrecision(6))}${delta}`;
}

export function compareDelta(a: DeltaRational, b: DeltaRational): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  if (l !== r) return l < r ? -1 : 1;
  return Math.sign(a.k - b.k);
}

/** Tighter: a larger lower bound, a smaller upper bound; an unreadable value never replaces a readable one. */
function tighter(kind: TheoryBound['kind'], candidate: string, current: string | undefined): boolean {
  if (current === undefined) return true;
  const a = parseDeltaRational(candidate);
  const b = parseDeltaRational(current);
  if (!a || !b) return false;
  const c = compareDelta(a, b);
  return kind === 'lower' ? c > 0 : c < 0;
}

export function boundsAt(events: readonly SmtEvent[], trail: readonly TrailEntry[], position: number): VariableBounds[] {
  const onTrail = new Map<number, number>();
  for (const t of trail) onTrail.set(t.lit, t.at);
  const byVariable = new Map<string, VariableBounds>();
  const end = Math.min(position, events.length - 1);
  for (let i = 0; i <= end; i++) {
    const e = events[i]!;
    if (e.kind !== 'theory-assert') continue;
    const since = onTrail.get(e.lit);
    if (since === undefined || since > i) continue;
    const b = e.bound;
    const row = byVariable.get(b.variable) ?? { variable: b.variable };
    byVariable.set(b.variable, row);
    if (tighter(b.kind, b.value, row[b.kind]?.value)) row[b.kind] = { value: b.value, lit: e.lit };
  }
  return [...byVariable.values()].sort((a, b) => a.variable.localeCompare(b.variable, 'en', { numeric: true }));
}

import type { Encoding, Pair } from './encoding.ts';
import { activationRange } from '../bounds/relaxation.ts';
import { down, dotError, TINY, UNIT, up } from '../bounds/rounding.ts';

/**
 * Bound tightening on the network's own equations (Reluplex, §4 "bound tightening"): from each
 * equation Σ a_e·x_e = rhs, every variable's bounds follow from the others',
 *     a_u·x_u = rhs − Σ_{e≠u} a_e·x_e,
 * and from each pair f = φ(b) bounds flow both ways (for a ReLU: f ∈ [relu(lo_b), relu(hi_b)],
 * b ≤ f, and f > 0 forces b = f). Bounds only ever shrink, and every derived bound is rounded
 * outward (bounds/rounding.ts), so they stay sound: a node whose bounds cross (lo > hi) has no solution.
 * Only original equations are used, never the drifting tableau rows.
 */
export interface TightenResult {
  /** Bounds that moved. */
  changed: number;
  /** A variable whose bounds crossed, or −1. */
  empty: number;
}

const RELATIVE = 1e-9;

export function tighten(enc: Encoding, lo: Float64Array, hi: Float64Array, passes = 2): TightenResult {
  const result: TightenResult = { changed: 0, empty: -1 };
  const setLo = (v: number, x: number) => {
    if (x > lo[v]! + RELATIVE * (1 + Math.abs(x))) {
      lo[v] = x;
      result.changed++;
      if (x > hi[v]!) result.empty = v;
    }
  };
  const setHi = (v: number, x: number) => {
    if (x < hi[v]! - RELATIVE * (1 + Math.abs(x))) {
      hi[v] = x;
      result.changed++;
      if (x < lo[v]!) result.empty = v;
    }
  };
  for (let pass = 0; pass < passes && result.empty < 0; pass++) {
    const before = result.changed;
    // Forward through the layers, then backward from the property's rows.
    for (let r = 0; r < enc.rows.length && result.empty < 0; r++) {
      const row = enc.rows[r]!;
      tightenRow(row, lo, hi, setLo, setHi);
      const p = enc.pairOfB[row.rowVar]!;
      if (p >= 0) pair(enc.pairs[p]!, lo, hi, setLo, setHi);
    }
    for (let r = enc.rows.length - 1; r >= 0 && result.empty < 0; r--) tightenRow(enc.rows[r]!, lo, hi, setLo, setHi);
    for (const p of enc.pairs) pair(p, lo, hi, setLo, setHi);
    if (result.changed === before) break;
  }
  return result;
}

function tightenRow(row: { vars: Int32Array; coeffs: Float64Array; rhs: number }, lo: Float64Array, hi: Float64Array, setLo: (v: number, x: number) => void, setHi: (v: number, x: number) => void): void {
  const { vars, coeffs, rhs } = row;
  const n = vars.length;
  // Sums of the finite contributions and counts of infinite ones, for Σ a·x's min and max.
  let minSum = 0;
  let maxSum = 0;
  let minInf = 0;
  let maxInf = 0;
  let abs = Math.abs(rhs);
  for (let e = 0; e < n; e++) {
    const a = coeffs[e]!;
    const v = vars[e]!;
    const l = a > 0 ? a * lo[v]! : a * hi[v]!;
    const h = a > 0 ? a * hi[v]! : a * lo[v]!;
    if (Number.isFinite(l)) {
      minSum += l;
      abs += Math.abs(l);
    } else minInf++;
    if (Number.isFinite(h)) {
      maxSum += h;
      abs += Math.abs(h);
    } else maxInf++;
  }
  if (minInf > 1 && maxInf > 1) return;
  const err = dotError(n + 2, abs);
  for (let e = 0; e < n; e++) {
    const a = coeffs[e]!;
    const v = vars[e]!;
    const l = a > 0 ? a * lo[v]! : a * hi[v]!;
    const h = a > 0 ? a * hi[v]! : a * lo[v]!;
    // Σ_{others} a·x ∈ [restMin, restMax]
    const restMin = Number.isFinite(l) ? (minInf === 0 ? minSum - l : -Infinity) : minInf === 1 ? minSum : -Infinity;
    const restMax = Number.isFinite(h) ? (maxInf === 0 ? maxSum - h : Infinity) : maxInf === 1 ? maxSum : Infinity;
    // a·x_v = rhs − rest  ∈ [rhs − restMax, rhs − restMin]; a candidate no tighter than the
    // bound it would replace stays so once rounded outward, so only a tighter one is rounded.
    const axLo = rhs - restMax - err;
    const axHi = rhs - restMin + err;
    const newLo = (a > 0 ? axLo : axHi) / a;
    const newHi = (a > 0 ? axHi : axLo) / a;
    if (newLo > lo[v]! && Number.isFinite(newLo)) setLo(v, down(newLo));
    if (newHi < hi[v]! && Number.isFinite(newHi)) setHi(v, up(newHi));
  }
}

function pair(p: Pair, lo: Float64Array, hi: Float64Array, setLo: (v: number, x: number) => void, setHi: (v: number, x: number) => void): void {
  const [fLo, fHi] = activationRange(p.kind, lo[p.b]!, hi[p.b]!);
  setLo(p.f, fLo);
  setHi(p.f, fHi);
  if (p.kind !== 'relu') {
    // aux = φ(b) − α·b is nondecreasing on b's range (α ≤ φ' there), so its ends bound it.
    const l = lo[p.b]!;
    const u = hi[p.b]!;
    if (Number.isFinite(l) && Number.isFinite(u)) {
      const [atL] = activationRange(p.kind, l, l);
      const [, atU] = activationRange(p.kind, u, u);
      const margin = 64 * UNIT * (1 + p.slope * (Math.abs(l) + Math.abs(u) + (u - l))) + TINY;
      setLo(p.aux, atL - p.slope * l - margin);
      setHi(p.aux, atU - p.slope * u + margin);
    }
    return;
  }
  // b ≤ f, and f > 0 means the ReLU is active: b = f.
  setHi(p.b, hi[p.f]!);
  if (lo[p.f]! > 0) setLo(p.b, lo[p.f]!);
  // aux = f − b ≥ 0; active (lo_b ≥ 0) means aux = 0; inactive (hi_b ≤ 0) means f = 0.
  if (lo[p.b]! >= 0) setHi(p.aux, 0);
  if (hi[p.b]! <= 0) setHi(p.f, 0);
  // upper = relu(b) − λ·b is convex in b, so its largest value on b's range is at an end.
  const l = lo[p.b]!;
  const u = hi[p.b]!;
  if (p.upper >= 0 && Number.isFinite(l) && Number.isFinite(u)) {
    const margin = 64 * UNIT * (1 + Math.abs(l) + Math.abs(u)) + TINY;
    setHi(p.upper, Math.max(Math.max(l, 0) - p.upperSlope * l, Math.max(u, 0) - p.upperSlope * u) + margin);
  }
}

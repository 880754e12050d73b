import type { Activation } from '../model/network.ts';
import { TINY, UNIT } from './rounding.ts';

/**
 * Linear relaxations of one activation h = φ(z) for z ∈ [l, u] (DeepPoly, Singh et al. POPL'19;
 * CROWN, Zhang et al. NeurIPS'18): lower line al·z + bl ≤ φ(z) ≤ au·z + bu on [l, u].
 *
 * Every line is made sound for exact arithmetic: its slope and offset are computed in floating
 * point and the offset is then moved outward by a margin that covers the rounding of everything
 * that went into it (and, for sigmoid and tanh, the ≤ 1 ulp error of Math.exp and Math.tanh).
 */
export interface Relaxation {
  al: number;
  bl: number;
  au: number;
  bu: number;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export const phi = (kind: 'sigmoid' | 'tanh', z: number) => (kind === 'sigmoid' ? sigmoid(z) : Math.tanh(z));
export const dphi = (kind: 'sigmoid' | 'tanh', z: number) => {
  const v = phi(kind, z);
  return kind === 'sigmoid' ? v * (1 - v) : 1 - v * v;
};

/** Margin for a line built from φ values, slope `a` and the endpoints l, u. */
const margin = (a: number, l: number, u: number) => 64 * UNIT * (1 + Math.abs(a) * (Math.abs(l) + Math.abs(u) + (u - l))) + TINY;

/**
 * The ReLU upper line through (l, 0) and (u, u), the tightest convex upper bound (the "triangle").
 * Its offset is chosen so the line is above relu at both endpoints after rounding; relu being
 * convex, a line above it at both ends is above it on all of [l, u].
 */
export function reluUpper(l: number, u: number, out: Relaxation): void {
  const s = u / (u - l);
  const atL = -(s * l);
  const atU = u - s * u;
  const b = Math.max(atL, atU);
  out.au = s;
  out.bu = b + 8 * UNIT * (Math.abs(s * l) + Math.abs(u)) + TINY;
}

/** Fills `out` with a relaxation of `kind` on [l, u]; the ReLU lower slope (0 or 1) is chosen by area, as CROWN does. */
export function relax(kind: Activation, l: number, u: number, out: Relaxation): void {
  if (kind === 'identity') {
    out.al = out.au = 1;
    out.bl = out.bu = 0;
    return;
  }
  if (kind === 'relu') {
    if (u <= 0) {
      out.al = out.au = out.bl = out.bu = 0;
    } else if (l >= 0) {
      out.al = out.au = 1;
      out.bl = out.bu = 0;
    } else {
      reluUpper(l, u, out);
      // relu(z) ≥ λz holds for every λ in [0, 1], exactly: no rounding margin needed.
      out.al = u > -l ? 1 : 0;
      out.bl = 0;
    }
    return;
  }
  if (u - l < 1e-9 * (1 + Math.abs(l))) {
    // A (nearly) single point: a flat band [φ(l), φ(u)] is tightest and simplest.
    const m = margin(0, l, u) + 8 * UNIT;
    out.al = out.au = 0;
    out.bl = phi(kind, l) - m;
    out.bu = phi(kind, u) + m;
    return;
  }
  const fl = phi(kind, l);
  const fu = phi(kind, u);
  const chord = (fu - fl) / (u - l);
  const mid = l / 2 + u / 2;
  const fm = phi(kind, mid);
  const tangent = dphi(kind, mid);
  if (u <= 0) {
    // Convex on (-∞, 0]: below the chord, above any tangent.
    out.au = chord;
    out.bu = fl - chord * l + margin(chord, l, u);
    out.al = tangent;
    out.bl = fm - tangent * mid - margin(tangent, l, u);
  } else if (l >= 0) {
    // Concave on [0, ∞): above the chord, below any tangent.
    out.al = chord;
    out.bl = fl - chord * l - margin(chord, l, u);
    out.au = tangent;
    out.bu = fm - tangent * mid + margin(tangent, l, u);
  } else {
    // Mixed: the upper line is the chord or a tangent in the concave part through (l, φ(l)); the
    // lower line is the same construction mirrored (φ(z) = 1 − σ(−z), or −tanh(−z)).
    mixedUpper(kind, l, u, out);
    const au = out.au;
    const bu = out.bu;
    mixedUpper(kind, -u, -l, out);
    out.al = out.au;
    out.bl = (kind === 'sigmoid' ? 1 - out.bu : -out.bu) - 4 * UNIT - TINY;
    out.au = au;
    out.bu = bu;
  }
}

/**
 * An upper line of sigmoid or tanh on [l, u] with l < 0 < u (CROWN's construction, Zhang et al.
 * NeurIPS'18). φ is convex on [l, 0] and concave on [0, u]. If the chord's slope is at most φ'(u),
 * the chord lies above φ on both parts. Otherwise the tangent at some d in [0, u] that passes above
 * (l, φ(l)) does (mixedTangentFloor); the line is then moved up by the usual margin.
 */
function mixedUpper(kind: 'sigmoid' | 'tanh', l: number, u: number, out: Relaxation): void {
  const fu = phi(kind, u);
  const d = mixedTangentFloor(kind, l, u);
  if (d === CHORD) {
    const fl = phi(kind, l);
    const chord = (fu - fl) / (u - l);
    out.au = chord;
    out.bu = fu - chord * u + chordError(fl, fu, l, u) * (u - l) + mixedMargin(kind, l, u);
  } else if (d === FLAT) {
    // The chord test and the tangent test disagree only within rounding: the flat line at φ(u) is above.
    out.au = 0;
    out.bu = fu + mixedMargin(kind, l, u);
  } else {
    tangentLine(kind, d, mixedMargin(kind, l, u), out);
  }
}

/** mixedTangentFloor's answers that are not a tangent point: the chord is the upper line, or the flat line at φ(u). */
export const CHORD = -Infinity;
export const FLAT = Infinity;

/** A margin for any tangent or chord of φ on [l, u]: φ'(0) is the steepest slope any of them has. */
export const mixedMargin = (kind: 'sigmoid' | 'tanh', l: number, u: number) => margin(dphi(kind, 0), l, u);

/**
 * The computed difference fu − fl errs by a few ulps (and φ's own ≤ 1 ulp at each end): as a
 * slope, that much over the width. A test must hold for the exact chord, and a line through (u, fu)
 * with the computed slope must clear the exact chord over the whole width.
 */
const chordError = (fl: number, fu: number, l: number, u: number) => (8 * UNIT * (Math.abs(fu) + Math.abs(fl)) + TINY) / (u - l);

/**
 * On a mixed interval l < 0 < u, the least point d of [0, u] whose tangent passes at least a margin
 * above (l, φ(l)) (found by bisection, keeping the side that passes above): every tangent at a point
 * of [d, u] is then an upper line of φ on [l, u], above φ on the concave part (a tangent there) and,
 * on [l, 0], where the line minus φ is concave, above at both ends. The tangent at d meets φ(l)'s
 * height later the further d is from 0 (its value at l grows with d), so the range is [d, u].
 * CHORD when the chord's slope is at most φ'(u) (then no tangent of [0, u] passes above (l, φ(l)),
 * and the chord is above φ on both parts); FLAT when the two tests disagree within rounding.
 */
export function mixedTangentFloor(kind: 'sigmoid' | 'tanh', l: number, u: number): number {
  const fl = phi(kind, l);
  const fu = phi(kind, u);
  const chord = (fu - fl) / (u - l);
  const m = mixedMargin(kind, l, u);
  if (chord + chordError(fl, fu, l, u) <= dphi(kind, u) - m) return CHORD;
  let lo = 0;
  let hi = u;
  if (!tangentPassesAbove(kind, hi, l, fl, m)) return FLAT;
  for (let i = 0; i < 40; i++) {
    const mid = lo / 2 + hi / 2;
    if (tangentPassesAbove(kind, mid, l, fl, m)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Whether the tangent of φ at d passes at least m above (l, fl), fl = φ(l), as computed. */
export const tangentPassesAbove = (kind: 'sigmoid' | 'tanh', d: number, l: number, fl: number, m: number) => phi(kind, d) + dphi(kind, d) * (l - d) - fl >= m;

/** The tangent of φ at d, moved up by m: au = φ'(d), bu = φ(d) − φ'(d)·d + m. */
export function tangentLine(kind: 'sigmoid' | 'tanh', d: number, m: number, out: Relaxation): void {
  const a = dphi(kind, d);
  out.au = a;
  out.bu = phi(kind, d) - a * d + m;
}

/**
 * The largest |φ(z)| for z in [l, u]: max(|a|, |b|) of activationRange's [a, b], without the pair.
 * Back-substitution asks it for every neuron of every pass; returning a fresh array there cost
 * an allocation and an iterator call per neuron wherever V8 did not inline activationRange (it
 * did in some worker threads and not in others: up to 2x the CPU per pass).
 */
export function activationMagnitude(kind: Activation, l: number, u: number): number {
  if (kind === 'relu') return Math.max(l > 0 ? l : 0, u > 0 ? u : 0);
  if (kind === 'identity') return Math.max(Math.abs(l), Math.abs(u));
  const [a, b] = activationRange(kind, l, u);
  return Math.max(Math.abs(a), Math.abs(b));
}

/** Sound bounds of φ over [l, u] (activations are monotone). */
export function activationRange(kind: Activation, l: number, u: number): [number, number] {
  switch (kind) {
    case 'relu':
      return [l > 0 ? l : 0, u > 0 ? u : 0];
    case 'identity':
      return [l, u];
    default: {
      const m = 8 * UNIT + TINY;
      const floor = kind === 'sigmoid' ? 0 : -1;
      return [Math.max(floor, phi(kind, l) - m), Math.min(1, phi(kind, u) + m)];
    }
  }
}

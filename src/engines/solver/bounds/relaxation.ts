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

const phi = (kind: 'sigmoid' | 'tanh', z: number) => (kind === 'sigmoid' ? sigmoid(z) : Math.tanh(z));
const dphi = (kind: 'sigmoid' | 'tanh', z: number) => {
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
 * (l, φ(l)) does: above φ on the concave part (a tangent there), and on [l, 0], where the line
 * minus φ is concave, above at both ends. d is found by bisection keeping the side that passes
 * above, with a margin over the rounding of the test; the line is then moved up by the usual margin.
 */
function mixedUpper(kind: 'sigmoid' | 'tanh', l: number, u: number, out: Relaxation): void {
  const fl = phi(kind, l);
  const fu = phi(kind, u);
  const chord = (fu - fl) / (u - l);
  const m = margin(Math.max(chord, dphi(kind, 0)), l, u);
  // The computed difference fu − fl errs by a few ulps (and φ's own ≤ 1 ulp at each end): as a
  // slope, that much over the width. The test must hold for the exact chord, and the line (through
  // (u, fu) with the computed slope) must clear the exact chord over the whole width.
  const chordErr = (8 * UNIT * (Math.abs(fu) + Math.abs(fl)) + TINY) / (u - l);
  if (chord + chordErr <= dphi(kind, u) - m) {
    out.au = chord;
    out.bu = fu - chord * u + chordErr * (u - l) + m;
    return;
  }
  // above(d): the tangent at d passes at least a margin above (l, φ(l)). False at 0, true at u.
  const above = (d: number) => phi(kind, d) + dphi(kind, d) * (l - d) - fl >= m;
  let lo = 0;
  let hi = u;
  if (!above(hi)) {
    // The chord test and this one disagree only within rounding: the flat line at φ(u) is above.
    out.au = 0;
    out.bu = fu + m;
    return;
  }
  for (let i = 0; i < 40; i++) {
    const mid = lo / 2 + hi / 2;
    if (above(mid)) hi = mid;
    else lo = mid;
  }
  const a = dphi(kind, hi);
  out.au = a;
  out.bu = phi(kind, hi) - a * hi + m;
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

/**
 * max |φ(z)| over z ∈ [l, u], without building activationRange's pair (back-substitution asks it
 * for every neuron of every layer it passes; the pair's allocation was a tenth of its time).
 */
export function activationMagnitude(kind: Activation, l: number, u: number): number {
  if (kind === 'relu') return u > 0 ? u : 0;
  if (kind === 'identity') return Math.max(Math.abs(l), Math.abs(u));
  const [a, b] = activationRange(kind, l, u);
  return Math.max(Math.abs(a), Math.abs(b));
}

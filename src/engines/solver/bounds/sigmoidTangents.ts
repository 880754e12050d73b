import { CHORD, FLAT, mixedMargin, mixedTangentFloor, phi, relax, tangentLine, tangentPassesAbove, type Relaxation } from './relaxation.ts';
import { TINY, UNIT } from './rounding.ts';
import type { Activation } from '../model/network.ts';

/**
 * The sound family of tangent lines of sigmoid and tanh on [l, u], the S-shaped analogue of α-CROWN's
 * free ReLU slope (Xu et al., "Fast and Complete", ICLR 2021, optimise the tangent point of general
 * activations the same way). φ is convex on (−∞, 0] and concave on [0, ∞):
 *   - an upper line may be the tangent at any d of the concave part that passes above (l, φ(l)):
 *     d ∈ [l, u] when l ≥ 0, d ∈ [d*, u] on a mixed interval (relaxation.ts, mixedTangentFloor);
 *     on a convex interval (u ≤ 0), or a mixed one where no tangent passes above, it is the chord;
 *   - a lower line is the same construction mirrored (σ(z) = 1 − σ(−z), tanh(z) = −tanh(−z)).
 * Each neuron's line is the tangent at its own point d, clamped into that range; CROWN's fixed
 * choice (relaxation.ts: the midpoint, or d* on a mixed interval) is one member. Every line is moved
 * outward by the margin that covers its rounding, as relaxation.ts does, so any d gives a sound line.
 */

/** A tangent point that means "CROWN's line": no choice was made for this neuron. */
export const CROWN_POINT = Number.NaN;

const scratch: Relaxation = { al: 0, bl: 0, au: 0, bu: 0 };

/**
 * Fills one side of `out` (the lower line al, bl when `lower`, else the upper au, bu) with the
 * relaxation of `kind` on [l, u] whose line on that side is the tangent at d, clamped into the sound
 * range; where that side's line is not a tangent (the chord, or a nearly single point), or d is
 * CROWN_POINT, relaxation.ts's line.
 */
export function relaxAtPoint(kind: Activation, l: number, u: number, d: number, lower: boolean, out: Relaxation): void {
  if (kind === 'relu' || kind === 'identity') return relax(kind, l, u, out);
  if (lower) {
    // A lower line of φ on [l, u] is an upper line of z ↦ −φ(−z) on [−u, −l], shifted for sigmoid.
    if (!upperTangentAt(kind, -u, -l, -d, scratch)) return relax(kind, l, u, out);
    out.al = scratch.au;
    out.bl = (kind === 'sigmoid' ? 1 - scratch.bu : -scratch.bu) - 4 * UNIT - TINY;
    return;
  }
  if (!upperTangentAt(kind, l, u, d, out)) relax(kind, l, u, out);
}

/** The upper tangent line at d (clamped) into out.au, out.bu; false where the upper line is not a tangent. */
function upperTangentAt(kind: 'sigmoid' | 'tanh', l: number, u: number, d: number, out: Relaxation): boolean {
  if (Number.isNaN(d) || u <= 0 || u - l < 1e-9 * (1 + Math.abs(l))) return false;
  if (l >= 0) {
    // Concave on [l, u]: every tangent there is above φ.
    const at = Math.min(u, Math.max(l, d));
    tangentLine(kind, at, mixedMargin(kind, l, u), out);
    return true;
  }
  const floor = mixedTangentFloor(kind, l, u);
  if (floor === CHORD || floor === FLAT) return false;
  const m = mixedMargin(kind, l, u);
  let at = Math.min(u, Math.max(floor, d));
  // The range's argument is for exact values; the computed test decides, and d* passed it.
  if (!tangentPassesAbove(kind, at, l, phi(kind, l), m)) at = floor;
  tangentLine(kind, at, m, out);
  return true;
}

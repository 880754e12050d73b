import { rangeOf, type Ring } from '../../../engines/dynamo/ring/ring.ts';

/** Arcs drawn around the ring at most; a ring with more key ranges is drawn summarised. */
export const MAX_DRAWN = 720;

const TAU = 2 * Math.PI;
const SPACE = 4294967296;
/** The angle of a ring position: 0 at the top, clockwise. */
export const angleOf = (pos: number): number => (pos / SPACE) * TAU - Math.PI / 2;

export interface Arc {
  /** Start and end angles, a1 > a0 (a1 may pass 2π to wrap). */
  a0: number;
  a1: number;
  /** The node that coordinates the keys there (the first of the preference list). */
  owner: number;
  /** The key range drawn, or -1 for an arc that summarises several. */
  range: number;
}

export interface RingBand {
  arcs: Arc[];
  /** One tick per token (empty when summarised). */
  ticks: { angle: number; owner: number }[];
  /** True when the ring has more ranges than MAX_DRAWN: each arc shows the coordinator sampled at its middle. */
  summarised: boolean;
}

/**
 * The coloured band of the ring view, bounded: a ring of up to MAX_DRAWN key ranges is drawn
 * range by range with its token ticks; a larger one (up to 65,536 ranges) is sampled at
 * MAX_DRAWN evenly spaced points, and neighbouring samples with the same coordinator are merged,
 * so the drawing stays a few hundred SVG paths however many tokens the ring has.
 */
export function ringArcs(ring: Ring): RingBand {
  const L = ring.prefLen;
  const ranges = ring.bounds.length;
  if (ranges <= MAX_DRAWN) {
    const arcs = Array.from(ring.bounds, (end, r) => {
      if (ranges === 1) return { a0: -Math.PI / 2, a1: -Math.PI / 2 + TAU - 1e-6, owner: ring.prefs[0]!, range: 0 };
      const a0 = angleOf(r === 0 ? ring.bounds[ranges - 1]! : ring.bounds[r - 1]!);
      let a1 = angleOf(end);
      if (a1 <= a0) a1 += TAU;
      return { a0, a1, owner: ring.prefs[r * L]!, range: r };
    });
    const ticks = Array.from(ring.tokens, (pos, t) => ({ angle: angleOf(pos), owner: ring.tokenOwner[t]! }));
    return { arcs, ticks, summarised: false };
  }
  const arcs: Arc[] = [];
  const step = TAU / MAX_DRAWN;
  for (let i = 0; i < MAX_DRAWN; i++) {
    const owner = ring.prefs[rangeOf(ring, Math.floor(((i + 0.5) / MAX_DRAWN) * SPACE)) * L]!;
    const a0 = -Math.PI / 2 + i * step;
    const last = arcs[arcs.length - 1];
    if (last && last.owner === owner) last.a1 = a0 + step;
    else arcs.push({ a0, a1: a0 + step, owner, range: -1 });
  }
  return { arcs, ticks: [], summarised: true };
}

/**
 * A small, fast, seeded generator (Mulberry32): the same seed gives the same stream on every
 * JavaScript engine, because it uses only 32-bit integer arithmetic. The LVars explorer draws random
 * schedules and law-check samples from it; the solver draws generated networks and falsification
 * restarts. A run is reproducible from (input, seed).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

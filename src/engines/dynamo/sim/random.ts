import { seededRandom, type Random } from '../../random.ts';

export type { Random };

/**
 * The simulation's only source of randomness: the project's seeded generator (src/engines/random.ts),
 * algorithm sfc32. A run draws from several independent streams (workload, network, ring, protocol)
 * derived from one seed (and the WARS computation of measure/theory.ts its own), so changing N or the strategy leaves the workload untouched: variants of a
 * scenario see the same requests at the same times (common random numbers).
 */
export function simRandom(seed: number, stream = 0): Random {
  return seededRandom(seed, 'sfc32', stream);
}

/** The independent streams of one run. */
export const STREAM = { ring: 1, workload: 2, network: 3, protocol: 4, theory: 5, clocks: 6, service: 7 } as const;

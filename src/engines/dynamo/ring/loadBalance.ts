import { preferenceList, rangeWidth, type Ring } from './ring.ts';

/**
 * Load balance as the paper measures it (SOSP'07 §6.2): a node is "out of balance" when its load
 * deviates from the mean by more than 15%; the efficiency of a partitioning strategy is the mean
 * load over the load of the hottest node. Loads are divided by capacity, so a node with twice the
 * capacity is balanced when it carries twice the load.
 */
export interface Balance {
  mean: number;
  max: number;
  /** mean / max: 1 is perfect. */
  efficiency: number;
  /** Share of nodes more than 15% off the mean. */
  outOfBalance: number;
}

export const IMBALANCE_THRESHOLD = 0.15;

export function balance(loads: readonly number[]): Balance {
  if (loads.length === 0) return { mean: 0, max: 0, efficiency: 1, outOfBalance: 0 };
  const mean = loads.reduce((s, x) => s + x, 0) / loads.length;
  const max = Math.max(...loads);
  const off = loads.filter((x) => Math.abs(x - mean) > IMBALANCE_THRESHOLD * mean).length;
  return { mean, max, efficiency: max === 0 ? 1 : mean / max, outOfBalance: off / loads.length };
}

/** Expected replica load of each ring member (in `ring.members` order) given each key's popularity. */
export function keyLoad(ring: Ring, n: number, keyRange: Int32Array, weights: Float64Array): number[] {
  const load = new Float64Array(ring.capacity.length);
  const k = Math.min(n, ring.prefLen);
  for (let key = 0; key < keyRange.length; key++) {
    const r = keyRange[key]!;
    for (let i = 0; i < k; i++) load[ring.prefs[r * ring.prefLen + i]!]! += weights[key]!;
  }
  return ring.members.map((m) => load[m]! / ring.capacity[m]!);
}

/** Replica load of each member when requests fall uniformly over the hash space: the share of the space it replicates. */
export function spaceLoad(ring: Ring, n: number): number[] {
  const load = new Float64Array(ring.capacity.length);
  for (let r = 0; r < ring.bounds.length; r++) {
    const w = rangeWidth(ring, r);
    const prefs = preferenceList(ring, r);
    for (let i = 0; i < Math.min(n, prefs.length); i++) load[prefs[i]!]! += w;
  }
  return ring.members.map((m) => load[m]! / ring.capacity[m]!);
}

import { binomial } from './staleness.ts';
import type { Locality } from './coordinatorLocality.ts';

/**
 * The exact chance that a read misses each of the last k committed writes when writes reach
 * only their W replicas (PBS's setting, Bailis et al. VLDB'12 §3), with coordinator locality
 * (coordinatorLocality.ts). A read set RS is its coordinator (if a replica) plus the first
 * R − 1 others to answer, which with independent latencies are uniform among the rest; a write
 * set is its coordinator plus W − 1 others at random. Given RS the k writes miss it
 * independently, so
 *
 *   P(miss all k) = Σ_RS P(RS) · P(miss | RS)^k,
 *   P(miss | RS) = Σ_{c ∉ RS} q_c · C(N−1−R, W−1)/C(N−1, W−1)   (write coordinator c ~ q),
 *                = C(N−R, W)/C(N, W)                              (client-coordinated writes),
 *
 * which for client coordination is C(N−W,R)/C(N,R) to the k-th power, PBS's closed form.
 * Read sets are enumerated: at most C(16, 8) of them for N ≤ 16.
 */
export function missAllK(l: Locality, r: number, w: number, kMax: number): number[] {
  const { n } = l;
  const out = new Array<number>(kMax).fill(0);
  const readSets = binomial(n, r);
  const writeAvoids = l.write ? binomial(n - 1 - r, w - 1) / binomial(n - 1, w - 1) : binomial(n - r, w) / binomial(n, w);
  for (let mask = 0; mask < 1 << n; mask++) {
    if (popcount(mask) !== r) continue;
    let pRead = l.read ? 0 : 1 / readSets;
    let outside = 0;
    for (let c = 0; c < n; c++) {
      const inside = (mask >> c) & 1;
      if (l.read && inside) pRead += l.read[c]! / binomial(n - 1, r - 1);
      if (l.write && !inside) outside += l.write[c]!;
    }
    const pMiss = l.write ? outside * writeAvoids : writeAvoids;
    let power = 1;
    for (let k = 0; k < kMax; k++) out[k]! += pRead * (power *= pMiss);
  }
  return out;
}

function popcount(x: number): number {
  let count = 0;
  for (let v = x; v !== 0; v &= v - 1) count++;
  return count;
}

/** n choose k, exact for the small n of quorum systems. */
export function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let out = 1;
  for (let i = 1; i <= k; i++) out = (out * (n - k + i)) / i;
  return Math.round(out);
}

/**
 * PBS (Bailis et al., VLDB 2012, §3): when a write has reached only its W replicas and a read
 * asks R replicas chosen uniformly at random, the read misses the write with probability
 * C(N−W, R) / C(N, R). It is 0 exactly when R + W > N (a strict quorum system).
 */
export function missProbability(n: number, r: number, w: number): number {
  return binomial(n - w, r) / binomial(n, r);
}

/**
 * k-staleness (PBS §3.2): the read returns none of the last k committed versions only if it
 * misses all k independent write quorums, so P(within k versions) = 1 − p^k.
 */
export function withinKProbability(n: number, r: number, w: number, k: number): number {
  return 1 - Math.pow(missProbability(n, r, w), k);
}

/** How far back the commit log looks; reads older than this are "at least DEPTH versions stale". */
export const COMMIT_DEPTH = 6;

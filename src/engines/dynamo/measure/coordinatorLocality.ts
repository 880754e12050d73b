import type { DynamoConfig } from '../config.ts';
import type { Random } from '../sim/random.ts';

/**
 * Where a request's coordinator sits among the key's N home replicas, with no failures (the
 * coordinator locality that the PBS closed form, Bailis et al. VLDB'12 §3, leaves out):
 *
 * - server-driven coordination (SOSP'07 §4.5): a load balancer hands the request to one of the
 *   S nodes at random; a home replica coordinates it itself, any other node forwards it to the
 *   first replica of the preference list. Replica 0 coordinates with probability (S − N + 1)/S,
 *   each other replica with 1/S. The coordinator reads and writes its own copy at once, so a
 *   read's and a write's quorums are correlated: both contain their coordinator.
 * - client-driven coordination (§6.4): the client library coordinates reads itself (no replica
 *   is favoured); it coordinates writes too when versions are timestamps, otherwise it sends a
 *   write to a home replica chosen uniformly, which coordinates it.
 *
 * `null` stands for a coordinator that holds no replica (the client).
 */
export interface Locality {
  /** N, the home replicas. */
  n: number;
  /** S, the nodes a load balancer picks from (server-driven coordination), or 0. */
  nodes: number;
  /** Probability that replica i coordinates a read, or null when the client does. */
  read: Float64Array | null;
  /** Probability that replica i coordinates a write, or null when the client does. */
  write: Float64Array | null;
}

export function locality(cfg: DynamoConfig): Locality {
  const { n } = cfg.quorum;
  const S = cfg.cluster.nodes;
  if (cfg.coordination.mode === 'server') {
    const shares = new Float64Array(n).fill(1 / S);
    shares[0] = (S - n + 1) / S;
    return { n, nodes: S, read: shares, write: shares };
  }
  const byClient = cfg.versioning.reconciliation === 'last-write-wins';
  return { n, nodes: 0, read: null, write: byClient ? null : new Float64Array(n).fill(1 / n) };
}

/**
 * One server-driven entry into the cluster as the load balancer makes it: the coordinating
 * replica and the hops it took to get there (1, or 2 with a forward).
 */
export function serverEntry(l: Locality, rng: Random): { replica: number; hops: number } {
  const u = rng.int(l.nodes);
  return u < l.n ? { replica: u, hops: 1 } : { replica: 0, hops: 2 };
}

/** A replica drawn with the given shares. */
export function drawReplica(shares: Float64Array, rng: Random): number {
  let u = rng.next();
  for (let i = 0; i < shares.length - 1; i++) {
    u -= shares[i]!;
    if (u < 0) return i;
  }
  return shares.length - 1;
}

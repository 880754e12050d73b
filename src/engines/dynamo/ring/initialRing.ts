import { totalNodes, type DynamoConfig } from '../config.ts';
import { simRandom, STREAM, type Random } from '../sim/random.ts';
import { buildRing, type Ring } from './ring.ts';

/** Length of the extended preference lists: enough to find N healthy nodes behind several failures. */
export const preferenceLength = (cfg: DynamoConfig): number => Math.min(totalNodes(cfg), Math.max(3 * cfg.quorum.n + 10, 16));

/** The ring a run starts from, drawn from the ring's own random stream. */
export function initialRing(cfg: DynamoConfig, rng: Random): Ring {
  const capacities = Array.from({ length: cfg.cluster.nodes }, (_, i) => cfg.cluster.capacity[i] ?? 1);
  return buildRing(cfg.cluster, capacities, totalNodes(cfg), preferenceLength(cfg), rng);
}

/** The ring a run of (cfg, seed) starts from, without running it: what the views show before a run. */
export const previewRing = (cfg: DynamoConfig, seed: number): Ring => initialRing(cfg, simRandom(seed, STREAM.ring));

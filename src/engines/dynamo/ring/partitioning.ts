import type { DynamoConfig, Strategy } from '../config.ts';
import { keyPosition } from './hash.ts';
import { balance, keyLoad, spaceLoad } from './loadBalance.ts';
import { simRandom } from '../sim/random.ts';
import { buildRing, keyRanges } from './ring.ts';
import { popularityWeights } from '../sim/workload.ts';

export interface StrategyBalance {
  strategy: Strategy;
  tokensPerNode: number;
  partitions: number;
  efficiency: number;
  outOfBalance: number;
}

export interface Figure8 {
  /** Metadata per node, in tokens or partition-table entries (see `figure8`). */
  metadata: number[];
  /** Mean load-balancing efficiency over several ring draws, per strategy, per metadata size. */
  efficiency: Record<Strategy, number[]>;
  draws: number;
}

const STRATEGIES: Strategy[] = [1, 2, 3];
const STREAM_BASE = 100;

const capacities = (cfg: DynamoConfig) => Array.from({ length: cfg.cluster.nodes }, (_, i) => cfg.cluster.capacity[i] ?? 1);

/**
 * The three strategies on the scenario's own nodes and keys (popularity included), at its T and Q:
 * the expected replica load of every node, and how balanced it is.
 */
export function compareStrategies(cfg: DynamoConfig, seed: number): StrategyBalance[] {
  const caps = capacities(cfg);
  const S = caps.length;
  const positions = new Uint32Array(cfg.workload.keys);
  for (let k = 0; k < positions.length; k++) positions[k] = keyPosition(k);
  const weights = popularityWeights(cfg.workload.popularity, cfg.workload.keys);
  const q = Math.max(cfg.cluster.partitions, S);
  return STRATEGIES.map((strategy) => {
    const spec = { strategy, tokensPerNode: cfg.cluster.tokensPerNode, partitions: q };
    const ring = buildRing(spec, caps, S, cfg.quorum.n, simRandom(seed, STREAM_BASE + strategy));
    const b = balance(keyLoad(ring, cfg.quorum.n, keyRanges(ring, positions), weights));
    return { strategy, tokensPerNode: strategy === 3 ? q / S : spec.tokensPerNode, partitions: strategy === 1 ? 0 : q, efficiency: b.efficiency, outOfBalance: b.outOfBalance };
  });
}

/**
 * The paper's Figure 8: load-balancing efficiency against the metadata each node keeps, for the
 * three strategies with the scenario's S and N, at equal metadata (SOSP'07 §6.2). With M units
 * per node: strategy 1 keeps M tokens; strategy 2 keeps its tokens and its share of the
 * partition table, so M/2 tokens and Q = S·M/2 partitions; strategy 3 keeps Q/S = M partitions.
 * The load is the share of the hash space each node replicates (uniform requests), averaged
 * over several ring draws, which isolates the partitioning scheme from key popularity.
 */
export function figure8(cfg: DynamoConfig, seed: number, metadata = [2, 4, 8, 16, 32, 64, 128], draws = 8): Figure8 {
  const caps = capacities(cfg);
  const S = caps.length;
  const efficiency: Record<Strategy, number[]> = { 1: [], 2: [], 3: [] };
  metadata.forEach((t, m) => {
    for (const strategy of STRATEGIES) {
      let sum = 0;
      for (let d = 0; d < draws; d++) {
        const rng = simRandom(seed, STREAM_BASE + 10 * (m * draws + d) + strategy);
        const tokens = strategy === 2 ? t / 2 : t;
        const ring = buildRing({ strategy, tokensPerNode: tokens, partitions: S * tokens }, caps, S, cfg.quorum.n, rng);
        sum += balance(spaceLoad(ring, cfg.quorum.n)).efficiency;
      }
      efficiency[strategy].push(sum / draws);
    }
  });
  return { metadata, efficiency, draws };
}

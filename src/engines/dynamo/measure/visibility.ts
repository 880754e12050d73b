import type { DynamoConfig } from '../config.ts';
import { quantile } from '../sim/latency.ts';

/**
 * Bins of time-after-commit for t-visibility: the probe delays when the scenario probes at fixed
 * times (PBS-style), otherwise 24 equal bins up to three times the 99th percentile of a
 * write's round trip, then one open bin.
 */
export function visibilityEdges(cfg: DynamoConfig): Float64Array {
  const probes = [...new Set(cfg.workload.probeDelaysMs)].sort((a, b) => a - b);
  if (probes.length > 0) return Float64Array.from(probes[0]! > 0 ? [0, ...probes] : probes);
  const l = cfg.latency;
  const horizon = 3 * (quantile(l.write ?? l.default, 0.99) + quantile(l.ack ?? l.default, 0.99));
  const step = horizon / 24;
  return Float64Array.from({ length: 25 }, (_, i) => i * step);
}


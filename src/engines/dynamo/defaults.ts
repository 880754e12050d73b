import type { DynamoConfig, LatticeConfig } from './config.ts';

/**
 * A small Dynamo cluster in the paper's common configuration (N, R, W) = (3, 2, 2) (SOSP'07
 * §6), sized for a lecture: 8 nodes, a few hundred keys, a few seconds of traffic.
 */
export function defaultConfig(): DynamoConfig {
  return {
    cluster: { nodes: 8, capacity: [], strategy: 1, tokensPerNode: 4, partitions: 64, seeds: 2, clockSkewMs: 0 },
    quorum: { n: 3, r: 2, w: 2, sloppy: true, propagation: 'all' },
    coordination: { mode: 'server', refreshMs: 2000, forwardTimeoutMs: 40, writeCoordinator: 'routed' },
    timeoutMs: 300,
    latency: { default: { kind: 'exponential', meanMs: 2 }, write: null, ack: null, read: null, response: null },
    service: {
      enabled: false,
      time: { kind: 'exponential', meanMs: 1 },
      bufferedWrites: false,
      flushIntervalMs: 100,
      bufferMs: 0.05,
      background: { keyMs: 0, admission: false, targetMs: 10, windowMs: 1000, sliceMs: 2, maxSlices: 100 },
    },
    versioning: { reconciliation: 'last-write-wins', versions: 'vector-clocks', clockThreshold: 10 },
    lattice: defaultLattice(),
    repair: { readRepair: true, hintedHandoff: true, handoffIntervalMs: 500, antiEntropy: true, antiEntropyIntervalMs: 1000, merkleDepth: 4 },
    membership: { gossipIntervalMs: 500, failureTimeoutMs: 3000, retryMs: 1000 },
    workload: {
      clients: 4,
      keys: 200,
      popularity: { kind: 'zipf', exponent: 0.9 },
      readFraction: 0.5,
      ratePerSecond: 100,
      diurnal: { amplitude: 0, periodMs: 10_000 },
      requests: 600,
      writersPerKey: 1,
      closedLoop: false,
      writeMode: 'blind',
      items: 8,
      removeFraction: 0.3,
      probeDelaysMs: [],
      script: [],
      settleMs: 1000,
    },
    failures: [],
    compare: [],
    trace: { maxEvents: 20000 },
  };
}

/** Vector clocks (Dynamo's own), with a G-counter ready for when lattice merge is switched on. */
export function defaultLattice(): LatticeConfig {
  return {
    values: 'vector-clocks',
    kind: 'g-counter',
    source: 'lattice Level { bottom: 0, top: 4, carrier: {0, 1, 2, 3, 4}, join: max }\n',
    thresholdReads: { share: 0, pollMs: 20, timeoutMs: 1000 },
  };
}

import { configProblem, MAX_NODES, MAX_REQUESTS, type DynamoConfig } from '../../engines/dynamo/config.ts';
import { defaultConfig, defaultLattice } from '../../engines/dynamo/defaults.ts';
import { LATTICE_KINDS } from '../../engines/dynamo/versioning/lattice/kinds.ts';
import type { Distribution } from '../../engines/dynamo/sim/latency.ts';
import { bool, int, list, literal, nullable, num, object, optional, refine, str, variant, type Schema } from '../../scenario/schema.ts';
import type { LabScenarioSpec, Scenario } from '../../scenario/types.ts';

/** Where the views stand: everything a link must reproduce besides the experiment itself. */
export interface DynamoView {
  /** The player's frame in the recorded trace. */
  position: number;
  tab: DynamoTab;
  /** The key whose preference list and version history are shown. */
  key: number;
  /** A run was shown: opening the scenario runs it again (deterministically) and seeks to `position`. */
  ran: boolean;
  /** The message diagram also draws gossip, hand-off and anti-entropy traffic. */
  background: boolean;
}

export const TABS = ['messages', 'versions', 'metrics', 'latency', 'partitioning', 'compare'] as const;
export type DynamoTab = (typeof TABS)[number];

const ms = (max = 1e7) => num({ min: 0, max });
const positiveMs = (max = 1e7) => num({ min: 0.001, max });

const simple = {
  constant: object({ kind: literal('constant'), ms: ms() }),
  uniform: refine(object({ kind: literal('uniform'), minMs: ms(), maxMs: ms() }), (d) =>
    d.maxMs < d.minMs ? `maxMs (${d.maxMs}) is below minMs (${d.minMs})` : undefined,
  ),
  exponential: object({ kind: literal('exponential'), meanMs: positiveMs() }),
  pareto: object({ kind: literal('pareto'), scaleMs: positiveMs(), shape: num({ min: 0.05, max: 1000 }) }),
};
const simpleDistribution = variant('kind', simple) as Schema<Distribution>;
const distribution = variant('kind', {
  ...simple,
  mixture: object({
    kind: literal('mixture'),
    parts: list(object({ weight: num({ min: 0.000001, max: 1e6 }), dist: simpleDistribution }), { min: 1, max: 8 }),
  }),
}) as Schema<Distribution>;

/** null, or a value of `s` (optional() alone maps only a missing field to its fallback). */

const node = int({ min: 0, max: 511 });
const failure = variant('kind', {
  crash: object({ at: ms(), kind: literal('crash'), node }),
  recover: object({ at: ms(), kind: literal('recover'), node }),
  partition: object({
    at: ms(),
    kind: literal('partition'),
    groups: list(list(node, { max: 512 }), { min: 1, max: 16 }),
    clientGroups: optional(list(list(int({ min: 0, max: 999 }), { max: 1000 }), { max: 17 }), []),
  }),
  heal: object({ at: ms(), kind: literal('heal') }),
  drop: object({ at: ms(), kind: literal('drop'), probability: num({ min: 0, max: 1 }) }),
  delay: object({ at: ms(), kind: literal('delay'), extraMs: ms(1e6) }),
  slow: object({ at: ms(), kind: literal('slow'), node, factor: num({ min: 0.01, max: 1000 }) }),
  add: object({ at: ms(), kind: literal('add'), capacity: num({ min: 0.1, max: 16 }) }),
  remove: object({ at: ms(), kind: literal('remove'), node }),
});

const maybe = <T>(s: Schema<T>) => optional<T | undefined>(s, undefined);
const reconciliation = literal('last-write-wins', 'shopping-cart', 'lattice-max', 'lattice-two-phase-set');
const small = int({ min: 1, max: 16 });
const latticeKind = literal(...LATTICE_KINDS);

const configSchema = object({
  cluster: object({
    nodes: int({ min: 1, max: MAX_NODES }),
    capacity: optional(list(num({ min: 0.1, max: 16 }), { max: MAX_NODES }), []),
    strategy: literal(1, 2, 3),
    tokensPerNode: int({ min: 1, max: 1024 }),
    partitions: int({ min: 1, max: 65536 }),
    seeds: int({ min: 0, max: MAX_NODES }),
    clockSkewMs: optional(ms(1e6), 0),
  }),
  quorum: object({ n: small, r: small, w: small, sloppy: bool(), propagation: literal('all', 'quorum-only') }),
  coordination: object({
    mode: literal('server', 'client'),
    refreshMs: positiveMs(),
    forwardTimeoutMs: optional(positiveMs(1e6), 40),
    writeCoordinator: optional(literal('routed', 'fastest-read'), 'routed'),
  }),
  timeoutMs: positiveMs(1e6),
  latency: object({
    default: distribution,
    write: optional(nullable(distribution), null),
    ack: optional(nullable(distribution), null),
    read: optional(nullable(distribution), null),
    response: optional(nullable(distribution), null),
  }),
  service: optional(
    object({
      enabled: bool(),
      time: distribution,
      bufferedWrites: optional(bool(), false),
      flushIntervalMs: optional(positiveMs(1e6), 100),
      bufferMs: optional(ms(1e4), 0.05),
      background: optional(
        object({
          keyMs: ms(100),
          admission: bool(),
          targetMs: positiveMs(1e5),
          windowMs: num({ min: 10, max: 1e6 }),
          sliceMs: num({ min: 0.1, max: 1e4 }),
          maxSlices: int({ min: 1, max: 1e6 }),
        }),
        defaultConfig().service.background,
      ),
    }),
    defaultConfig().service,
  ),
  versioning: object({ reconciliation, versions: optional(literal('vector-clocks', 'timestamps'), 'vector-clocks'), clockThreshold: int({ min: 1, max: 100 }) }),
  lattice: optional(
    object({
      values: literal('vector-clocks', 'lattice'),
      kind: latticeKind,
      source: optional(str({ max: 20_000 }), defaultLattice().source),
      thresholdReads: optional(
        object({ share: num({ min: 0, max: 1 }), pollMs: positiveMs(1e6), timeoutMs: positiveMs(1e7) }),
        defaultLattice().thresholdReads,
      ),
    }),
    defaultLattice(),
  ),
  repair: object({
    readRepair: bool(),
    hintedHandoff: bool(),
    handoffIntervalMs: positiveMs(),
    antiEntropy: bool(),
    antiEntropyIntervalMs: positiveMs(),
    merkleDepth: int({ min: 0, max: 16 }),
  }),
  membership: object({ gossipIntervalMs: positiveMs(), failureTimeoutMs: positiveMs(), retryMs: ms() }),
  workload: object({
    clients: int({ min: 1, max: 1000 }),
    keys: int({ min: 1, max: 2_000_000 }),
    popularity: variant('kind', {
      uniform: object({ kind: literal('uniform') }),
      zipf: object({ kind: literal('zipf'), exponent: num({ min: 0, max: 5 }) }),
    }),
    readFraction: num({ min: 0, max: 1 }),
    ratePerSecond: num({ min: 0, max: 1e7 }),
    diurnal: optional(object({ amplitude: num({ min: 0, max: 1 }), periodMs: positiveMs() }), defaultConfig().workload.diurnal),
    requests: int({ min: 0, max: MAX_REQUESTS }),
    writersPerKey: int({ min: 1, max: 1000 }),
    closedLoop: optional(bool(), false),
    writeMode: literal('blind', 'read-modify-write'),
    items: int({ min: 1, max: 64 }),
    removeFraction: num({ min: 0, max: 1 }),
    probeDelaysMs: optional(list(ms(1e6), { max: 32 }), []),
    script: optional(
      list(
        object({
          at: ms(),
          client: int({ min: 0, max: 999 }),
          key: int({ min: 0, max: 1_999_999 }),
          op: literal('get', 'put', 'add', 'remove', 'wait'),
          item: optional(int({ min: 0, max: 63 }), 0),
        }),
        { max: 2000 },
      ),
      [],
    ),
    settleMs: ms(),
  }),
  failures: optional(list(failure, { max: 500 }), []),
  compare: optional(
    list(
      object({
        label: str({ min: 1, max: 60 }),
        set: object({
          n: maybe(small),
          r: maybe(small),
          w: maybe(small),
          sloppy: maybe(bool()),
          propagation: maybe(literal('all', 'quorum-only')),
          strategy: maybe(literal(1, 2, 3)),
          tokensPerNode: maybe(int({ min: 1, max: 1024 })),
          partitions: maybe(int({ min: 1, max: 65536 })),
          coordination: maybe(literal('server', 'client')),
          writeCoordinator: maybe(literal('routed', 'fastest-read')),
          reconciliation: maybe(reconciliation),
          versions: maybe(literal('vector-clocks', 'timestamps')),
          readRepair: maybe(bool()),
          hintedHandoff: maybe(bool()),
          antiEntropy: maybe(bool()),
          values: maybe(literal('vector-clocks', ...LATTICE_KINDS)),
          queueing: maybe(bool()),
          bufferedWrites: maybe(bool()),
          admissionControl: maybe(bool()),
        }),
      }),
      { max: 8 },
    ),
    [],
  ),
  trace: object({ maxEvents: int({ min: 0, max: 500_000 }) }),
}) as Schema<DynamoConfig>;

/** The config schema, then the checks that relate fields (R ≤ N, nodes that exist, …). */
const config: Schema<DynamoConfig> = refine(configSchema, configProblem);

const view = object({
  position: optional(int({ min: 0 }), 0),
  tab: optional(literal(...TABS), 'metrics'),
  key: optional(int({ min: 0, max: 1_999_999 }), 0),
  ran: optional(bool(), false),
  background: optional(bool(), false),
}) as Schema<DynamoView>;

export const spec: LabScenarioSpec<DynamoConfig, DynamoView> = { lab: 'dynamo', config, view };

export const defaultView: DynamoView = { position: 0, tab: 'metrics', key: 0, ran: false, background: false };

export const defaultScenario: Scenario<DynamoConfig, DynamoView> = {
  version: 1,
  lab: 'dynamo',
  title: 'Dynamo: a ring of 8 nodes, N = 3, R = 2, W = 2',
  seed: 1,
  config: defaultConfig(),
  view: defaultView,
};

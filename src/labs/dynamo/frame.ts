import type { DynamoConfig } from '../../engines/dynamo/config.ts';
import type { DynamoResult, DynamoTrace } from '../../engines/dynamo/engine.ts';
import { keyPosition } from '../../engines/dynamo/ring/hash.ts';
import { preferenceList, rangeOf, type Ring } from '../../engines/dynamo/ring/ring.ts';
import type { DynamoView } from './scenario.ts';
import { metricsAt, type MetricsAt } from './seriesAt.ts';
import { clusterAt, timeAt, type ClusterState } from './timeline.ts';
import { messagesInFlight } from './views/inFlight.ts';
import type { InFlight } from './views/RingView.tsx';

/** What every Dynamo view shows at the player's position: the shown run read at one frame. */
export interface Frame {
  result?: DynamoResult;
  trace?: DynamoTrace;
  /** The settings of the shown run (the scenario's own before any run). */
  config: DynamoConfig;
  length: number;
  position: number;
  /** Simulated time at the frame. */
  now: number;
  cluster: ClusterState;
  /** Undefined until the starting ring is laid out (useRingPreview). */
  ring: Ring | undefined;
  nodes: number;
  clients: number;
  keys: number;
  key: number;
  /** The selected key's position on the ring and its preference list. */
  keyPosition: number;
  preference: number[];
  at?: MetricsAt;
  inFlight: InFlight[];
}

/** The cluster before any run: the first `nodes` nodes up and members, no partition. */
export function initialCluster(c: DynamoConfig): ClusterState {
  const M = c.cluster.nodes + c.failures.filter((f) => f.kind === 'add').length;
  return {
    up: Array.from({ length: M }, (_, i) => i < c.cluster.nodes),
    member: Array.from({ length: M }, (_, i) => i < c.cluster.nodes),
    slow: new Array<number>(M).fill(1),
    group: new Array<number>(M).fill(-1),
    clientGroup: new Array<number>(c.workload.clients).fill(-1),
    partitioned: false,
    dropProbability: 0,
    extraDelayMs: 0,
    ring: 0,
  };
}

/**
 * Reads the shown run at the view's position; before any run, the scenario's own settings and
 * the ring it starts from (`preview`, undefined while it is laid out).
 */
export function frameOf(result: DynamoResult | undefined, shownConfig: DynamoConfig | undefined, scenarioConfig: DynamoConfig, view: DynamoView, preview: Ring | undefined): Frame {
  const trace = result?.trace;
  const config = shownConfig ?? scenarioConfig;
  const length = trace?.events.length ?? 0;
  const position = Math.min(view.position, Math.max(0, length - 1));
  // With no recorded events (a trace of size 0), the views show the end of the run.
  const now = trace ? (length === 0 ? trace.endTime : timeAt(trace, position)) : 0;
  const cluster = trace ? clusterAt(trace, config, now) : initialCluster(scenarioConfig);
  const ring = trace ? trace.rings[cluster.ring] : preview;
  const keys = config.workload.keys;
  const key = Math.min(view.key, keys - 1);
  const pos = keyPosition(key);
  return {
    result,
    trace,
    config,
    length,
    position,
    now,
    cluster,
    ring,
    nodes: trace ? trace.nodes : cluster.up.length,
    clients: trace ? trace.clients : scenarioConfig.workload.clients,
    keys,
    key,
    keyPosition: pos,
    preference: ring ? Array.from(preferenceList(ring, rangeOf(ring, pos))) : [],
    at: trace ? metricsAt(trace.series, trace.nodes, now) : undefined,
    inFlight: trace ? messagesInFlight(trace, position, view.background) : [],
  };
}

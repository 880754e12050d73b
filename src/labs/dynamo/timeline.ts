import { bisectLeft } from '../../engines/bisect.ts';
import type { DynamoConfig } from '../../engines/dynamo/config.ts';
import type { DynamoTrace } from '../../engines/dynamo/engine.ts';
import { FAILURE_KINDS } from '../../engines/dynamo/failures/failures.ts';
import { MESSAGE_NAMES } from '../../engines/dynamo/sim/messages.ts';
import { FLAG, REC, STORE_CAUSE_NAMES } from '../../engines/dynamo/measure/traceRecorder.ts';
import { OP_NAMES } from '../../engines/dynamo/sim/workload.ts';
import { endpointName, formatMs, keyName, nodeName } from './names.ts';

/**
 * Reading the recorded trace at a player position: the simulated time there, the state of the
 * cluster (who is up, the partition, the ring version), and a sentence for the frame. Pure
 * functions of the trace: stepping back is reading an earlier frame, never re-running.
 */

export interface ClusterState {
  /** Per node: running, in the cluster, slow factor, partition group (-1 when unpartitioned). */
  up: boolean[];
  member: boolean[];
  slow: number[];
  group: number[];
  /** Partition group per client, -1 reaches all. */
  clientGroup: number[];
  partitioned: boolean;
  dropProbability: number;
  extraDelayMs: number;
  /** The latest ring version. */
  ring: number;
}

/** Simulated time at a frame (0 before any). */
export function timeAt(trace: DynamoTrace, position: number): number {
  const e = trace.events;
  if (e.length === 0) return 0;
  return e.time[Math.min(Math.max(0, position), e.length - 1)]!;
}

/** The first frame at or after time t (the last frame when none is). */
export function frameAt(trace: DynamoTrace, t: number): number {
  const times = trace.events.time;
  return Math.min(bisectLeft(times, t), Math.max(0, times.length - 1));
}

/** The cluster at time t, from the failures applied up to then. */
export function clusterAt(trace: DynamoTrace, config: DynamoConfig, t: number): ClusterState {
  const M = trace.nodes;
  const s: ClusterState = {
    up: Array.from({ length: M }, (_, i) => i < trace.initialNodes),
    member: Array.from({ length: M }, (_, i) => i < trace.initialNodes),
    slow: new Array<number>(M).fill(1),
    group: new Array<number>(M).fill(-1),
    clientGroup: new Array<number>(trace.clients).fill(-1),
    partitioned: false,
    dropProbability: 0,
    extraDelayMs: 0,
    ring: 0,
  };
  for (const applied of trace.failures) {
    if (applied.at > t) break;
    const f = config.failures[applied.index];
    if (!f) continue;
    s.ring = applied.ring;
    switch (f.kind) {
      case 'crash':
        s.up[f.node] = false;
        break;
      case 'recover':
        if (s.member[f.node]) s.up[f.node] = true;
        break;
      case 'partition':
        s.partitioned = true;
        s.group.fill(f.groups.length);
        f.groups.forEach((g, i) => g.forEach((n) => (s.group[n] = i)));
        s.clientGroup.fill(-1);
        f.clientGroups.forEach((g, i) => g.forEach((c) => (s.clientGroup[c] = i)));
        break;
      case 'heal':
        s.partitioned = false;
        s.group.fill(-1);
        s.clientGroup.fill(-1);
        break;
      case 'drop':
        s.dropProbability = f.probability;
        break;
      case 'delay':
        s.extraDelayMs = f.extraMs;
        break;
      case 'slow':
        s.slow[f.node] = f.factor;
        break;
      case 'add':
        s.up[applied.node] = true;
        s.member[applied.node] = true;
        break;
      case 'remove':
        s.member[f.node] = false;
        break;
    }
  }
  return s;
}

/** The groups of a partition in words: "{A, B} | {C, D, E}". */
export function describeGroups(groups: number[][], nodes: number): string {
  const listed = new Set(groups.flat());
  const rest = Array.from({ length: nodes }, (_, i) => i).filter((n) => !listed.has(n));
  return [...groups, ...(rest.length > 0 ? [rest] : [])].map((g) => `{${g.map(nodeName).join(', ')}}`).join(' | ');
}

/** One scheduled failure in words. */
export function describeFailure(f: DynamoConfig['failures'][number], nodes: number, addedAs?: number): string {
  switch (f.kind) {
    case 'crash':
      return `crash ${nodeName(f.node)}`;
    case 'recover':
      return `recover ${nodeName(f.node)}`;
    case 'partition':
      return `partition ${describeGroups(f.groups, nodes)}`;
    case 'heal':
      return 'heal the partition';
    case 'drop':
      return f.probability === 0 ? 'stop dropping messages' : `drop ${(100 * f.probability).toFixed(0)}% of messages`;
    case 'delay':
      return f.extraMs === 0 ? 'stop delaying messages' : `delay every message by ${formatMs(f.extraMs)}`;
    case 'slow':
      return f.factor === 1 ? `${nodeName(f.node)} back to normal speed` : `slow ${nodeName(f.node)} down ×${f.factor}`;
    case 'add':
      return `add node ${addedAs === undefined ? '' : `${nodeName(addedAs)} `}(capacity ${f.capacity})`;
    case 'remove':
      return `remove ${nodeName(f.node)}`;
  }
}

/** A sentence for the frame at `position`. */
export function describeFrame(trace: DynamoTrace, config: DynamoConfig, position: number): string {
  const e = trace.events;
  if (e.length === 0) return 'Nothing was recorded.';
  const i = Math.min(Math.max(0, position), e.length - 1);
  const M = trace.nodes;
  const who = (x: number) => endpointName(x, M);
  const at = `t = ${formatMs(e.time[i]!)}`;
  const key = e.key[i]! >= 0 ? ` ${keyName(e.key[i]!)}` : '';
  switch (e.kind[i]) {
    case REC.message: {
      const lost = e.flags[i]! & FLAG.DROPPED ? ' — lost' : '';
      return `${at} · ${MESSAGE_NAMES[e.type[i]!]} ${who(e.from[i]!)} → ${who(e.to[i]!)}${key}${lost} (sent ${formatMs(e.sent[i]!)})`;
    }
    case REC.start:
      return `${at} · ${who(e.from[i]!)} starts ${e.flags[i]! & FLAG.STALE ? 'a staleness probe: ' : ''}${OP_NAMES[e.type[i]!]}(${keyName(e.key[i]!)})`;
    case REC.finish: {
      const ok = e.flags[i]! & FLAG.OK;
      const what = `${OP_NAMES[e.type[i]!]}(${keyName(e.key[i]!)})`;
      if (!ok) return `${at} · ${who(e.from[i]!)}'s ${what} failed`;
      if (e.type[i] !== 0) return `${at} · ${who(e.from[i]!)}'s ${what} succeeded`;
      const stale = e.flags[i]! & FLAG.STALE ? ', stale' : '';
      return `${at} · ${who(e.from[i]!)}'s ${what} returned ${e.aux[i]} version${e.aux[i] === 1 ? '' : 's'}${stale}`;
    }
    case REC.store: {
      const hint = e.flags[i]! & FLAG.HINTED ? ` as a hint for ${nodeName(e.aux[i]!)}` : '';
      return `${at} · ${who(e.to[i]!)} stores v${e.arg[i]} of${key}${hint} (${STORE_CAUSE_NAMES[e.type[i]!]})`;
    }
    case REC.failure: {
      const applied = trace.failures.find((f) => f.index === e.arg[i]);
      const f = config.failures[e.arg[i]!];
      return `${at} · ${f ? describeFailure(f, M, applied?.node) : FAILURE_KINDS[e.type[i]!]}`;
    }
    case REC.commit:
      return `${at} · v${e.arg[i]} of${key} is committed: ${who(e.from[i]!)} has W acknowledgements`;
    case REC.release:
      return `${at} · ${who(e.to[i]!)} lets go of v${e.arg[i]} of${key} (${STORE_CAUSE_NAMES[e.type[i]!]} done)`;
    case REC.returned:
      return `${at} · ${who(e.from[i]!)} receives v${e.arg[i]} of${key}`;
    default:
      return at;
  }
}

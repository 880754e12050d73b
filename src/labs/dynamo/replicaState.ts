import type { DynamoTrace } from '../../engines/dynamo/engine.ts';
import { EMPTY_VALUE } from '../../engines/dynamo/versioning/values.ts';
import { FLAG, REC, STORE_CAUSE, type VersionRecord } from '../../engines/dynamo/measure/traceRecorder.ts';
import { addVersion, NO_VERSIONS, type Siblings, type Version } from '../../engines/dynamo/versioning/versions.ts';

export interface KeyHistory {
  /** The key's versions created up to the frame, oldest first. */
  versions: VersionRecord[];
  /** Per node, the ids of the versions it holds for the key (its own data, and hinted copies). */
  held: { node: number; own: number[]; hinted: number[] }[];
  /** Reads of the key that returned, with the versions each got. */
  reads: { time: number; client: number; versions: number[] }[];
  /** Versions committed (W acknowledgements) up to the frame. */
  committed: Set<number>;
}

const asVersion = (r: VersionRecord): Version => ({ clock: r.clock, value: { ...EMPTY_VALUE, ...r.value }, id: r.id, time: r.time, writer: r.writer });

/**
 * A key's history at a frame, replayed from the trace: which versions exist, what every replica
 * holds (syntactic reconciliation applied to the recorded stores, exactly as the nodes did),
 * and what each read returned.
 */
export function keyHistory(trace: DynamoTrace, key: number, position: number): KeyHistory {
  const e = trace.events;
  const last = Math.min(position, e.length - 1);
  const upTo = last >= 0 ? e.time[last]! : -Infinity;
  const byId = new Map<number, Version>();
  const versions = trace.versions.filter((v) => v.key === key && v.time <= upTo);
  for (const v of versions) byId.set(v.id, asVersion(v));
  const own = new Map<number, Siblings>();
  const hinted = new Map<number, Siblings>();
  const reads: KeyHistory['reads'] = [];
  const committed = new Set<number>();
  let current: KeyHistory['reads'][number] | undefined;
  for (let i = 0; i <= last; i++) {
    if (e.key[i] !== key) continue;
    const kind = e.kind[i];
    if (kind === REC.store) {
      const v = byId.get(e.arg[i]!);
      if (!v) continue;
      const node = e.to[i]!;
      const target = e.flags[i]! & FLAG.HINTED ? hinted : own;
      target.set(node, addVersion(target.get(node) ?? NO_VERSIONS, v));
    } else if (kind === REC.release) {
      // A delivered hint leaves its holder; a transferred copy leaves its old owner.
      const node = e.to[i]!;
      const from = e.type[i] === STORE_CAUSE.handoff ? hinted : own;
      const left = (from.get(node) ?? NO_VERSIONS).filter((v) => v.id !== e.arg[i]);
      if (left.length === 0) from.delete(node);
      else from.set(node, left);
    } else if (kind === REC.commit) {
      committed.add(e.arg[i]!);
    } else if (kind === REC.returned) {
      if (!current || current.time !== e.time[i] || current.client !== e.from[i]! - trace.nodes) {
        current = { time: e.time[i]!, client: e.from[i]! - trace.nodes, versions: [] };
        reads.push(current);
      }
      current.versions.push(e.arg[i]!);
    }
  }
  const nodes = [...new Set([...own.keys(), ...hinted.keys()])].sort((a, b) => a - b);
  return {
    versions,
    held: nodes.map((node) => ({ node, own: (own.get(node) ?? []).map((v) => v.id), hinted: (hinted.get(node) ?? []).map((v) => v.id) })),
    reads,
    committed,
  };
}

import type { VectorClock } from '../versioning/vectorClock.ts';
import type { Value } from '../versioning/values.ts';
import type { Version } from '../versioning/versions.ts';
import { showState, type State } from '../../lvars/lattice/lattice.ts';

/** Kinds of trace records. */
export const REC = {
  /** A message delivered (or dropped: flag DROPPED). type = message type, arg = request id. */
  message: 0,
  /** A client started an operation. from = client endpoint, type = op code, arg = request id. */
  start: 1,
  /** A client got its answer. flags OK/STALE, aux = versions returned, arg = request id. */
  finish: 2,
  /** A version was applied at node `to`. arg = version id, type = cause (STORE_CAUSE), flags HINTED. */
  store: 3,
  /** A failure or membership event. type = failure kind index, from = node, arg = index in the schedule. */
  failure: 4,
  /** A write reached its W acknowledgements. from = coordinator, arg = version id. */
  commit: 5,
  /** Node `to` let go of version `arg` of a key: a hint it delivered, or a copy it transferred. */
  release: 6,
  /** One of the versions a read returned to client `from`. arg = version id, aux = request id. */
  returned: 7,
} as const;

export const FLAG = { DROPPED: 1, OK: 1, STALE: 2, HINTED: 1, LOCAL: 2 } as const;

/** Why a version reached a node. */
export const STORE_CAUSE = { put: 0, repair: 1, handoff: 2, antiEntropy: 3, transfer: 4 } as const;
export const STORE_CAUSE_NAMES = ['put', 'read repair', 'hinted handoff', 'anti-entropy', 'transfer'] as const;

/** A version as the views see it (for the version graph). */
export interface VersionRecord {
  id: number;
  key: number;
  clock: number[];
  value: { n: number; items: number[]; removed: number[] };
  time: number;
  writer: number;
  coordinator: number;
}

/**
 * Lattice values: a replica's state for a key changed. It was `before` (null: nothing yet), a
 * version arrived (`incoming`, from `from` by `cause`), and the replica keeps `after`: the
 * incoming state itself when it is above, their join otherwise (`joined`). States are shown as
 * the LVars lab prints lattice elements.
 */
export interface LatticeStateRecord {
  time: number;
  node: number;
  key: number;
  cause: number;
  from: number;
  incoming: number;
  incomingState: string;
  before: string | null;
  after: string;
  joined: boolean;
  /** What a client reads off `after`. */
  n: number;
  items: number[];
}

/** The recorded events, oldest first, as parallel typed arrays. */
export interface TraceEvents {
  length: number;
  /** Records made in all (more than `length` when the window dropped older ones). */
  total: number;
  time: Float64Array;
  sent: Float64Array;
  kind: Uint8Array;
  type: Uint8Array;
  from: Int16Array;
  to: Int16Array;
  key: Int32Array;
  arg: Int32Array;
  aux: Int32Array;
  flags: Uint8Array;
}

/**
 * Keeps the most recent `capacity` records in a ring buffer, so a run of any length has a
 * bounded trace: the views replay this window, the metrics cover the whole run. Versions are
 * kept the same way.
 */
export class TraceRecorder {
  private readonly time: Float64Array;
  private readonly sent: Float64Array;
  private readonly kind: Uint8Array;
  private readonly type: Uint8Array;
  private readonly from: Int16Array;
  private readonly to: Int16Array;
  private readonly key: Int32Array;
  private readonly arg: Int32Array;
  private readonly aux: Int32Array;
  private readonly flags: Uint8Array;
  private total = 0;
  /**
   * The kept versions, by reference: a version's clock and value are immutable, so the record the
   * views get (with its own copies) is made when the window is read out, not at every write.
   */
  private readonly versionIds: Float64Array;
  private readonly versionKeys: Int32Array;
  private readonly versionTimes: Float64Array;
  private readonly versionWriters: Int32Array;
  private readonly versionCoordinators: Int32Array;
  private readonly versionClocks: (VectorClock | undefined)[];
  private readonly versionValues: (Value | undefined)[];
  private versionCount = 0;
  private readonly states: (LatticeStateRecord | undefined)[];
  private stateCount = 0;

  constructor(readonly capacity: number) {
    this.time = new Float64Array(capacity);
    this.sent = new Float64Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.type = new Uint8Array(capacity);
    this.from = new Int16Array(capacity);
    this.to = new Int16Array(capacity);
    this.key = new Int32Array(capacity);
    this.arg = new Int32Array(capacity);
    this.aux = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
    const kept = Math.max(1, capacity >> 1);
    this.versionIds = new Float64Array(kept);
    this.versionKeys = new Int32Array(kept);
    this.versionTimes = new Float64Array(kept);
    this.versionWriters = new Int32Array(kept);
    this.versionCoordinators = new Int32Array(kept);
    this.versionClocks = new Array<VectorClock | undefined>(kept).fill(undefined);
    this.versionValues = new Array<Value | undefined>(kept).fill(undefined);
    this.states = new Array<LatticeStateRecord | undefined>(Math.max(1, capacity >> 1));
  }

  /** A replica's lattice state changed (only under lattice values; bounded like the versions). */
  latticeState(time: number, node: number, key: number, cause: number, from: number, incoming: Version, before: Version | undefined, after: Version): void {
    if (this.capacity === 0) return;
    const text = (v: Version) => showState(v.value.element as State);
    this.states[this.stateCount++ % this.states.length] = {
      time,
      node,
      key,
      cause,
      from,
      incoming: incoming.id,
      incomingState: text(incoming),
      before: before ? text(before) : null,
      after: text(after),
      joined: after !== incoming,
      n: after.value.n,
      items: [...after.value.items],
    };
  }

  /** The kept lattice state changes, oldest first. */
  keptLatticeStates(): LatticeStateRecord[] {
    const n = this.states.length;
    const out: LatticeStateRecord[] = [];
    for (let i = this.stateCount > n ? this.stateCount - n : 0; i < this.stateCount; i++) out.push(this.states[i % n]!);
    return out;
  }

  record(time: number, sent: number, kind: number, type: number, from: number, to: number, key: number, arg: number, aux: number, flags: number): void {
    if (this.capacity === 0) return;
    const i = this.total++ % this.capacity;
    this.time[i] = time;
    this.sent[i] = sent;
    this.kind[i] = kind;
    this.type[i] = type;
    this.from[i] = from;
    this.to[i] = to;
    this.key[i] = key;
    this.arg[i] = arg;
    this.aux[i] = aux;
    this.flags[i] = flags;
  }

  version(id: number, key: number, clock: VectorClock, value: Value, time: number, writer: number, coordinator: number): void {
    if (this.capacity === 0) return;
    const i = this.versionCount++ % this.versionClocks.length;
    this.versionIds[i] = id;
    this.versionKeys[i] = key;
    this.versionTimes[i] = time;
    this.versionWriters[i] = writer;
    this.versionCoordinators[i] = coordinator;
    this.versionClocks[i] = clock;
    this.versionValues[i] = value;
  }

  events(): TraceEvents {
    const length = Math.min(this.total, this.capacity);
    const start = this.total > this.capacity ? this.total % this.capacity : 0;
    const unroll = <T extends Float64Array | Uint8Array | Int16Array | Int32Array>(a: T): T => {
      const out = a.slice(0, length) as T;
      if (start > 0) {
        out.set(a.subarray(start, this.capacity), 0);
        out.set(a.subarray(0, start), this.capacity - start);
      }
      return out;
    };
    return {
      length,
      total: this.total,
      time: unroll(this.time),
      sent: unroll(this.sent),
      kind: unroll(this.kind),
      type: unroll(this.type),
      from: unroll(this.from),
      to: unroll(this.to),
      key: unroll(this.key),
      arg: unroll(this.arg),
      aux: unroll(this.aux),
      flags: unroll(this.flags),
    };
  }

  /** The kept versions, oldest first. */
  keptVersions(): VersionRecord[] {
    const n = this.versionClocks.length;
    const out: VersionRecord[] = [];
    const first = this.versionCount > n ? this.versionCount - n : 0;
    for (let j = first; j < this.versionCount; j++) {
      const i = j % n;
      const value = this.versionValues[i]!;
      out.push({
        id: this.versionIds[i]!,
        key: this.versionKeys[i]!,
        clock: [...this.versionClocks[i]!],
        value: { n: value.n, items: [...value.items], removed: [...value.removed] },
        time: this.versionTimes[i]!,
        writer: this.versionWriters[i]!,
        coordinator: this.versionCoordinators[i]!,
      });
    }
    return out;
  }
}

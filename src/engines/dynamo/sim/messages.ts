import type { MerkleTree } from '../failures/merkle.ts';
import type { Siblings } from '../versioning/versions.ts';

/** Message types on the wire. The order is part of the trace format (views name them by index). */
export const MSG = {
  request: 0,
  forward: 1,
  put: 2,
  putAck: 3,
  get: 4,
  getReply: 5,
  reply: 6,
  repair: 7,
  handoff: 8,
  handoffAck: 9,
  gossip: 10,
  gossipReply: 11,
  viewRequest: 12,
  view: 13,
  merkle: 14,
  merkleDiff: 15,
  merklePush: 16,
  transfer: 17,
  transferAck: 18,
} as const;
export type MessageType = (typeof MSG)[keyof typeof MSG];

export const MESSAGE_NAMES = [
  'request', 'forward', 'put', 'put-ack', 'get', 'get-reply', 'reply', 'read-repair', 'hint-handoff', 'handoff-ack',
  'gossip', 'gossip-reply', 'view-request', 'view', 'merkle-tree', 'merkle-diff', 'merkle-push', 'transfer', 'transfer-ack',
] as const;

/** What a message class costs in the WARS latency model of PBS. */
export const LATENCY_CLASS = { default: 0, write: 1, ack: 2, read: 3, response: 4 } as const;
export type LatencyClass = (typeof LATENCY_CLASS)[keyof typeof LATENCY_CLASS];

export function latencyClass(type: MessageType): LatencyClass {
  switch (type) {
    case MSG.put:
      return LATENCY_CLASS.write;
    case MSG.putAck:
      return LATENCY_CLASS.ack;
    case MSG.get:
      return LATENCY_CLASS.read;
    case MSG.getReply:
      return LATENCY_CLASS.response;
    default:
      return LATENCY_CLASS.default;
  }
}

/** A batch of keys with their versions (hand-off, transfer, anti-entropy). */
export type KeyVersions = { key: number; versions: Siblings }[];

/**
 * One message. A single shape for every type keeps the hot path monomorphic; unused fields are
 * null or -1.
 */
export interface Message {
  type: MessageType;
  /** The request it belongs to, or -1. */
  req: number;
  key: number;
  /** Time it was sent. */
  sent: number;
  versions: Siblings | null;
  /** Sloppy quorum: the node this replica was meant for (§4.6), or -1. */
  hint: number;
  ok: boolean;
  batch: KeyVersions | null;
  /** Gossip: heartbeats; client view: liveness bits. */
  table: Int32Array | null;
  /** Gossip: how long ago, by the sender's clock, each heartbeat was issued (as far as it knows). */
  ages: Float64Array | null;
  ring: number;
  /** Anti-entropy: the key range compared. */
  range: number;
  tree: MerkleTree | null;
  leaves: number[] | null;
  /** Buffered writes (§6.1): this replica is the one that writes durably. */
  durable: boolean;
  /** Node queueing (service/): when it reached its node, when service began, the node's epoch then. */
  arrived: number;
  begun: number;
  nodeEpoch: number;
}

/**
 * Messages are recycled: once delivered or lost, a message goes back to the pool and the next
 * send reuses it. A simulation sends millions of them, and a fresh object per send is what would
 * otherwise keep the garbage collector busy. Handlers never keep a message, only its fields.
 */
export class MessagePool {
  private readonly free: Message[] = [];

  take(type: MessageType, sent: number, req = -1, key = -1): Message {
    const m = this.free.pop();
    if (!m) return { type, req, key, sent, versions: null, hint: -1, ok: true, batch: null, table: null, ages: null, ring: -1, range: -1, tree: null, leaves: null, durable: false, arrived: 0, begun: 0, nodeEpoch: 0 };
    m.type = type;
    m.req = req;
    m.key = key;
    m.sent = sent;
    return m;
  }

  give(m: Message): void {
    m.versions = null;
    m.hint = -1;
    m.ok = true;
    m.batch = null;
    m.table = null;
    m.ages = null;
    m.ring = -1;
    m.range = -1;
    m.tree = null;
    m.leaves = null;
    m.durable = false;
    this.free.push(m);
  }
}

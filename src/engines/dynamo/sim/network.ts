import type { LatencyConfig } from '../config.ts';
import { draw, type Distribution } from './latency.ts';
import { LATENCY_CLASS, type LatencyClass } from './messages.ts';
import type { Random } from './random.ts';

/**
 * The network's physics: one-way latency per message class (WARS), slow nodes, partitions into
 * groups, and the drop and delay rules that failures switch on. Endpoints 0 … nodes−1 are nodes,
 * the rest are clients.
 */
export class Network {
  /** Latency multiplier of each endpoint (a slow node answers late). */
  readonly slow: Float64Array;
  /** Partition group of each endpoint; -1 reaches everyone. */
  readonly group: Int32Array;
  partitioned = false;
  dropProbability = 0;
  extraDelayMs = 0;
  private readonly classes: Distribution[];
  /** The delay `latency` drew last, in a typed slot (no number boxed per message). */
  readonly delay = new Float64Array(1);

  constructor(
    readonly nodes: number,
    clients: number,
    latency: LatencyConfig,
    private readonly rng: Random,
  ) {
    this.slow = new Float64Array(nodes + clients).fill(1);
    this.group = new Int32Array(nodes + clients).fill(-1);
    this.classes = [];
    this.classes[LATENCY_CLASS.default] = latency.default;
    this.classes[LATENCY_CLASS.write] = latency.write ?? latency.default;
    this.classes[LATENCY_CLASS.ack] = latency.ack ?? latency.default;
    this.classes[LATENCY_CLASS.read] = latency.read ?? latency.default;
    this.classes[LATENCY_CLASS.response] = latency.response ?? latency.default;
  }

  /** Draws the delay of one message from `from` to `to` into delay[0]. */
  latency(cls: LatencyClass, from: number, to: number): void {
    const delay = this.delay;
    draw(this.classes[cls]!, this.rng, delay);
    delay[0] = delay[0]! * this.slow[from]! * this.slow[to]! + this.extraDelayMs;
  }

  /** Whether a message between a and b gets through the partition. */
  reachable(a: number, b: number): boolean {
    if (!this.partitioned) return true;
    const ga = this.group[a]!;
    const gb = this.group[b]!;
    return ga < 0 || gb < 0 || ga === gb;
  }

  /** Whether the drop rule takes this message. */
  drops(): boolean {
    return this.dropProbability > 0 && this.rng.next() < this.dropProbability;
  }

  /**
   * Splits the network: node groups, and the clients that sit with each group. Nodes in no group
   * form one more group together; clients in no group reach every node.
   */
  partition(groups: number[][], clientGroups: number[][]): void {
    this.group.fill(-1);
    for (let n = 0; n < this.nodes; n++) this.group[n] = groups.length;
    groups.forEach((g, i) => g.forEach((n) => (this.group[n] = i)));
    clientGroups.forEach((g, i) => g.forEach((c) => (this.group[this.nodes + c] = i)));
    this.partitioned = true;
  }

  heal(): void {
    this.group.fill(-1);
    this.partitioned = false;
  }
}

import type { NetworkBounds } from '../bounds/networkBounds.ts';
import type { Network } from '../model/network.ts';

/**
 * Per-node details for the first nodes of a search (the views show them on click): each
 * nonlinear neuron's phase there, and the input box. Kept for a bounded number of nodes.
 * Phase codes: 0 undecided, 1 active, 2 inactive (by bounds), 3 active, 4 inactive (fixed by a split).
 */
export const Phase = { undecided: 0, active: 1, inactive: 2, splitActive: 3, splitInactive: 4 } as const;

export interface DetailData {
  /** Nodes 0 … recorded−1 have details. */
  recorded: number;
  /** Nonlinear neurons per node (the row length of `phases`). */
  neurons: number;
  phases: Uint8Array;
  /** The input box at each node: lo then hi, `inputs` numbers each. */
  boxes: Float64Array;
  inputs: number;
  /** 1 where a node's details were recorded (a node that was never bounded, such as the root of several cases, has none). */
  has: Uint8Array;
}

export class DetailRecorder {
  readonly neurons: number;
  readonly inputs: number;
  readonly cap: number;
  private readonly phases: Uint8Array;
  private readonly boxes: Float64Array;
  private readonly has: Uint8Array;
  private recorded = 0;
  /** Which layers' neurons count (the nonlinear ones), with their offset in a row. */
  private readonly layerOffset: number[];
  /** Each layer's offset in the global numbering of all neurons (the index space of split phases). */
  private readonly globalOffset: number[];

  constructor(net: Network, byteBudget = 8_000_000, maxNodes = 20_000) {
    this.layerOffset = [];
    this.globalOffset = [];
    let n = 0;
    let g = 0;
    for (const layer of net.layers) {
      this.globalOffset.push(g);
      g += layer.outSize;
      this.layerOffset.push(layer.activation === 'identity' ? -1 : n);
      if (layer.activation !== 'identity') n += layer.outSize;
    }
    this.neurons = n;
    this.inputs = net.inputSize;
    this.cap = Math.max(1, Math.min(maxNodes, Math.floor(byteBudget / Math.max(1, n + 16 * net.inputSize))));
    this.phases = new Uint8Array(this.cap * n);
    this.boxes = new Float64Array(this.cap * 2 * net.inputSize);
    this.has = new Uint8Array(this.cap);
  }

  /** The row of phases for node `id`, or undefined past the cap. */
  row(id: number): Uint8Array | undefined {
    if (id < 0 || id >= this.cap) return undefined;
    if (id >= this.recorded) this.recorded = id + 1;
    this.has[id] = 1;
    return this.phases.subarray(id * this.neurons, (id + 1) * this.neurons);
  }

  /** Records phases from bounds (and split-fixed phases, indexed like bounds/networkBounds.ts's Phases, if given). */
  fromBounds(id: number, net: Network, bounds: NetworkBounds, fixed?: Int8Array): void {
    const row = this.row(id);
    if (!row) return;
    net.layers.forEach((layer, k) => {
      const at = this.layerOffset[k]!;
      if (at < 0) return;
      const lo = bounds.lo[k]!;
      const hi = bounds.hi[k]!;
      for (let i = 0; i < layer.outSize; i++) {
        const f = fixed ? fixed[this.globalOffset[k]! + i]! : 0;
        row[at + i] = f > 0 ? Phase.splitActive : f < 0 ? Phase.splitInactive : layer.activation !== 'relu' ? Phase.undecided : lo[i]! >= 0 ? Phase.active : hi[i]! <= 0 ? Phase.inactive : Phase.undecided;
      }
    });
  }

  box(id: number, lo: ArrayLike<number>, hi: ArrayLike<number>): void {
    if (id < 0 || id >= this.cap) return;
    if (id >= this.recorded) this.recorded = id + 1;
    const n = this.inputs;
    for (let i = 0; i < n; i++) {
      this.boxes[id * 2 * n + i] = lo[i]!;
      this.boxes[id * 2 * n + n + i] = hi[i]!;
    }
  }

  finish(): DetailData {
    const r = this.recorded;
    return { recorded: r, neurons: this.neurons, phases: this.phases.slice(0, r * this.neurons), boxes: this.boxes.slice(0, r * 2 * this.inputs), inputs: this.inputs, has: this.has.slice(0, r) };
  }
}

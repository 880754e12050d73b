/**
 * The step log: what the solver did, in order, one record per step, as typed arrays. The player's
 * position is an index into this log; the tree's openedAt/closedAt refer to it.
 */
export const Ev = {
  /** A node is visited (a: depth). */
  open: 0,
  /** Bounds computed at the node (value: best lower bound of a constraint's slack; a: undecided neurons). */
  bounds: 1,
  /** A concrete point was tried (value: its violation; < 0 means inside the unsafe region). */
  candidate: 2,
  /** The node is split (a: variable, b: node kind). */
  split: 3,
  /** The node's fate is decided (a: fate). */
  close: 4,
  /** Falsification ran before the search (a: starting points, value: best violation). */
  attack: 5,
  /** Bound tightening (a: bounds tightened, b: phases fixed by bounds). */
  tighten: 6,
  /** A simplex pivot to fix a basic variable out of bounds (a: leaving basic, b: entering non-basic, value: pivot element). */
  pivot: 7,
  /** A pivot made to repair a broken ReLU pair (a: leaving basic, b: entering non-basic). */
  pivotRelu: 8,
  /** An update of a non-basic variable (a: variable, value: new value). */
  update: 9,
  /** A broken ReLU pair is repaired (a: neuron, b: repairs so far). */
  repair: 10,
  /** Simplex failure: no pivot can fix a basic variable (a: variable, b: 1 if the Farkas certificate checked, value: its margin). */
  failure: 11,
  /** All bounds and ReLU pairs hold: a candidate assignment (value: violation on the real network). */
  satisfied: 12,
  /** Refactorisation of the tableau from the original equations (a: basic variables). */
  refactor: 13,
} as const;

export interface EventData {
  count: number;
  kind: Uint8Array;
  node: Int32Array;
  a: Int32Array;
  b: Int32Array;
  value: Float64Array;
  /** Steps taken but not recorded (past the detail limit). */
  dropped: number;
}

const STRUCTURAL = new Set<number>([Ev.open, Ev.split, Ev.close, Ev.attack, Ev.failure, Ev.satisfied]);

export class EventLog {
  private data: EventData;

  /** Detailed steps (pivots, updates) are kept up to `detailLimit`; node events up to `limit`. */
  constructor(
    private readonly detailLimit: number,
    private readonly limit: number,
  ) {
    const n = 4096;
    this.data = { count: 0, kind: new Uint8Array(n), node: new Int32Array(n), a: new Int32Array(n), b: new Int32Array(n), value: new Float64Array(n), dropped: 0 };
  }

  /** The index the next recorded event will get. */
  get next(): number {
    return this.data.count;
  }

  push(kind: number, node: number, a = 0, b = 0, value = 0): void {
    const d = this.data;
    if (d.count >= this.limit || (d.count >= this.detailLimit && !STRUCTURAL.has(kind))) {
      d.dropped++;
      return;
    }
    if (d.count === d.kind.length) {
      const size = Math.min(this.limit, d.count * 2);
      const copy = <T extends Uint8Array | Int32Array | Float64Array>(x: T): T => {
        const y = new (x.constructor as new (n: number) => T)(size);
        y.set(x);
        return y;
      };
      d.kind = copy(d.kind);
      d.node = copy(d.node);
      d.a = copy(d.a);
      d.b = copy(d.b);
      d.value = copy(d.value);
    }
    const i = d.count++;
    d.kind[i] = kind;
    d.node[i] = node;
    d.a[i] = a;
    d.b[i] = b;
    d.value[i] = value;
  }

  finish(): EventData {
    const d = this.data;
    const n = d.count;
    return { count: n, kind: d.kind.slice(0, n), node: d.node.slice(0, n), a: d.a.slice(0, n), b: d.b.slice(0, n), value: d.value.slice(0, n), dropped: d.dropped };
  }
}

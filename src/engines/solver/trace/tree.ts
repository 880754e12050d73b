/**
 * The search tree as the views replay it: parallel typed arrays, one entry per node, in the order
 * nodes were created. A node is a case of the property, an input-box half (input splitting) or a
 * ReLU phase (ReluSplit). Its fate says how the search left it.
 */
export const Fate = {
  open: 0,
  /** Split into children. */
  split: 1,
  /** Closed by bounds: some constraint of the unsafe region fails everywhere in it. */
  verified: 2,
  /** The simplex found its constraints infeasible (a checked Farkas certificate). */
  infeasible: 3,
  counterexample: 4,
  /** A candidate that held for the relaxation but not for the real network. */
  spurious: 5,
  /** Left open when the search stopped (budget, time, or too small to split). */
  stopped: 6,
} as const;
export type FateCode = (typeof Fate)[keyof typeof Fate];

/** Node kinds: a case of the property, an input-box half, a ReLU phase, or a half of a sigmoid/tanh neuron's range. */
export const NodeKind = { root: 0, case: 1, input: 2, relu: 3, range: 4 } as const;

/** Everything the views need about the tree, as plain typed arrays (transferred, not copied). */
export interface TreeData {
  count: number;
  parent: Int32Array;
  depth: Uint16Array;
  kind: Uint8Array;
  /** Input dimension (input splits), nonlinear neuron index (ReLU splits) or case index. */
  variable: Int32Array;
  /** 0: lower half / inactive; 1: upper half / active. */
  side: Uint8Array;
  /** The split point (input splits). */
  value: Float64Array;
  fate: Uint8Array;
  /** The best lower bound of the unsafe constraints' slack seen at the node (> 0 closes it); NaN if none. */
  bound: Float64Array;
  /** The node's share of the whole search space (input volume, or 2^-depth for phase splits). */
  share: Float64Array;
  /** The part of the node's share that is closed (verified or infeasible): its coverage. */
  covered: Float64Array;
  /** Event index at which the node appeared, and at which its fate was decided (-1: never). */
  openedAt: Int32Array;
  closedAt: Int32Array;
  /** Nodes the search visited beyond the recording limit (counted, not stored). */
  unrecorded: number;
}

function grow<T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

export class TreeRecorder {
  private data: TreeData;

  constructor(private readonly limit: number) {
    const n = 1024;
    this.data = {
      count: 0,
      parent: new Int32Array(n),
      depth: new Uint16Array(n),
      kind: new Uint8Array(n),
      variable: new Int32Array(n),
      side: new Uint8Array(n),
      value: new Float64Array(n),
      fate: new Uint8Array(n),
      bound: new Float64Array(n),
      share: new Float64Array(n),
      covered: new Float64Array(n),
      openedAt: new Int32Array(n),
      closedAt: new Int32Array(n),
      unrecorded: 0,
    };
  }

  get count(): number {
    return this.data.count;
  }

  get full(): boolean {
    return this.data.count >= this.limit;
  }

  /** Adds a node; returns its id, or -1 (counted only) once the recording limit is reached. */
  add(parent: number, kind: number, variable: number, side: number, value: number, share: number, event: number): number {
    const d = this.data;
    if (d.count >= this.limit) {
      d.unrecorded++;
      return -1;
    }
    if (d.count === d.parent.length) {
      const size = Math.min(this.limit, d.count * 2);
      d.parent = grow(d.parent, size);
      d.depth = grow(d.depth, size);
      d.kind = grow(d.kind, size);
      d.variable = grow(d.variable, size);
      d.side = grow(d.side, size);
      d.value = grow(d.value, size);
      d.fate = grow(d.fate, size);
      d.bound = grow(d.bound, size);
      d.share = grow(d.share, size);
      d.covered = grow(d.covered, size);
      d.openedAt = grow(d.openedAt, size);
      d.closedAt = grow(d.closedAt, size);
    }
    const id = d.count++;
    d.parent[id] = parent;
    d.depth[id] = parent < 0 ? 0 : Math.min(65535, d.depth[parent]! + 1);
    d.kind[id] = kind;
    d.variable[id] = variable;
    d.side[id] = side;
    d.value[id] = value;
    d.fate[id] = Fate.open;
    d.bound[id] = NaN;
    d.share[id] = share;
    d.covered[id] = 0;
    d.openedAt[id] = event;
    d.closedAt[id] = -1;
    return id;
  }

  setBound(id: number, bound: number): void {
    if (id >= 0) this.data.bound[id] = bound;
  }

  /**
   * Decides a node's fate. A node beyond the recording limit (id -1) passes its closed share to
   * `anchor`, its nearest recorded ancestor, so coverage stays right.
   */
  decide(id: number, anchor: number, fate: FateCode, event: number, share: number): void {
    const d = this.data;
    if (id >= 0) {
      d.fate[id] = fate;
      d.closedAt[id] = event;
    }
    if (fate !== Fate.verified && fate !== Fate.infeasible) return;
    for (let at = id >= 0 ? id : anchor; at >= 0; at = d.parent[at]!) d.covered[at] = d.covered[at]! + share;
  }

  /** The closed share under node `id`. */
  coveredOf(id: number): number {
    return id >= 0 ? this.data.covered[id]! : 0;
  }

  /** The recorded tree, trimmed to its size. */
  finish(): TreeData {
    const d = this.data;
    const n = d.count;
    return {
      count: n,
      parent: d.parent.slice(0, n),
      depth: d.depth.slice(0, n),
      kind: d.kind.slice(0, n),
      variable: d.variable.slice(0, n),
      side: d.side.slice(0, n),
      value: d.value.slice(0, n),
      fate: d.fate.slice(0, n),
      bound: d.bound.slice(0, n),
      share: d.share.slice(0, n),
      covered: d.covered.slice(0, n),
      openedAt: d.openedAt.slice(0, n),
      closedAt: d.closedAt.slice(0, n),
      unrecorded: d.unrecorded,
    };
  }

  /**
   * A small picture of the tree for live progress: the nodes nearest the root (breadth first, at
   * most `max`), each with its fate, so the view can draw the tree growing while the run goes.
   */
  snapshot(max: number): TreeData {
    const d = this.data;
    if (d.count <= max) return this.finish();
    // Nodes are created parent-first, so keeping the shallowest depths keeps a connected tree.
    const histogram = new Int32Array(65536);
    for (let i = 0; i < d.count; i++) histogram[d.depth[i]!]!++;
    let cut = 0;
    let kept = 0;
    while (cut < 65535 && kept + histogram[cut]! <= max) kept += histogram[cut++]!;
    const ids = new Int32Array(kept);
    const remap = new Int32Array(d.count).fill(-1);
    let k = 0;
    for (let i = 0; i < d.count; i++) {
      if (d.depth[i]! < cut) {
        remap[i] = k;
        ids[k++] = i;
      }
    }
    const pick = <T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(a: T): T => {
      const out = new (a.constructor as new (n: number) => T)(kept);
      for (let i = 0; i < kept; i++) out[i] = a[ids[i]!]!;
      return out;
    };
    const parent = pick(d.parent);
    for (let i = 0; i < kept; i++) parent[i] = parent[i]! < 0 ? -1 : remap[parent[i]!]!;
    return {
      count: kept,
      parent,
      depth: pick(d.depth),
      kind: pick(d.kind),
      variable: pick(d.variable),
      side: pick(d.side),
      value: pick(d.value),
      fate: pick(d.fate),
      bound: pick(d.bound),
      share: pick(d.share),
      covered: pick(d.covered),
      openedAt: pick(d.openedAt),
      closedAt: pick(d.closedAt),
      unrecorded: d.count - kept + d.unrecorded,
    };
  }
}

/**
 * The top of every search's tree: one node per case of the property (in order), under a root when
 * there are several. Returns the case nodes and the node whose coverage is the whole search's.
 */
export function addCaseNodes(tree: TreeRecorder, events: { readonly next: number }, cases: number): { caseNodes: number[]; top: number } {
  const root = cases > 1 ? tree.add(-1, NodeKind.root, -1, 0, 0, 1, events.next) : -1;
  if (root >= 0) tree.decide(root, root, Fate.split, events.next, 0);
  const caseNodes = Array.from({ length: cases }, (_, ci) => tree.add(root, NodeKind.case, ci, 0, 0, 1 / cases, events.next));
  return { caseNodes, top: root >= 0 ? root : caseNodes[0]! };
}

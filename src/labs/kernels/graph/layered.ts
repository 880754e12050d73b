/**
 * A layered drawing of a directed acyclic graph, left to right (Sugiyama's method, reduced to
 * what an array-operation graph needs): each node gets a layer (longest path from the inputs;
 * an input sits just before its first use), edges that skip layers pass through virtual points so
 * they never cut through a node, nodes within a layer are ordered by the barycentre of their
 * neighbours (a few sweeps each way), then placed as near to their neighbours as the spacing allows.
 * Pure and deterministic: the same graph always draws the same.
 */

export interface LayoutInput {
  nodes: { id: number; width: number; height: number }[];
  edges: { from: number; to: number }[];
}

export interface PlacedNode {
  id: number;
  layer: number;
  /** Centre of the node. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge {
  from: number;
  to: number;
  /** From the right side of `from` to the left side of `to`, through one point per skipped layer. */
  points: [number, number][];
}

export interface Layout {
  nodes: Map<number, PlacedNode>;
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** Horizontal space between the widest nodes of two neighbouring layers. */
  layerGap: number;
  /** Vertical space between two nodes of a layer. */
  nodeGap: number;
  padding: number;
}

const SWEEPS = 6;

/** A vertex of the layered graph: a real node, or a point an edge passes through. */
interface Vertex {
  key: string;
  layer: number;
  height: number;
  width: number;
  up: Vertex[];
  down: Vertex[];
  order: number;
  y: number;
}

export function layeredLayout(graph: LayoutInput, options: LayoutOptions): Layout {
  const layer = assignLayers(graph);
  const real = new Map<number, Vertex>();
  for (const n of graph.nodes) real.set(n.id, { key: `n${n.id}`, layer: layer.get(n.id)!, height: n.height, width: n.width, up: [], down: [], order: 0, y: 0 });
  const chains: Vertex[][] = [];
  for (const [k, e] of graph.edges.entries()) {
    const a = real.get(e.from);
    const b = real.get(e.to);
    if (!a || !b) continue;
    const chain = [a];
    for (let l = a.layer + 1; l < b.layer; l++) chain.push({ key: `e${k}.${l}`, layer: l, height: 0, width: 0, up: [], down: [], order: 0, y: 0 });
    chain.push(b);
    for (let i = 1; i < chain.length; i++) {
      chain[i - 1]!.down.push(chain[i]!);
      chain[i]!.up.push(chain[i - 1]!);
    }
    chains.push(chain);
  }
  const layers = groupByLayer([...real.values(), ...chains.flatMap((c) => c.slice(1, -1))]);
  orderLayers(layers);
  for (let sweep = 0; sweep < 2; sweep++) {
    placeLayers(layers, options.nodeGap, sweep % 2 === 0 ? 'up' : 'down');
  }
  return finish(graph, real, chains, layers, options);
}

/** Longest path from the sources; then every source moves right to sit just before its first consumer. */
function assignLayers(graph: LayoutInput): Map<number, number> {
  const preds = new Map<number, number[]>(graph.nodes.map((n) => [n.id, []]));
  const succs = new Map<number, number[]>(graph.nodes.map((n) => [n.id, []]));
  for (const e of graph.edges) {
    if (!preds.has(e.to) || !succs.has(e.from)) continue;
    preds.get(e.to)!.push(e.from);
    succs.get(e.from)!.push(e.to);
  }
  const layer = new Map<number, number>();
  const visiting = new Set<number>();
  const depth = (id: number): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle would be an engine bug; draw it rather than recurse forever
    visiting.add(id);
    const l = Math.max(-1, ...preds.get(id)!.map(depth)) + 1;
    visiting.delete(id);
    layer.set(id, l);
    return l;
  };
  for (const n of graph.nodes) depth(n.id);
  for (const n of graph.nodes) {
    const next = succs.get(n.id)!;
    if (preds.get(n.id)!.length === 0 && next.length > 0) layer.set(n.id, Math.min(...next.map((s) => layer.get(s)!)) - 1);
  }
  return layer;
}

function groupByLayer(vertices: Vertex[]): Vertex[][] {
  const count = Math.max(-1, ...vertices.map((v) => v.layer)) + 1;
  const layers: Vertex[][] = Array.from({ length: count }, () => []);
  for (const v of vertices) layers[v.layer]!.push(v);
  layers.forEach((l) => l.forEach((v, i) => (v.order = i)));
  return layers;
}

/** Barycentre ordering: alternate sweeps pull every vertex towards the mean position of its neighbours. */
function orderLayers(layers: Vertex[][]): void {
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const range = down ? layers.keys() : [...layers.keys()].reverse();
    for (const l of range) {
      const layer = layers[l]!;
      const centre = (v: Vertex) => {
        const ns = down ? v.up : v.down;
        return ns.length === 0 ? v.order : ns.reduce((s, n) => s + n.order, 0) / ns.length;
      };
      const keyed = layer.map((v) => ({ v, c: centre(v) }));
      keyed.sort((a, b) => a.c - b.c || a.v.order - b.v.order);
      keyed.forEach(({ v }, i) => (v.order = i));
      layer.sort((a, b) => a.order - b.order);
    }
  }
}

/**
 * Vertical positions: each vertex wants the mean height of its neighbours on one side; overlaps
 * are resolved by pushing down and then shifting the layer back so it stays centred on its wishes.
 */
function placeLayers(layers: Vertex[][], gap: number, towards: 'up' | 'down'): void {
  for (const layer of layers) {
    let y = 0;
    for (const v of layer) {
      v.y = y + v.height / 2;
      y += v.height + gap;
    }
  }
  const order = towards === 'up' ? [...layers.keys()] : [...layers.keys()].reverse();
  for (const l of order) {
    const layer = layers[l]!;
    const wish = layer.map((v) => {
      const ns = towards === 'up' ? v.up : v.down;
      return ns.length === 0 ? v.y : ns.reduce((s, n) => s + n.y, 0) / ns.length;
    });
    const ys = wish.slice();
    for (let i = 1; i < layer.length; i++) {
      const min = ys[i - 1]! + (layer[i - 1]!.height + layer[i]!.height) / 2 + gap;
      if (ys[i]! < min) ys[i] = min;
    }
    const shift = wish.reduce((s, w, i) => s + (w - ys[i]!), 0) / Math.max(1, layer.length);
    layer.forEach((v, i) => (v.y = ys[i]! + shift));
  }
}

function finish(graph: LayoutInput, real: Map<number, Vertex>, chains: Vertex[][], layers: Vertex[][], options: LayoutOptions): Layout {
  const { padding, layerGap } = options;
  const all = layers.flat();
  const top = Math.min(0, ...all.map((v) => v.y - v.height / 2));
  const bottom = Math.max(0, ...all.map((v) => v.y + v.height / 2));
  const widths = layers.map((l) => Math.max(0, ...l.map((v) => v.width)));
  const xs: number[] = [];
  let x = padding;
  for (const w of widths) {
    xs.push(x + w / 2);
    x += w + layerGap;
  }
  const at = (v: Vertex): [number, number] => [xs[v.layer]!, v.y - top + padding];
  const nodes = new Map<number, PlacedNode>();
  for (const n of graph.nodes) {
    const v = real.get(n.id)!;
    const [cx, cy] = at(v);
    nodes.set(n.id, { id: n.id, layer: v.layer, x: cx, y: cy, width: n.width, height: n.height });
  }
  const edges: PlacedEdge[] = chains.map((chain) => {
    const first = chain[0]!;
    const last = chain[chain.length - 1]!;
    const [x0, y0] = at(first);
    const [x1, y1] = at(last);
    const middle = chain.slice(1, -1).map(at);
    return {
      from: Number(first.key.slice(1)),
      to: Number(last.key.slice(1)),
      points: [[x0 + first.width / 2, y0], ...middle, [x1 - last.width / 2, y1]],
    };
  });
  return { nodes, edges, width: Math.max(padding * 2, x - layerGap + padding), height: bottom - top + padding * 2 };
}

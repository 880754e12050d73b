import { Ev } from '../../engines/solver/trace/events.ts';
import type { SolverResult, SolverSummary } from '../../engines/solver/result.ts';
import { Fate, NodeKind } from '../../engines/solver/trace/tree.ts';

/**
 * How the views name things: neurons ("ReLU 2.7": hidden layer 2, neuron 7, both from 1),
 * Reluplex's variables (b, f, aux, s), tree nodes and log steps. Pure functions of the result.
 */
export interface Namer {
  neuron(n: number): string;
  variable(v: number): string;
  node(id: number): string;
  /** A label short enough to print next to a node in the tree ("2.7 on", "rho ≤ 2.1e4"). */
  shortNode(id: number): string;
  event(i: number): string;
  fate(code: number): string;
  /** An input value of the network's own coordinates, in the property's units. */
  inputValue(dim: number, raw: number): number;
}

export const FATE_NAMES: Record<number, string> = {
  [Fate.open]: 'open',
  [Fate.split]: 'split',
  [Fate.verified]: 'closed by bounds',
  [Fate.infeasible]: 'infeasible (Farkas certificate)',
  [Fate.counterexample]: 'counterexample',
  [Fate.spurious]: 'spurious',
  [Fate.stopped]: 'left open (budget)',
};

const num = (v: number) =>
  Math.abs(v) >= 1e4 ? Math.round(v).toLocaleString('en-US') : Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(2) : Number(v.toPrecision(4)).toString();

/** The layers with an activation, and the first nonlinear index of each. */
export function neuronLayers(summary: SolverSummary): { layer: number; size: number; start: number; activation: string }[] {
  const out: { layer: number; size: number; start: number; activation: string }[] = [];
  let start = 0;
  summary.network.activations.forEach((activation, k) => {
    if (activation === 'identity') return;
    const size = summary.network.sizes[k + 1]!;
    out.push({ layer: k, size, start, activation });
    start += size;
  });
  return out;
}

export function makeNamer(result: Pick<SolverResult, 'summary'> & { trace: Pick<SolverResult['trace'], 'tree' | 'events' | 'variables'> }, scale?: { mean: ArrayLike<number>; range: ArrayLike<number> }): Namer {
  const { summary, trace } = result;
  const layers = neuronLayers(summary);
  const inputs = summary.property.inputNames;
  const outputs = summary.property.outputNames;
  const short = (name: string) => name.replace(/ \(.*\)$/, '');
  const neuron = (n: number): string => {
    const l = layers.find((x) => n >= x.start && n < x.start + x.size);
    if (!l) return `neuron ${n}`;
    const kind = l.activation === 'relu' ? 'ReLU' : l.activation;
    return `${kind} ${layers.indexOf(l) + 1}.${n - l.start + 1}`;
  };
  const inputValue = (dim: number, raw: number) => (scale ? raw * scale.range[dim]! + scale.mean[dim]! : raw);
  const variable = (v: number): string => {
    const table = trace.variables;
    if (!table) return `v${v}`;
    const role = table.role[v];
    const layer = table.layer[v]!;
    const i = table.index[v]!;
    const lastLayer = summary.network.activations.length - 1;
    switch (role) {
      case 0:
        return short(inputs[i] ?? `x${i}`);
      case 1:
        return layer === lastLayer && summary.network.activations[layer] === 'identity' ? short(outputs[i] ?? `y${i}`) : `b${layerLabel(layers, layer)}.${i + 1}`;
      case 2:
        return `f${layerLabel(layers, layer)}.${i + 1}`;
      case 3:
        return `aux${layerLabel(layers, layer)}.${i + 1}`;
      case 5:
        return `upper${layerLabel(layers, layer)}.${i + 1}`;
      default:
        return `s${layer}`;
    }
  };
  const tree = trace.tree;
  const node = (id: number): string => {
    if (id < 0 || id >= tree.count) return '—';
    const v = tree.variable[id]!;
    switch (tree.kind[id]) {
      case NodeKind.root:
        return 'all cases';
      case NodeKind.case:
        return summary.property.cases > 1 ? `case ${v + 1}` : 'the box';
      case NodeKind.input:
        return `${short(inputs[v] ?? `x${v}`)} ${tree.side[id] ? '≥' : '≤'} ${num(inputValue(v, tree.value[id]!))}`;
      case NodeKind.relu:
        return `${neuron(v)} ${tree.side[id] ? 'active' : 'inactive'}`;
      default:
        return `${neuron(v)}: b ${tree.side[id] ? '≥' : '≤'} ${num(tree.value[id]!)}`;
    }
  };
  const shortNode = (id: number): string => {
    if (id < 0 || id >= tree.count) return '';
    const v = tree.variable[id]!;
    const l = layers.find((x) => v >= x.start && v < x.start + x.size);
    const where = l ? `${layers.indexOf(l) + 1}.${v - l.start + 1}` : String(v);
    switch (tree.kind[id]) {
      case NodeKind.case:
        return summary.property.cases > 1 ? `case ${v + 1}` : '';
      case NodeKind.input:
        return `${short(inputs[v] ?? `x${v}`)} ${tree.side[id] ? '≥' : '≤'} ${Number(inputValue(v, tree.value[id]!).toPrecision(3))}`;
      case NodeKind.relu:
        return `${where} ${tree.side[id] ? 'on' : 'off'}`;
      case NodeKind.range:
        return `${where} ${tree.side[id] ? '≥' : '≤'} ${Number(tree.value[id]!.toPrecision(2))}`;
      default:
        return '';
    }
  };
  const events = trace.events;
  const fate = (code: number) => FATE_NAMES[code] ?? `fate ${code}`;
  const event = (i: number): string => {
    if (i < 0 || i >= events.count) return '';
    const a = events.a[i]!;
    const b = events.b[i]!;
    const value = events.value[i]!;
    const at = `node ${events.node[i]}`;
    switch (events.kind[i]) {
      case Ev.open:
        return `${at}: visit (${node(events.node[i]!)}, depth ${a})`;
      case Ev.bounds:
        return `${at}: bounds, best slack ${num(value)}${value > 0 ? ' > 0: closed' : ''}, ${a} undecided ReLUs`;
      case Ev.candidate:
        return `${at}: tried points, best violation ${num(value)}${a ? ' (a counterexample)' : ''}`;
      case Ev.split:
        return `${at}: split on ${b === NodeKind.input ? short(inputs[a] ?? `x${a}`) : neuron(a)}`;
      case Ev.close:
        return `${at}: ${fate(a)}`;
      case Ev.attack:
        return `${at}: falsification from ${a} starting points, best violation ${num(value)}${b ? ': counterexample' : ''}`;
      case Ev.tighten:
        return `${at}: bound tightening moved ${a} bounds; ${b} ReLUs fixed by bounds`;
      case Ev.pivot:
        return `${at}: pivot ${variable(a)} out of the basis, ${variable(b)} in (element ${num(value)})`;
      case Ev.pivotRelu:
        return `${at}: pivot to repair a pair: ${variable(a)} out, ${variable(b)} in`;
      case Ev.update:
        return `${at}: update ${variable(a)} := ${num(value)}`;
      case Ev.repair:
        return `${at}: repair broken pair ${neuron(a)} (repair ${b})`;
      case Ev.failure:
        return `${at}: failure at ${variable(a)}; Farkas certificate ${b ? `checked (margin ${num(value)})` : 'did not check'}`;
      case Ev.satisfied:
        return `${at}: all bounds and pairs hold; ${a ? 'a real counterexample' : 'not a counterexample of the real network'}`;
      case Ev.refactor:
        return `${at}: refactored the tableau (${a} rows)`;
      default:
        return `${at}: step ${events.kind[i]}`;
    }
  };
  return { neuron, variable, node, shortNode, event, fate, inputValue };
}

function layerLabel(layers: { layer: number }[], layer: number): string {
  const i = layers.findIndex((l) => l.layer === layer);
  return i >= 0 ? String(i + 1) : String(layer + 1);
}

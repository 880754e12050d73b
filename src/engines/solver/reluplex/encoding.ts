import type { NetworkBounds } from '../bounds/networkBounds.ts';
import type { Activation, Network } from '../model/network.ts';
import type { Case } from '../model/problem.ts';
import type { VariableTable } from '../result.ts';

/**
 * The network and one case of the unsafe region as Reluplex sees them (Katz et al., CAV'17, §3):
 * real variables and linear equations, plus the nonlinear pairs.
 *   - x_i for each input;
 *   - b (the weighted sum, "backward-facing") and f (the activation's output, "forward-facing") for
 *     each neuron of a nonlinear layer, tied by the pair f = φ(b); a linear layer has only b;
 *   - aux = f − b ≥ 0 for each ReLU (Marabou's addition: true of every ReLU, so sound, and it
 *     makes the active phase a bound, aux = 0, instead of a new equation);
 *   - upper = f − λ·b for each ReLU undecided at the root, λ = u/(u − l) of its root range: the
 *     triangle's upper side (see Pair.upper), which the paper's LP lacks;
 *   - aux = f − α·b for each sigmoid or tanh neuron, α = min φ' over the neuron's range at the
 *     root: then φ(b) − α·b is monotone, and its values at the ends of b's current range bound
 *     aux, so f lies in a band between two parallel lines that narrows as the range is split;
 *   - s_k = coeffs_k·y for each constraint of the case, with s_k ≤ rhs_k.
 * Every equation has a designated "row variable" (b, aux or s) with coefficient 1 that appears in
 * no other equation except as noted in farkas.ts; these start as the basic variables.
 */
export const Role = { input: 0, b: 1, f: 2, aux: 3, spec: 4, upper: 5 } as const;

export interface Row {
  vars: Int32Array;
  coeffs: Float64Array;
  rhs: number;
  /** The designated variable (coefficient 1). */
  rowVar: number;
}

export interface Pair {
  b: number;
  f: number;
  /** aux = f − slope·b. */
  aux: number;
  slope: number;
  /**
   * For a ReLU undecided at the root: upper = f − upperSlope·b, upperSlope = u/(u − l) from the case's
   * root range [l, u] (else −1). Bounded above by its values at the ends of b's current range, it is
   * the upper side of the triangle relaxation (Ehlers, ATVA'17), sound for every range inside [l, u].
   */
  upper: number;
  upperSlope: number;
  /** Index among the network's nonlinear neurons (what the tree and the views call a neuron). */
  neuron: number;
  kind: Exclude<Activation, 'identity'>;
}

export interface Encoding {
  count: number;
  rows: Row[];
  inputs: Int32Array;
  /** The variables holding the network's outputs y_j. */
  outputs: Int32Array;
  /** s_k per constraint. */
  specs: Int32Array;
  pairs: Pair[];
  /** pairs[byNeuron[n]] is the pair of nonlinear neuron n. */
  byNeuron: Int32Array;
  /** For each variable, the index of the pair whose b it is, or −1. */
  pairOfB: Int32Array;
  table: VariableTable;
}

export function encode(net: Network, c: Case, root?: NetworkBounds): Encoding {
  const role: number[] = [];
  const layerOf: number[] = [];
  const indexOf: number[] = [];
  const add = (r: number, layer: number, index: number) => {
    role.push(r);
    layerOf.push(layer);
    indexOf.push(index);
    return role.length - 1;
  };
  const inputs = Int32Array.from({ length: net.inputSize }, (_, i) => add(Role.input, -1, i));
  const rows: Row[] = [];
  const pairs: Pair[] = [];
  let previous = inputs;
  let neuron = 0;
  net.layers.forEach((layer, k) => {
    const b = new Int32Array(layer.outSize);
    const f = new Int32Array(layer.outSize);
    for (let i = 0; i < layer.outSize; i++) {
      b[i] = add(Role.b, k, i);
      const vars = new Int32Array(layer.inSize + 1);
      const coeffs = new Float64Array(layer.inSize + 1);
      vars[0] = b[i]!;
      coeffs[0] = 1;
      for (let j = 0; j < layer.inSize; j++) {
        vars[j + 1] = previous[j]!;
        coeffs[j + 1] = -layer.weights[i * layer.inSize + j]!;
      }
      rows.push({ vars, coeffs, rhs: layer.bias[i]!, rowVar: b[i]! });
    }
    if (layer.activation === 'identity') {
      f.set(b);
    } else {
      for (let i = 0; i < layer.outSize; i++) {
        f[i] = add(Role.f, k, i);
        const slope = layer.activation === 'relu' ? 1 : root ? bandSlope(layer.activation, root.lo[k]![i]!, root.hi[k]![i]!) : 0;
        const aux = add(Role.aux, k, i);
        rows.push({ vars: Int32Array.from([aux, f[i]!, b[i]!]), coeffs: Float64Array.from([1, -1, slope]), rhs: 0, rowVar: aux });
        const l = root ? root.lo[k]![i]! : -Infinity;
        const u = root ? root.hi[k]![i]! : Infinity;
        const straddles = layer.activation === 'relu' && Number.isFinite(l) && Number.isFinite(u) && l < 0 && u > 0;
        const upperSlope = straddles ? u / (u - l) : 0;
        const upper = straddles ? add(Role.upper, k, i) : -1;
        if (straddles) rows.push({ vars: Int32Array.from([upper, f[i]!, b[i]!]), coeffs: Float64Array.from([1, -1, upperSlope]), rhs: 0, rowVar: upper });
        pairs.push({ b: b[i]!, f: f[i]!, aux, slope, upper, upperSlope, neuron, kind: layer.activation });
        neuron++;
      }
    }
    previous = f;
  });
  const specs = new Int32Array(c.constraints.length);
  c.constraints.forEach((k, index) => {
    specs[index] = add(Role.spec, index, 0);
    const used = [...k.coeffs.keys()].filter((j) => k.coeffs[j] !== 0);
    rows.push({
      vars: Int32Array.from([specs[index]!, ...used.map((j) => previous[j]!)]),
      coeffs: Float64Array.from([1, ...used.map((j) => -k.coeffs[j]!)]),
      rhs: 0,
      rowVar: specs[index]!,
    });
  });
  const byNeuron = new Int32Array(neuron);
  const pairOfB = new Int32Array(role.length).fill(-1);
  pairs.forEach((p, i) => {
    byNeuron[p.neuron] = i;
    pairOfB[p.b] = i;
  });
  return {
    count: role.length,
    rows,
    inputs,
    outputs: previous,
    specs,
    pairs,
    byNeuron,
    pairOfB,
    table: { role: Uint8Array.from(role), layer: Int16Array.from(layerOf), index: Int32Array.from(indexOf) },
  };
}

/** The smallest slope of φ on [l, u] (φ' is largest at 0 and falls away from it), scaled down a hair so rounding cannot push it above. */
function bandSlope(kind: 'sigmoid' | 'tanh', l: number, u: number): number {
  if (!Number.isFinite(l) || !Number.isFinite(u)) return 0;
  const d = (z: number) => {
    const v = kind === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : Math.tanh(z);
    return kind === 'sigmoid' ? v * (1 - v) : 1 - v * v;
  };
  return Math.max(0, Math.min(d(l), d(u)) * (1 - 1e-9));
}

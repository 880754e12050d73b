import { InputError } from '../../contract.ts';
import type { NetworkRef, SolverRequest } from '../../solver/config.ts';
import { loadNetwork } from '../../solver/formats/load.ts';
import type { Network } from '../../solver/model/network.ts';
import { buildProblem, type Case, type Units } from '../../solver/model/problem.ts';
import { parseVnnlib } from '../../solver/formats/vnnlib.ts';
import { Q } from '../lra/rational.ts';
import { exactQ, roundOutward, smtNumber } from './numbers.ts';

/** The lab's query: a network (as the solver lab refers to it) and a VNN-LIB property. */
export interface ReluQuery {
  network: NetworkRef;
  networkData?: SolverRequest['networkData'];
  property: string;
  units: Units;
}

export interface ReluExport {
  text: string;
  /** ReLUs written as a disjunction, and those the input box already fixes (no disjunction needed). */
  relus: { split: number; active: number; inactive: number };
  variables: number;
}

interface Bounds {
  lo: Q;
  hi: Q;
}

const le = (a: string, b: string) => `(<= ${a} ${b})`;

/** z = b + Σ w·x in SMT-LIB, and its interval over the given input intervals. */
function affine(net: Network, k: number, i: number, inputs: string[], box: Bounds[]): { term: string; bounds: Bounds } {
  const layer = net.layers[k]!;
  let lo = exactQ(layer.bias[i]!);
  let hi = lo;
  const parts = [smtNumber(lo)];
  for (let j = 0; j < layer.inSize; j++) {
    const w = exactQ(layer.weights[i * layer.inSize + j]!);
    if (w.isZero()) continue;
    parts.push(`(* ${smtNumber(w)} ${inputs[j]})`);
    const [a, b] = w.sign() > 0 ? [box[j]!.lo, box[j]!.hi] : [box[j]!.hi, box[j]!.lo];
    lo = lo.add(w.mul(a));
    hi = hi.add(w.mul(b));
  }
  // Rounded outward to 6 decimals: still sound bounds, and short to read.
  return { term: `(+ ${parts.join(' ')})`, bounds: { lo: roundOutward(lo, 6, false), hi: roundOutward(hi, 6, true) } };
}

/** The union of the cases' input boxes: the box interval bounds are computed over. */
function unionBox(cases: Case[], n: number): Bounds[] {
  return Array.from({ length: n }, (_, i) => ({
    lo: cases.map((c) => exactQ(c.lo[i]!)).reduce((a, b) => (a.cmp(b) <= 0 ? a : b)),
    hi: cases.map((c) => exactQ(c.hi[i]!)).reduce((a, b) => (a.cmp(b) >= 0 ? a : b)),
  }));
}

function caseFormula(c: Case, outputs: string[]): string {
  const box = Array.from(c.lo, (lo, i) => `${le(smtNumber(exactQ(lo)), `X_${i}`)} ${le(`X_${i}`, smtNumber(exactQ(c.hi[i]!)))}`);
  const constraints = c.constraints.map((k) => {
    const terms = Array.from(k.coeffs, (a, j) => (a === 0 ? '' : `(* ${smtNumber(exactQ(a))} ${outputs[j]})`)).filter(Boolean);
    const lhs = terms.length === 0 ? '0.0' : terms.length === 1 ? terms[0]! : `(+ ${terms.join(' ')})`;
    // The right-hand side as the upper end of its enclosure: the unsafe region can only grow, so "unsat" stays a proof.
    return `(${k.strict ? '<' : '<='} ${lhs} ${smtNumber(exactQ(k.rhsHi))})`;
  });
  return `(and ${[...box, ...constraints].join(' ')})`;
}

/**
 * A ReLU network query as one QF_LRA formula (Katz et al., Reluplex, CAV'17, §2: "each ReLU as a
 * disjunction"): z = W·x + b per neuron, and r = max(0, z) as (z ≤ 0 ∧ r = 0) ∨ (z ≥ 0 ∧ r = z).
 * Interval bounds on every z and r are asserted too (implied facts): they let the eager big-M
 * encoding find its constants, and ReLUs the box already decides are written without a disjunction.
 * The formula is satisfiable exactly when the property is violated (VNN-LIB describes the unsafe
 * region). Weights are written exactly (as decimals when exact, else as dyadic fractions).
 */
export function exportReluQuery(q: ReluQuery): ReluExport {
  const model = loadNetwork(q.network, q.networkData);
  const problem = buildProblem(model, parseVnnlib(q.property), q.units);
  const net = problem.network;
  for (const [k, layer] of net.layers.entries())
    if (layer.activation !== 'relu' && layer.activation !== 'identity') throw new InputError(`layer ${k + 1} uses ${layer.activation}: only ReLU and identity layers can be written in linear real arithmetic`);
  const lines = [`; ${model.name}: a ReLU network query exported by Latticework (sat = the property is violated)`, '(set-logic QF_LRA)'];
  const decls: string[] = [];
  const body: string[] = [];
  const declare = (name: string, b: Bounds) => {
    decls.push(`(declare-const ${name} Real)`);
    body.push(`(assert ${le(smtNumber(b.lo), name)})`, `(assert ${le(name, smtNumber(b.hi))})`);
  };
  let names = Array.from({ length: net.inputSize }, (_, i) => `X_${i}`);
  let box = unionBox(problem.cases, net.inputSize);
  names.forEach((x, i) => declare(x, box[i]!));
  const relus = { split: 0, active: 0, inactive: 0 };
  net.layers.forEach((layer, k) => {
    const last = k === net.layers.length - 1;
    const next: string[] = [];
    const nextBox: Bounds[] = [];
    for (let i = 0; i < layer.outSize; i++) {
      const { term, bounds } = affine(net, k, i, names, box);
      const z = last && layer.activation === 'identity' ? `Y_${i}` : `z${k + 1}_${i}`;
      declare(z, bounds);
      body.push(`(assert (= ${z} ${term}))`);
      if (layer.activation === 'identity') {
        next.push(z);
        nextBox.push(bounds);
        continue;
      }
      const r = last ? `Y_${i}` : `r${k + 1}_${i}`;
      const zero = Q.ZERO;
      const rb = { lo: bounds.lo.sign() > 0 ? bounds.lo : zero, hi: bounds.hi.sign() > 0 ? bounds.hi : zero };
      declare(r, rb);
      if (bounds.hi.sign() <= 0) {
        relus.inactive++;
        body.push(`(assert (= ${r} 0.0))`);
      } else if (bounds.lo.sign() >= 0) {
        relus.active++;
        body.push(`(assert (= ${r} ${z}))`);
      } else {
        relus.split++;
        body.push(`(assert (or (and (<= ${z} 0.0) (= ${r} 0.0)) (and (>= ${z} 0.0) (= ${r} ${z}))))`);
      }
      next.push(r);
      nextBox.push(rb);
    }
    names = next;
    box = nextBox;
  });
  const cases = problem.cases.map((c) => caseFormula(c, names));
  body.push(`(assert ${cases.length === 1 ? cases[0] : `(or ${cases.join(' ')})`})`);
  const text = [...lines, ...decls, ...body, '(check-sat)', '(get-model)', ''].join('\n');
  return { text, relus, variables: decls.length };
}

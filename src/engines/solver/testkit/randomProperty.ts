import type { SolverRequest } from '../config.ts';
import { generateNetwork } from '../model/generate.ts';
import { evaluate } from '../model/network.ts';

/**
 * A random ReLU network on a 3-input box and one output constraint whose bound is the median of
 * the outputs sampled at the box's corners and centre, so both answers occur (the parallel search's tests).
 */
export function randomRequest(seed: number, hidden: number[], lo: number[], width: number): SolverRequest {
  const spec = { preset: 'random' as const, seed, hidden, activation: 'relu' as const, inputs: 3, outputs: 2 };
  const { network } = generateNetwork(spec);
  const hi = lo.map((v) => v + width);
  const corners = Array.from({ length: 9 }, (_, k) => (k === 8 ? lo.map((v, i) => (v + hi[i]!) / 2) : lo.map((v, i) => ((k >> i) & 1 ? hi[i]! : v))));
  const margins = corners.map((x) => evaluate(network, x)).map((y) => y[0]! - y[1]!).sort((a, b) => a - b);
  const declarations = [0, 1, 2].map((i) => `(declare-const X_${i} Real)`).concat([0, 1].map((j) => `(declare-const Y_${j} Real)`));
  const box = lo.map((v, i) => `(assert (>= X_${i} ${v}))\n(assert (<= X_${i} ${hi[i]}))`);
  const property = [...declarations, ...box, `(assert (<= (+ Y_0 (* -1 Y_1)) ${margins[4]}))`].join('\n');
  return { network: { kind: 'generated', spec }, property, units: 'network', strategy: 'symbolic', timeoutSeconds: 1e6, attack: true, splitThreshold: 5, tightening: 'symbolic' };
}

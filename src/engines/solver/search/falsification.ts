import { activate, type Network } from '../model/network.ts';
import type { Case } from '../model/problem.ts';
import { Ev } from '../trace/events.ts';
import type { SearchEnv } from './env.ts';

/**
 * Falsification by projected gradient descent (the attack verifiers run before they search, as in
 * α,β-CROWN): minimise the violation v(x) = maxₖ (cₖ·y(x) − rhsₖ) over the case's box; v(x) ≤ 0
 * means x lands in the unsafe region. A point found here is only a candidate: the caller certifies
 * it (certification.ts) before calling the property violated.
 */
export class Falsifier {
  private readonly pre: Float64Array[];
  private readonly post: Float64Array[];
  private readonly grad: Float64Array[];
  private readonly input: Float64Array;

  constructor(private readonly net: Network) {
    this.pre = net.layers.map((l) => new Float64Array(l.outSize));
    this.post = net.layers.map((l) => new Float64Array(l.outSize));
    this.grad = [new Float64Array(net.inputSize), ...net.layers.map((l) => new Float64Array(l.outSize))];
    this.input = new Float64Array(net.inputSize);
  }

  /** v(x); with `gradient`, also ∂v/∂x of the constraint that attains the maximum. */
  violation(x: ArrayLike<number>, c: Case, gradient?: Float64Array): number {
    const { net, pre, post } = this;
    let input = this.input;
    for (let j = 0; j < net.inputSize; j++) input[j] = x[j]!;
    for (let k = 0; k < net.layers.length; k++) {
      const layer = net.layers[k]!;
      const z = pre[k]!;
      const h = post[k]!;
      const { weights: w, bias, inSize, outSize } = layer;
      for (let i = 0; i < outSize; i++) {
        let s = bias[i]!;
        const row = i * inSize;
        for (let j = 0; j < inSize; j++) s += w[row + j]! * input[j]!;
        z[i] = s;
      }
      switch (layer.activation) {
        case 'relu':
          for (let i = 0; i < outSize; i++) h[i] = z[i]! > 0 ? z[i]! : 0;
          break;
        case 'identity':
          h.set(z);
          break;
        default:
          for (let i = 0; i < outSize; i++) h[i] = activate(layer.activation, z[i]!);
      }
      input = h;
    }
    const y = post[net.layers.length - 1]!;
    let worst = -Infinity;
    let which = 0;
    c.constraints.forEach((k, index) => {
      let v = -k.rhsLo;
      for (let j = 0; j < y.length; j++) v += k.coeffs[j]! * y[j]!;
      if (v > worst) {
        worst = v;
        which = index;
      }
    });
    if (c.constraints.length === 0) worst = -Infinity;
    if (gradient && c.constraints.length > 0) this.backward(c.constraints[which]!.coeffs, gradient);
    return worst;
  }

  private backward(coeffs: Float64Array, out: Float64Array): void {
    const { net, pre, post, grad } = this;
    const last = net.layers.length - 1;
    grad[last + 1]!.set(coeffs);
    for (let k = last; k >= 0; k--) {
      const layer = net.layers[k]!;
      const g = grad[k + 1]!;
      const z = pre[k]!;
      const h = post[k]!;
      for (let i = 0; i < layer.outSize; i++) {
        const d = layer.activation === 'relu' ? (z[i]! > 0 ? 1 : 0) : layer.activation === 'identity' ? 1 : layer.activation === 'sigmoid' ? h[i]! * (1 - h[i]!) : 1 - h[i]! * h[i]!;
        g[i] = g[i]! * d;
      }
      const below = grad[k]!;
      below.fill(0);
      const { weights: w, inSize } = layer;
      for (let i = 0; i < layer.outSize; i++) {
        const gi = g[i]!;
        if (gi === 0) continue;
        const row = i * inSize;
        for (let j = 0; j < inSize; j++) below[j] = below[j]! + gi * w[row + j]!;
      }
    }
    out.set(grad[0]!);
  }

  /**
   * Signed-gradient descent from `start`, projected on the box; calls `found` with every point whose
   * violation is ≤ 0 until it accepts one. Returns the accepted point, if any, and the best violation seen.
   */
  descend(c: Case, start: Float64Array, steps: number, found: (x: Float64Array) => boolean, stop?: () => boolean): { accepted?: Float64Array; best: number } {
    const n = start.length;
    const x = start.slice();
    const g = new Float64Array(n);
    let best = Infinity;
    for (let t = 0; t <= steps; t++) {
      const v = this.violation(x, c, g);
      if (v < best) best = v;
      if (v <= 0 && found(x)) return { accepted: x.slice(), best };
      if (t === steps || (stop && t % 10 === 9 && stop())) break;
      const alpha = 0.1 * 0.001 ** (t / steps);
      for (let i = 0; i < n; i++) {
        const width = c.hi[i]! - c.lo[i]!;
        const step = g[i]! > 0 ? -alpha * width : g[i]! < 0 ? alpha * width : 0;
        x[i] = Math.min(c.hi[i]!, Math.max(c.lo[i]!, x[i]! + step));
      }
    }
    return { best };
  }
}

/** Descent steps per starting point of the attack, and random points sampled to pick each start. */
const ATTACK_STEPS = 100;
const ATTACK_SAMPLES = 32;

/**
 * The attack on one case: `restarts` rounds of sampling random points (the box's centre first when
 * `fromCentre`) and descending from the best; every point that lands in the unsafe region is
 * certified, and the first that passes is returned.
 */
export function attack(env: SearchEnv, falsifier: Falsifier, c: Case, ci: number, node: number, restarts: number, fromCentre = true) {
  const n = c.lo.length;
  let best = Infinity;
  let accepted: ReturnType<SearchEnv['check']>;
  const start = new Float64Array(n);
  const sample = new Float64Array(n);
  for (let r = 0; r < restarts && !accepted; r++) {
    if (r > 0 && env.stop()) break;
    // Start from the best of a few random points: unsafe regions can be scattered pockets that
    // sampling hits more often than descent from one point reaches.
    let startValue = Infinity;
    for (let s = 0; s < ATTACK_SAMPLES && !accepted; s++) {
      for (let i = 0; i < n; i++) sample[i] = r === 0 && s === 0 && fromCentre ? c.lo[i]! + (c.hi[i]! - c.lo[i]!) / 2 : c.lo[i]! + env.random() * (c.hi[i]! - c.lo[i]!);
      const v = falsifier.violation(sample, c);
      if (v <= 0) accepted = env.check(ci, sample);
      if (v < startValue) {
        startValue = v;
        start.set(sample);
      }
    }
    if (accepted) break;
    const out = falsifier.descend(
      c,
      start,
      ATTACK_STEPS,
      (x) => {
        accepted = env.check(ci, x);
        return accepted !== undefined;
      },
      () => env.stop() !== undefined,
    );
    best = Math.min(best, out.best);
    env.spend(1);
  }
  env.events.push(Ev.attack, node, restarts, accepted ? 1 : 0, best);
  return accepted;
}

import { DenseProducts } from '../model/simdProducts.ts';
import { activate, type Network } from '../model/network.ts';
import type { Case } from '../model/problem.ts';
import { Ev } from '../trace/events.ts';
import type { AdaptiveDescent } from './adaptiveDescent.ts';
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
  /** The layers' products, in WebAssembly SIMD where the host has it (in JavaScript they were ~40% of a 15 CPU-s mnist-net_256x6 search). */
  private readonly products: DenseProducts;

  constructor(private readonly net: Network) {
    this.pre = net.layers.map((l) => new Float64Array(l.outSize));
    this.post = net.layers.map((l) => new Float64Array(l.outSize));
    this.grad = [new Float64Array(net.inputSize), ...net.layers.map((l) => new Float64Array(l.outSize))];
    this.input = new Float64Array(net.inputSize);
    this.products = new DenseProducts(net.layers.map((l) => ({ w: l.weights, inSize: l.inSize, outSize: l.outSize })));
  }

  /** v(x); with `gradient`, also ∂v/∂x of the constraint that attains the maximum. */
  violation(x: ArrayLike<number>, c: Case, gradient?: Float64Array): number {
    this.forward(x);
    const { value, which } = this.worstConstraint(c);
    if (gradient && c.constraints.length > 0) this.backward(c.constraints[which]!.coeffs, gradient);
    return value;
  }

  /**
   * The margin over all cases of a disjunctive property (α,β-CROWN's attack loss over every target
   * class): minₖ vₖ(x), the case nearest to being violated; `which` is that case. With `gradient`,
   * ∂/∂x of its worst constraint. The cases must share the input box.
   */
  violationOfAny(x: ArrayLike<number>, cases: readonly Case[], gradient?: Float64Array): { value: number; which: number } {
    this.forward(x);
    let value = Infinity;
    let which = 0;
    let constraint = 0;
    cases.forEach((c, ci) => {
      const w = this.worstConstraint(c);
      if (w.value < value) {
        value = w.value;
        which = ci;
        constraint = w.which;
      }
    });
    const coeffs = cases[which]?.constraints[constraint]?.coeffs;
    if (gradient && coeffs && value < Infinity) this.backward(coeffs, gradient);
    return { value, which };
  }

  /** The network at x: every layer's values in `pre` and `post`. */
  private forward(x: ArrayLike<number>): void {
    const { net, pre, post } = this;
    let input = this.input;
    for (let j = 0; j < net.inputSize; j++) input[j] = x[j]!;
    for (let k = 0; k < net.layers.length; k++) {
      const layer = net.layers[k]!;
      const z = pre[k]!;
      const h = post[k]!;
      const { bias, outSize } = layer;
      this.products.affine(k, bias, input, z);
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
  }

  /** maxₖ (cₖ·y − rhsₖ) at the last forward pass, and the constraint attaining it (−∞ with none). */
  private worstConstraint(c: Case): { value: number; which: number } {
    const y = this.post[this.net.layers.length - 1]!;
    let value = -Infinity;
    let which = 0;
    c.constraints.forEach((k, index) => {
      let v = -k.rhsLo;
      for (let j = 0; j < y.length; j++) v += k.coeffs[j]! * y[j]!;
      if (v > value) {
        value = v;
        which = index;
      }
    });
    return { value, which };
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
      this.products.transposed(k, g, below);
    }
    out.set(grad[0]!);
  }

  /**
   * Signed-gradient descent from `start`, projected on the box; calls `found` with every point whose
   * violation is ≤ 0 until it accepts one. Returns the accepted point, if any, and the best violation seen.
   */
  descend(c: Case, start: Float64Array, steps: number, found: (x: Float64Array) => boolean, stop?: () => boolean): { accepted?: Float64Array; best: number } {
    return this.descendAny([c], start, steps, found, stop);
  }

  /**
   * The same descent on the margin over all cases (violationOfAny); `found` gets the point and the
   * case it lands in.
   */
  descendAny(cases: readonly Case[], start: Float64Array, steps: number, found: (x: Float64Array, ci: number) => boolean, stop?: () => boolean): { accepted?: Float64Array; best: number } {
    const box = cases[0]!;
    const x = start.slice();
    const g = new Float64Array(start.length);
    let best = Infinity;
    for (let t = 0; t <= steps; t++) {
      const { value, which } = this.violationOfAny(x, cases, g);
      if (value < best) best = value;
      if (value <= 0 && found(x, which)) return { accepted: x.slice(), best };
      if (t === steps || (stop && t % 10 === 9 && stop())) break;
      signedStep(x, g, box, t, steps);
    }
    return { best };
  }
}

/** One step against the gradient's sign, a fraction of each input's width decaying over the run, projected on the box. */
function signedStep(x: Float64Array, g: Float64Array, box: { lo: Float64Array; hi: Float64Array }, t: number, steps: number): void {
  const alpha = 0.1 * 0.001 ** (t / steps);
  for (let i = 0; i < x.length; i++) {
    const width = box.hi[i]! - box.lo[i]!;
    const step = g[i]! > 0 ? -alpha * width : g[i]! < 0 ? alpha * width : 0;
    x[i] = Math.min(box.hi[i]!, Math.max(box.lo[i]!, x[i]! + step));
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
  return attackAll(env, falsifier, [c], node, restarts, fromCentre, [ci]);
}

/**
 * The attack on every case of a property at once (the cases must share their box, as a robustness
 * property's do): `restarts` rounds of sampling random points (the box's centre first when
 * `fromCentre`) and descending on the margin over all cases from the best; every point that lands
 * in an unsafe region is certified (as case `caseIndices[k]` of the problem), and the first that
 * passes is returned. Run before any bound, it answers a violated instance before the search
 * spends anything on bounds.
 */
export function attackAll(env: SearchEnv, falsifier: Falsifier, cases: readonly Case[], node: number, restarts: number, fromCentre = true, caseIndices: readonly number[] = cases.map((_, i) => i)) {
  const box = cases[0]!;
  const n = box.lo.length;
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
      for (let i = 0; i < n; i++) sample[i] = r === 0 && s === 0 && fromCentre ? box.lo[i]! + (box.hi[i]! - box.lo[i]!) / 2 : box.lo[i]! + env.random() * (box.hi[i]! - box.lo[i]!);
      const { value, which } = falsifier.violationOfAny(sample, cases);
      if (value <= 0) accepted = env.check(caseIndices[which]!, sample);
      if (value < startValue) {
        startValue = value;
        start.set(sample);
      }
    }
    if (accepted) break;
    const out = falsifier.descendAny(
      cases,
      start,
      ATTACK_STEPS,
      (x, k) => {
        accepted = env.check(caseIndices[k]!, x);
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

/**
 * Descent from one point of a case's box (Auto-PGD, adaptiveDescent.ts), every point that lands in
 * the unsafe region certified as case `ci`. The point is typically the corner that minimised a
 * linear lower bound of the case's constraint (CROWN's input coefficients' signs, in a subdomain
 * also under its phases): the relaxation's guess at the worst input, where a pure gradient attack
 * from the centre need not arrive (mnist-net_256x2 prop_0_0.05 and mnist-net_256x6 prop_3_0.05 are
 * answered only from there). `reached`, if given, is told the least violation the descent saw.
 */
export function attackFrom(env: SearchEnv, descent: AdaptiveDescent, c: Case, ci: number, node: number, start: ArrayLike<number>, steps: number, reached?: (best: number) => void) {
  let accepted: ReturnType<SearchEnv['check']>;
  const out = descent.descend(
    c,
    start,
    steps,
    (x) => (accepted = env.check(ci, x)) !== undefined,
    () => env.stop() !== undefined,
  );
  env.events.push(Ev.attack, node, 1, accepted ? 1 : 0, out.best);
  reached?.(out.best);
  return accepted;
}

/**
 * The targeted attack (one case, one disjunct of a robustness property, at a time: its own margin
 * rather than the margin over all of them): `restarts` descents by Auto-PGD from the box's centre
 * (first, when `fromCentre`) and from random points of the box drawn from the run's seeded stream;
 * `reached` as for attackFrom.
 */
export function attackTargeted(env: SearchEnv, descent: AdaptiveDescent, c: Case, ci: number, node: number, restarts: number, steps: number, fromCentre: boolean, reached?: (best: number) => void) {
  const start = new Float64Array(c.lo.length);
  for (let r = 0; r < restarts; r++) {
    if (env.stop()) break;
    for (let i = 0; i < start.length; i++) start[i] = c.lo[i]! + (r === 0 && fromCentre ? 0.5 : env.random()) * (c.hi[i]! - c.lo[i]!);
    const found = attackFrom(env, descent, c, ci, node, start, steps, reached);
    env.spend(1);
    if (found) return found;
  }
  return undefined;
}

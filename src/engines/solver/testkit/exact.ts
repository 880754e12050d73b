import type { Network } from '../model/network.ts';
import type { Case } from '../model/problem.ts';

/**
 * An exhaustive, exact decision procedure for small ReLU networks, independent of the solver's
 * code: it enumerates activation patterns (depth first, pruning infeasible prefixes) and decides
 * each pattern's linear system over the inputs by Fourier–Motzkin elimination in exact rational
 * arithmetic (BigInt fractions; every double is a dyadic rational). It answers whether some input in
 * the case's box reaches the unsafe region, for exact real arithmetic on the stored weights.
 */
export class Q {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static of(n: bigint, d = 1n): Q {
    if (d === 0n) throw new Error('division by zero');
    if (d < 0n) [n, d] = [-n, -d];
    const g = gcd(n < 0n ? -n : n, d);
    return new Q(n / g, d / g);
  }

  static fromDouble(x: number): Q {
    if (!Number.isFinite(x)) throw new Error('not finite');
    if (x === 0) return Q.zero;
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const negative = bits >> 63n === 1n;
    const exponent = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & ((1n << 52n) - 1n);
    const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
    const e = (exponent === 0 ? 1 : exponent) - 1075;
    const signed = negative ? -mantissa : mantissa;
    return e >= 0 ? Q.of(signed << BigInt(e)) : Q.of(signed, 1n << BigInt(-e));
  }

  static readonly zero = new Q(0n, 1n);

  add(o: Q): Q {
    return Q.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }

  sub(o: Q): Q {
    return Q.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }

  mul(o: Q): Q {
    return Q.of(this.n * o.n, this.d * o.d);
  }

  div(o: Q): Q {
    return Q.of(this.n * o.d, this.d * o.n);
  }

  sign(): number {
    return this.n > 0n ? 1 : this.n < 0n ? -1 : 0;
  }

  cmp(o: Q): number {
    return this.sub(o).sign();
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/** a·x + c, exactly. */
type Affine = { a: Q[]; c: Q };
/** a·x ≤ b */
type Ineq = { a: Q[]; b: Q };

function affineLe(f: Affine, rhs: Q): Ineq {
  return { a: f.a, b: rhs.sub(f.c) };
}

function neg(f: Affine): Affine {
  return { a: f.a.map((q) => Q.zero.sub(q)), c: Q.zero.sub(f.c) };
}

/** Feasibility of a system of non-strict inequalities by Fourier–Motzkin elimination. */
export function feasible(system: Ineq[], dims: number): boolean {
  let rows = system;
  for (let v = dims - 1; v >= 0; v--) {
    const pos: Ineq[] = [];
    const negs: Ineq[] = [];
    const rest: Ineq[] = [];
    for (const r of rows) {
      const s = r.a[v]!.sign();
      if (s > 0) pos.push(r);
      else if (s < 0) negs.push(r);
      else rest.push(r);
    }
    for (const p of pos) {
      for (const q of negs) {
        // p: α x_v + … ≤ b_p (α > 0), q: −β x_v + … ≤ b_q (β > 0) ⇒ β·p + α·q eliminates x_v.
        const alpha = p.a[v]!;
        const beta = Q.zero.sub(q.a[v]!);
        rest.push({ a: p.a.map((x, i) => (i === v ? Q.zero : x.mul(beta).add(q.a[i]!.mul(alpha)))), b: p.b.mul(beta).add(q.b.mul(alpha)) });
      }
    }
    rows = dedupe(rest);
  }
  return rows.every((r) => r.b.sign() >= 0);
}

function dedupe(rows: Ineq[]): Ineq[] {
  const seen = new Map<string, Ineq>();
  for (const r of rows) {
    // Normalise by the first nonzero coefficient's magnitude so equal constraints collide.
    const lead = r.a.find((q) => q.sign() !== 0);
    const scale = lead ? (lead.sign() > 0 ? lead : Q.zero.sub(lead)) : undefined;
    const a = scale ? r.a.map((q) => q.div(scale)) : r.a;
    const b = scale ? r.b.div(scale) : r.b;
    const key = a.map((q) => `${q.n}/${q.d}`).join(',');
    const old = seen.get(key);
    if (!old || b.cmp(old.b) < 0) seen.set(key, { a, b });
  }
  return [...seen.values()];
}

/** Does some x in the case's box (lo..hi) make the network's output satisfy every constraint (with rhs = rhsLo = rhsHi)? */
export function exhaustiveSat(net: Network, c: Case): boolean {
  const n0 = net.inputSize;
  const box: Ineq[] = [];
  for (let i = 0; i < n0; i++) {
    const unit = (s: number) => Array.from({ length: n0 }, (_, j) => (j === i ? Q.of(BigInt(s)) : Q.zero));
    box.push({ a: unit(1), b: Q.fromDouble(c.hi[i]!) });
    box.push({ a: unit(-1), b: Q.fromDouble(-c.lo[i]!) });
  }
  const inputs: Affine[] = Array.from({ length: n0 }, (_, i) => ({ a: Array.from({ length: n0 }, (_, j) => (j === i ? Q.of(1n) : Q.zero)), c: Q.zero }));
  const weights = net.layers.map((l) => ({ w: Array.from(l.weights, Q.fromDouble), b: Array.from(l.bias, Q.fromDouble) }));

  const affineLayer = (k: number, h: Affine[]): Affine[] => {
    const layer = net.layers[k]!;
    const { w, b } = weights[k]!;
    return Array.from({ length: layer.outSize }, (_, i) => {
      const a = Array.from({ length: n0 }, () => Q.zero);
      let cst = b[i]!;
      for (let j = 0; j < layer.inSize; j++) {
        const wij = w[i * layer.inSize + j]!;
        if (wij.sign() === 0) continue;
        for (let t = 0; t < n0; t++) a[t] = a[t]!.add(wij.mul(h[j]!.a[t]!));
        cst = cst.add(wij.mul(h[j]!.c));
      }
      return { a, c: cst };
    });
  };

  const search = (k: number, h: Affine[], system: Ineq[]): boolean => {
    if (k === net.layers.length) {
      const out = system.slice();
      for (const con of c.constraints) {
        const a = Array.from({ length: n0 }, () => Q.zero);
        let cst = Q.zero;
        con.coeffs.forEach((v, j) => {
          const q = Q.fromDouble(v);
          for (let t = 0; t < n0; t++) a[t] = a[t]!.add(q.mul(h[j]!.a[t]!));
          cst = cst.add(q.mul(h[j]!.c));
        });
        out.push(affineLe({ a, c: cst }, Q.fromDouble(con.rhsHi)));
      }
      return feasible(out, n0);
    }
    const z = affineLayer(k, h);
    const layer = net.layers[k]!;
    if (layer.activation === 'identity') return search(k + 1, z, system);
    if (layer.activation !== 'relu') throw new Error('the exhaustive method handles ReLU networks only');
    // Choose each neuron's phase in turn, pruning as soon as the prefix is infeasible.
    const choose = (i: number, post: Affine[], sys: Ineq[]): boolean => {
      if (i === z.length) return search(k + 1, post, sys);
      const active = [...sys, affineLe(neg(z[i]!), Q.zero)];
      if (feasible(active, n0) && choose(i + 1, [...post, z[i]!], active)) return true;
      const inactive = [...sys, affineLe(z[i]!, Q.zero)];
      return feasible(inactive, n0) && choose(i + 1, [...post, { a: z[i]!.a.map(() => Q.zero), c: Q.zero }], inactive);
    };
    return choose(0, [], system);
  };
  return search(0, inputs, box);
}

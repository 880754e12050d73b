import type { Random } from './random.ts';

/**
 * One-way message latency in milliseconds. Besides the textbook shapes, mixtures of Pareto and
 * exponential parts are how the PBS work (Bailis et al., VLDB 2012, the WARS model) fits
 * production latencies at LinkedIn and Yammer: a Pareto body with an exponential tail.
 */
export type Distribution =
  | { kind: 'constant'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  | { kind: 'exponential'; meanMs: number }
  | { kind: 'pareto'; scaleMs: number; shape: number }
  | { kind: 'mixture'; parts: { weight: number; dist: Distribution }[] };

/** Draws one latency. Every call consumes a fixed pattern of draws for a given shape. */
export function sample(d: Distribution, rng: Random): number {
  draw(d, rng, drawn);
  return drawn[0]!;
}

const drawn = new Float64Array(1);

/**
 * `sample` into out[0]: a number written to a typed slot, where a number returned from a call
 * that is not inlined is boxed (the simulation draws one per message).
 */
export function draw(d: Distribution, rng: Random, out: Float64Array): void {
  switch (d.kind) {
    case 'constant':
      out[0] = d.ms;
      return;
    case 'uniform':
      out[0] = d.minMs + (d.maxMs - d.minMs) * rng.next();
      return;
    case 'exponential':
      out[0] = -d.meanMs * Math.log(rng.nextOpen());
      return;
    case 'pareto':
      out[0] = d.scaleMs / Math.pow(rng.nextOpen(), 1 / d.shape);
      return;
    case 'mixture': {
      const total = totalWeight(d);
      let u = rng.next() * total;
      for (const part of d.parts) {
        u -= part.weight;
        if (u < 0) return draw(part.dist, rng, out);
      }
      return draw(d.parts[d.parts.length - 1]!.dist, rng, out);
    }
  }
}

const totalWeight = (d: { parts: { weight: number }[] }) => d.parts.reduce((s, p) => s + p.weight, 0);

/** P(latency <= x), exact for every shape. */
export function cdf(d: Distribution, x: number): number {
  switch (d.kind) {
    case 'constant':
      return x >= d.ms ? 1 : 0;
    case 'uniform':
      return d.maxMs === d.minMs ? (x >= d.minMs ? 1 : 0) : Math.min(1, Math.max(0, (x - d.minMs) / (d.maxMs - d.minMs)));
    case 'exponential':
      return x <= 0 ? 0 : 1 - Math.exp(-x / d.meanMs);
    case 'pareto':
      return x <= d.scaleMs ? 0 : 1 - Math.pow(d.scaleMs / x, d.shape);
    case 'mixture': {
      const total = totalWeight(d);
      return d.parts.reduce((s, p) => s + (p.weight / total) * cdf(p.dist, x), 0);
    }
  }
}

/** The q-quantile (0 < q < 1), by bisection on the CDF where there is no closed form. */
export function quantile(d: Distribution, q: number): number {
  switch (d.kind) {
    case 'constant':
      return d.ms;
    case 'uniform':
      return d.minMs + q * (d.maxMs - d.minMs);
    case 'exponential':
      return -d.meanMs * Math.log(1 - q);
    case 'pareto':
      return d.scaleMs / Math.pow(1 - q, 1 / d.shape);
    case 'mixture': {
      let lo = 0;
      let hi = Math.max(1, ...d.parts.map((p) => quantile(p.dist, q)));
      for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2;
        if (cdf(d, mid) < q) lo = mid;
        else hi = mid;
      }
      return hi;
    }
  }
}

/** The mean, or Infinity for a Pareto part with shape <= 1. */
export function mean(d: Distribution): number {
  switch (d.kind) {
    case 'constant':
      return d.ms;
    case 'uniform':
      return (d.minMs + d.maxMs) / 2;
    case 'exponential':
      return d.meanMs;
    case 'pareto':
      return d.shape <= 1 ? Infinity : (d.shape * d.scaleMs) / (d.shape - 1);
    case 'mixture': {
      const total = totalWeight(d);
      return d.parts.reduce((s, p) => s + (p.weight / total) * mean(p.dist), 0);
    }
  }
}

/** A short human description ("Pareto(0.235 ms, α=10) 91% + Exp(mean 0.6 ms) 9%"). */
export function describeDistribution(d: Distribution): string {
  const ms = (x: number) => `${+x.toPrecision(3)} ms`;
  switch (d.kind) {
    case 'constant':
      return `constant ${ms(d.ms)}`;
    case 'uniform':
      return `uniform ${ms(d.minMs)}–${ms(d.maxMs)}`;
    case 'exponential':
      return `exponential, mean ${ms(d.meanMs)}`;
    case 'pareto':
      return `Pareto, scale ${ms(d.scaleMs)}, α=${d.shape}`;
    case 'mixture': {
      const total = totalWeight(d);
      return d.parts.map((p) => `${Math.round((100 * p.weight) / total)}% ${describeDistribution(p.dist)}`).join(' + ');
    }
  }
}

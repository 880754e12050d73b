import type { Popularity, ScriptedOperation, WorkloadConfig } from '../config.ts';
import type { Random } from './random.ts';

/**
 * What a client asks for. `add` and `remove` are cart writes (a counter's increment and
 * decrement); every write but a blind put reads first. `wait` is a threshold read (lattice values).
 */
export const OP = { get: 0, put: 1, add: 2, remove: 3, wait: 4 } as const;
export type OpCode = (typeof OP)[keyof typeof OP];
export const OP_NAMES = ['get', 'put', 'add', 'remove', 'wait'] as const;

/** What generated writes are: register puts, cart adds and removes, or a counter's increments (put) and decrements (remove). */
export type WriteKind = 'register' | 'items' | 'counter';

/** Cumulative popularity of keys by rank: key 0 is the most popular under Zipf. */
export function popularityCdf(p: Popularity, keys: number): Float64Array | null {
  if (p.kind === 'uniform') return null;
  const cdf = new Float64Array(keys);
  let total = 0;
  for (let k = 0; k < keys; k++) cdf[k] = total += 1 / Math.pow(k + 1, p.exponent);
  for (let k = 0; k < keys; k++) cdf[k]! /= total;
  return cdf;
}

/** Probability of each key being asked for. */
export function popularityWeights(p: Popularity, keys: number): Float64Array {
  const cdf = popularityCdf(p, keys);
  const w = new Float64Array(keys);
  if (!cdf) return w.fill(1 / keys);
  for (let k = 0; k < keys; k++) w[k] = cdf[k]! - (k > 0 ? cdf[k - 1]! : 0);
  return w;
}

/**
 * The guide table of a popularity CDF (Chen and Asau 1974, the "indexed search" of inversion
 * sampling): entry j is the first key whose cumulative popularity exceeds j / G, for G a power of
 * two (so u × G and j / G are exact), j = 0 … G. A draw u in [j / G, (j + 1) / G) then picks a key
 * between entries j and j + 1: a search of a few keys, where a search of the whole CDF takes
 * log₂(keys) steps, each likely a cache miss.
 */
export function popularityGuide(cdf: Float64Array): Int32Array {
  let size = 1;
  while (size * 2 < cdf.length) size *= 2;
  const guide = new Int32Array(size + 1);
  let k = 0;
  for (let j = 0; j <= size; j++) {
    const x = j / size;
    while (k < cdf.length && cdf[k]! <= x) k++;
    guide[j] = k;
  }
  return guide;
}

/** The guide of uniform popularity, which needs none. */
const UNIFORM = new Int32Array(0);

/** The key a uniform draw u picks: the first whose cumulative popularity exceeds u (as `bisectRight`). */
function keyAt(cdf: Float64Array | null, guide: Int32Array, keys: number, u: number): number {
  if (!cdf) return Math.floor(u * keys);
  const j = Math.floor(u * (guide.length - 1));
  let lo = guide[j]!;
  let hi = guide[j + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! <= u) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, keys - 1);
}

/** The request rate at time t (per second): constant, or following the daily cycle. */
export function rateAt(w: Pick<WorkloadConfig, 'ratePerSecond' | 'diurnal'>, t: number): number {
  return w.ratePerSecond * (1 + w.diurnal.amplitude * Math.sin((2 * Math.PI * t) / w.diurnal.periodMs));
}

/**
 * The next arrival after t. With a daily cycle, candidates come at the peak rate and each is kept
 * with probability rate(t) / peak (thinning, Lewis and Shedler 1979): a Poisson process whose
 * rate follows the cycle. Without one, the draws are those of the constant-rate process.
 */
function nextArrival(t: number, w: WorkloadConfig, rng: Random): number {
  const a = w.diurnal.amplitude;
  if (a <= 0) return t - Math.log(rng.nextOpen()) * (1000 / w.ratePerSecond);
  const peak = w.ratePerSecond * (1 + a);
  for (;;) {
    t -= Math.log(rng.nextOpen()) * (1000 / peak);
    if (rng.next() * peak < rateAt(w, t)) return t;
  }
}

/**
 * The operations of a run, one after another, from their own random stream, so that every
 * variant of a scenario serves exactly the same requests at the same times. Generated scripted
 * and random operations merge in time order. After `next`, the fields hold the operation drawn.
 * `waitShare`: the fraction of generated reads that are threshold reads (`wait` with item −1:
 * wait for the key's latest acknowledged write), drawn only when positive, so other runs keep
 * their streams.
 */
export class WorkloadGenerator {
  readonly count: number;
  time = 0;
  key = 0;
  client = 0;
  op: OpCode = OP.get;
  /** The item of a scripted add or remove; -1 lets the client pick (using `pick`). */
  item = -1;
  /** A uniform draw in [0, 1) the client uses for choices made at run time (which item to remove). */
  pick = 0;
  private readonly script: ScriptedOperation[];
  private readonly cdf: Float64Array | null;
  private readonly guide: Int32Array;
  private generated = 0;
  private scripted = 0;
  private nextGenerated: number;

  constructor(
    private readonly w: WorkloadConfig,
    private readonly writes: WriteKind,
    private readonly rng: Random,
    private readonly waitShare = 0,
    cdf: Float64Array | null = popularityCdf(w.popularity, w.keys),
    guide: Int32Array = cdf ? popularityGuide(cdf) : UNIFORM,
  ) {
    this.script = w.script.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i).map((x) => x.s);
    this.count = w.requests + this.script.length;
    this.cdf = cdf;
    this.guide = guide;
    this.nextGenerated = w.requests > 0 ? nextArrival(0, w, rng) : Infinity;
  }

  /**
   * Draws the next operation into the fields. `timeOnly`: the same draws, but only the time is
   * worked out (the pass ahead that finds the last arrival has no use for the key's search).
   */
  next(timeOnly = false): void {
    const { w, script } = this;
    if (this.scripted < script.length && (this.generated >= w.requests || script[this.scripted]!.at <= this.nextGenerated)) return this.takeScripted(script[this.scripted++]!);
    const rng = this.rng;
    const t = this.nextGenerated;
    this.generated++;
    this.nextGenerated = this.generated < w.requests ? nextArrival(t, w, rng) : Infinity;
    const u = rng.next();
    const read = rng.next() < w.readFraction;
    const writer = rng.int(w.writersPerKey);
    const reader = rng.int(w.clients);
    const remove = rng.next() < w.removeFraction;
    const item = rng.int(Math.max(1, w.items));
    const items = this.writes === 'items';
    this.time = t;
    this.pick = rng.next();
    if (timeOnly) {
      if (read && this.waitShare > 0) rng.next();
      return;
    }
    const key = keyAt(this.cdf, this.guide, w.keys, u);
    this.key = key;
    if (read) {
      this.op = this.waitShare > 0 && rng.next() < this.waitShare ? OP.wait : OP.get;
      this.client = reader;
      this.item = -1;
    } else {
      this.client = (key + writer) % w.clients;
      this.op = items ? (remove ? OP.remove : OP.add) : this.writes === 'counter' && remove ? OP.remove : OP.put;
      this.item = items && !remove ? item : -1;
    }
  }

  private takeScripted(op: ScriptedOperation): void {
    this.time = op.at;
    this.key = op.key;
    this.client = op.client;
    this.op = OP[op.op];
    this.item = op.op === 'add' || op.op === 'remove' || op.op === 'wait' ? op.item : -1;
    this.pick = 0;
  }
}

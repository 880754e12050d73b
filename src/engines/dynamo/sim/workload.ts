import type { Popularity, WorkloadConfig } from '../config.ts';
import { bisectRight } from '../../bisect.ts';
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

/**
 * The operations of a run, generated before it starts from their own random stream, so that
 * every variant of a scenario serves exactly the same requests at the same times.
 */
export interface Workload {
  count: number;
  time: Float64Array;
  key: Int32Array;
  client: Int32Array;
  op: Uint8Array;
  /** The item of a scripted add or remove; -1 lets the client pick (using `pick`). */
  item: Int32Array;
  /** A uniform draw in [0, 1) the client uses for choices made at run time (which item to remove). */
  pick: Float32Array;
  /** Time of the last operation. */
  lastTime: number;
}

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

function sampleKey(cdf: Float64Array | null, keys: number, rng: Random): number {
  const u = rng.next();
  if (!cdf) return Math.floor(u * keys);
  return Math.min(bisectRight(cdf, u), keys - 1);
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
 * `waitShare`: the fraction of generated reads that are threshold reads (`wait` with item −1: wait
 * for the key's latest acknowledged write). Drawn only when positive, so other runs keep their streams.
 */
export function generateWorkload(w: WorkloadConfig, writes: WriteKind, rng: Random, waitShare = 0): Workload {
  const script = w.script.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  const count = w.requests + script.length;
  const out: Workload = {
    count,
    time: new Float64Array(count),
    key: new Int32Array(count),
    client: new Int32Array(count),
    op: new Uint8Array(count),
    item: new Int32Array(count).fill(-1),
    pick: new Float32Array(count),
    lastTime: 0,
  };
  const cdf = popularityCdf(w.popularity, w.keys);
  const items = writes === 'items';
  let t = 0;
  let g = 0;
  let s = 0;
  let nextGenerated = w.requests > 0 ? nextArrival(0, w, rng) : Infinity;
  for (let i = 0; i < count; i++) {
    const takeScript = s < script.length && (g >= w.requests || script[s]!.s.at <= nextGenerated);
    if (takeScript) {
      const op = script[s++]!.s;
      t = op.at;
      out.time[i] = t;
      out.key[i] = op.key;
      out.client[i] = op.client;
      out.op[i] = OP[op.op];
      out.item[i] = op.op === 'add' || op.op === 'remove' || op.op === 'wait' ? op.item : -1;
      out.pick[i] = 0;
      continue;
    }
    t = nextGenerated;
    g++;
    nextGenerated = g < w.requests ? nextArrival(t, w, rng) : Infinity;
    const key = sampleKey(cdf, w.keys, rng);
    const read = rng.next() < w.readFraction;
    const writer = rng.int(w.writersPerKey);
    const reader = rng.int(w.clients);
    const remove = rng.next() < w.removeFraction;
    const item = rng.int(Math.max(1, w.items));
    out.time[i] = t;
    out.key[i] = key;
    out.pick[i] = rng.next();
    if (read) {
      out.op[i] = waitShare > 0 && rng.next() < waitShare ? OP.wait : OP.get;
      out.client[i] = reader;
    } else {
      out.client[i] = (key + writer) % w.clients;
      out.op[i] = items ? (remove ? OP.remove : OP.add) : writes === 'counter' && remove ? OP.remove : OP.put;
      out.item[i] = items && !remove ? item : -1;
    }
  }
  out.lastTime = t;
  return out;
}

import type { LatencyConfig } from '../config.ts';
import { sample, type Distribution } from '../sim/latency.ts';
import type { Random } from '../sim/random.ts';
import { drawReplica, serverEntry, type Locality } from './coordinatorLocality.ts';

/** The WARS model's inputs: quorum sizes, where coordinators sit, how far writes go, the delays. */
export interface WarsSetting {
  locality: Locality;
  r: number;
  w: number;
  /** Writes reach only W replicas (PBS's worst case) rather than all N. */
  quorumOnly: boolean;
  latency: LatencyConfig;
}

/**
 * t-visibility by the WARS model of PBS (Bailis et al., VLDB'12 §5), computed by Monte Carlo
 * with coordinator locality. A write is stored at once at its coordinator (when that is a
 * replica) and sent to the others (delay W), which acknowledge (delay A); it commits at the W-th
 * acknowledgement. A read starts t ms after the commit; under server-driven coordination it first
 * takes one or two request hops to its coordinator, which answers from its own copy at once;
 * the others get the read after R and answer after S. The read sees the write if one of the
 * first R answers came from a replica that had the write when the read arrived there.
 *
 * Each trial gives the least t at which its read would see the write, so one set of trials
 * answers every t: the returned function is their empirical distribution function.
 */
export function warsVisibility(s: WarsSetting, trials: number, rng: Random): (t: number) => number {
  const thresholds = new Float64Array(trials);
  const cls = classes(s.latency);
  const n = s.locality.n;
  const written = new Float64Array(n);
  const acks = new Float64Array(n);
  const arrive = new Float64Array(n);
  const answer = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let trial = 0; trial < trials; trial++) {
    const commit = writePhase(s, cls, rng, written, acks);
    const own = readPhase(s, cls, rng, arrive, answer);
    order.sort((a, b) => answer[a]! - answer[b]!);
    let least = Infinity;
    // The coordinator's own answer is first; the rest of the quorum are the fastest others.
    for (let j = 0; j < (own >= 0 ? s.r - 1 : s.r); j++) {
      const i = order[j]!;
      least = Math.min(least, written[i]! - commit - arrive[i]!);
    }
    if (own >= 0) least = Math.min(least, written[own]! - commit - arrive[own]!);
    thresholds[trial] = least;
  }
  thresholds.sort();
  return (t) => upperBound(thresholds, t) / trials;
}

interface Classes {
  request: Distribution;
  write: Distribution;
  ack: Distribution;
  read: Distribution;
  response: Distribution;
}

function classes(l: LatencyConfig): Classes {
  return { request: l.default, write: l.write ?? l.default, ack: l.ack ?? l.default, read: l.read ?? l.default, response: l.response ?? l.default };
}

/** Fills when each replica gets the write (Infinity: never) and returns the commit time. */
function writePhase(s: WarsSetting, c: Classes, rng: Random, written: Float64Array, acks: Float64Array): number {
  const n = s.locality.n;
  const coordinator = s.locality.write ? drawReplica(s.locality.write, rng) : -1;
  for (let i = 0; i < n; i++) {
    written[i] = i === coordinator ? 0 : sample(c.write, rng);
    acks[i] = i === coordinator ? 0 : written[i]! + sample(c.ack, rng);
  }
  if (s.quorumOnly) keepWriteSet(n, s.w, coordinator, rng, written, acks);
  const sorted = Float64Array.from(acks).sort();
  return sorted[s.w - 1]!;
}

/** PBS's worst case: the write reaches its coordinator and W − 1 others (or W at random), no more. */
function keepWriteSet(n: number, w: number, coordinator: number, rng: Random, written: Float64Array, acks: Float64Array): void {
  const others = Array.from({ length: n }, (_, i) => i).filter((i) => i !== coordinator);
  rng.shuffle(others);
  const keep = new Set(others.slice(0, coordinator >= 0 ? w - 1 : w));
  for (let i = 0; i < n; i++) {
    if (i === coordinator || keep.has(i)) continue;
    written[i] = Infinity;
    acks[i] = Infinity;
  }
}

/**
 * Fills when the read reaches each replica and when its answer is back (relative to the read's
 * start); returns the coordinating replica, whose own answer is always among the first R, or -1.
 */
function readPhase(s: WarsSetting, c: Classes, rng: Random, arrive: Float64Array, answer: Float64Array): number {
  const n = s.locality.n;
  let own = -1;
  let start = 0;
  if (s.locality.read) {
    const entry = serverEntry(s.locality, rng);
    own = entry.replica;
    for (let h = 0; h < entry.hops; h++) start += sample(c.request, rng);
  }
  for (let i = 0; i < n; i++) {
    if (i === own) {
      arrive[i] = start;
      answer[i] = Infinity;
      continue;
    }
    arrive[i] = start + sample(c.read, rng);
    answer[i] = arrive[i]! + sample(c.response, rng);
  }
  return own;
}

/** Entries of the sorted array at most t. */
function upperBound(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

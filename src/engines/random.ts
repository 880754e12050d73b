/**
 * The project's one seeded generator. Engines never call Math.random: the same seed gives the same
 * stream, bit for bit, in Node and in every browser, because only 32-bit integer arithmetic is used.
 *
 * Two algorithms stand behind the one interface, chosen by name, because every run that is pinned
 * today (tests, benchmarks and the outcome of every share link) was drawn from one of them and must
 * stay reproducible:
 * - `sfc32` (Chris Doty-Humphrey's Small Fast Counting generator, 128 bits of state), seeded through
 *   splitmix32 from (seed, stream): independent streams from one seed. The Dynamo simulation uses it,
 *   and it is the choice for new engines.
 * - `mulberry32` (32 bits of state, one stream per seed): the LVars explorer's random schedules and
 *   law-check samples, the solver's generated networks and falsification restarts.
 */
export type GeneratorName = 'sfc32' | 'mulberry32';

export abstract class Random {
  /** A uniform 32-bit unsigned integer. */
  abstract uint32(): number;

  /** A uniform number in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform number in (0, 1]: safe under a logarithm. */
  nextOpen(): number {
    return (this.uint32() + 1) / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** Fisher-Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}

class Sfc32 extends Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    super();
    // splitmix32 spreads (seed, stream) over the state; sfc32 needs a few rounds to decorrelate.
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = 1;
    for (let i = 0; i < 16; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
}

class Mulberry32 extends Random {
  private state: number;

  constructor(seed: number, stream: number) {
    super();
    // Stream 0 is the plain Mulberry32 of `seed` (what every pinned run used).
    this.state = (stream === 0 ? seed : seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}

/** A generator of the named algorithm, seeded from (seed, stream). */
export function seededRandom(seed: number, generator: GeneratorName = 'sfc32', stream = 0): Random {
  return generator === 'sfc32' ? new Sfc32(seed, stream) : new Mulberry32(seed, stream);
}

/** Mulberry32 as a function returning uniform numbers in [0, 1): the form the LVars and solver engines draw from. */
export function mulberry32(seed: number): () => number {
  const random = new Mulberry32(seed, 0);
  return () => random.next();
}

import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../defaults.ts';
import { simRandom } from './random.ts';
import { Workload } from './operations.ts';
import { bisectRight } from '../../bisect.ts';
import { OP, popularityCdf, popularityGuide, popularityWeights, WorkloadGenerator } from './workload.ts';

/** False when the read throws (the operation was read after it started). */
function canRead(read: () => number): boolean {
  try {
    read();
    return true;
  } catch (e) {
    expect(String(e)).toMatch(/after it started/);
    return false;
  }
}

describe('workloads', () => {
  it('the guide table of a Zipf CDF: entry j is the first key above j / G, and keys drawn through it are those of a search of the whole CDF', () => {
    for (const keys of [1, 2, 3, 50, 1000, 4097]) {
      const w = { ...defaultConfig().workload, keys, requests: 20000, popularity: { kind: 'zipf' as const, exponent: 0.9 } };
      const cdf = popularityCdf(w.popularity, keys)!;
      const guide = popularityGuide(cdf);
      const size = guide.length - 1;
      expect(size & (size - 1)).toBe(0);
      expect(Array.from(guide)).toEqual(Array.from(guide, (_, j) => bisectRight(cdf, j / size)));
      // A one-entry guide [0, keys] makes every draw search the whole CDF.
      const guided = new WorkloadGenerator(w, 'register', simRandom(3, 2), 0, cdf, guide);
      const searched = new WorkloadGenerator(w, 'register', simRandom(3, 2), 0, cdf, Int32Array.of(0, keys));
      let differ = 0;
      for (let i = 0; i < w.requests; i++) {
        guided.next();
        searched.next();
        if (guided.key !== searched.key) differ++;
      }
      expect(differ).toBe(0);
    }
  });

  it('Zipf popularity: key frequencies match the weights', () => {
    const w = { ...defaultConfig().workload, keys: 50, requests: 100000, popularity: { kind: 'zipf' as const, exponent: 1 } };
    const load = new Workload(w, 'register', () => simRandom(3, 2));
    const counts = new Array<number>(50).fill(0);
    for (let i = 0; i < load.count; i++) counts[load.key(i)]!++;
    const weights = popularityWeights(w.popularity, 50);
    for (const k of [0, 1, 5, 49]) {
      const p = weights[k]!;
      expect(Math.abs(counts[k]! / load.count - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / load.count));
    }
  });

  it('an operation parked in its lane keeps its fields after its chunk is let go', () => {
    const w = { ...defaultConfig().workload, requests: 10000, clients: 5 };
    const load = new Workload(w, 'register', () => simRandom(5, 2));
    const fields = (i: number) => [load.key(i), load.client(i), load.op(i), load.item(i), load.pick(i)];
    const parked = fields(7);
    load.park(7);
    // The other operations start in order; once the last of the first chunk has, the chunk is let go.
    let end = -1;
    for (let i = 0; i < load.count && end < 0; i++) {
      if (i === 7) continue;
      fields(i);
      load.started(i);
      if (!canRead(() => load.key(i))) end = i;
    }
    expect(end).toBeGreaterThan(7);
    expect(canRead(() => load.key(end - 1))).toBe(false);
    expect(fields(7)).toEqual(parked);
    load.started(7);
    expect(canRead(() => load.key(7))).toBe(false);
  });

  it('a Poisson process: times ascend at the configured rate; a key is written only by its writers', () => {
    const w = { ...defaultConfig().workload, requests: 20000, ratePerSecond: 500, clients: 6, writersPerKey: 2 };
    const load = new Workload(w, 'register', () => simRandom(4, 2));
    for (let i = 1; i < load.count; i++) expect(load.time(i)).toBeGreaterThanOrEqual(load.time(i - 1));
    expect(load.lastTime / 1000).toBeGreaterThan((20000 / 500) * 0.97);
    expect(load.lastTime / 1000).toBeLessThan((20000 / 500) * 1.03);
    for (let i = 0; i < load.count; i++) {
      if (load.op(i) === OP.get) continue;
      const offset = (load.client(i) - load.key(i) + 6 * 1000) % 6;
      expect(offset).toBeLessThan(2);
    }
  });

  it('scripted operations are merged in time order with the generated ones', () => {
    const w = {
      ...defaultConfig().workload,
      requests: 3,
      ratePerSecond: 1,
      script: [
        { at: 5000, client: 1, key: 0, op: 'add' as const, item: 2 },
        { at: 0, client: 0, key: 0, op: 'get' as const, item: 0 },
      ],
    };
    const load = new Workload(w, 'items', () => simRandom(1, 2));
    expect(load.count).toBe(5);
    const times = Array.from({ length: load.count }, (_, i) => load.time(i));
    expect(times[0]).toBe(0);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
    const added = times.indexOf(5000);
    expect([load.op(added), load.item(added), load.client(added)]).toEqual([OP.add, 2, 1]);
  });
});

describe('the window of operations', () => {
  it('draws the same operations as a fresh stream and lets go of those that started', () => {
    const w = { ...defaultConfig().workload, requests: 20_000, ratePerSecond: 1000 };
    const run = new Workload(w, 'register', () => simRandom(7, 2));
    const fresh = new Workload(w, 'register', () => simRandom(7, 2));
    for (let i = 0; i < run.count; i++) {
      expect([run.time(i), run.key(i), run.client(i), run.op(i)]).toEqual([fresh.time(i), fresh.key(i), fresh.client(i), fresh.op(i)]);
      run.started(i);
    }
    expect(run.lastTime).toBe(fresh.time(fresh.count - 1));
    expect(() => run.key(0)).toThrow(/read after it started/);
  });
});

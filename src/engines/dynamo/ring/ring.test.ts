import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DynamoConfig, Strategy } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { keyPosition } from './hash.ts';
import { figure8 } from './partitioning.ts';
import { simRandom } from '../sim/random.ts';
import { addNode, buildRing, partitionShares, preferenceList, rangeOf, rangeWidth, removeNode, type Ring } from './ring.ts';

const spec = (strategy: Strategy, tokensPerNode = 4, partitions = 64) => ({ strategy, tokensPerNode, partitions });
const ring = (strategy: Strategy, nodes = 8, seed = 1, prefLen = 8) =>
  buildRing(spec(strategy), Array<number>(nodes).fill(1), nodes + 2, prefLen, simRandom(seed, 1));

/** The preference list walked by hand: owners of the tokens clockwise from where the walk starts, duplicates skipped. */
function walk(r: Ring, range: number, n: number): number[] {
  let t = range;
  if (r.strategy === 2) {
    t = r.tokens.findIndex((x) => x >= r.bounds[range]!);
    if (t < 0) t = 0;
  }
  const out: number[] = [];
  for (let i = 0; i < r.tokens.length && out.length < n; i++) {
    const owner = r.tokenOwner[(t + i) % r.tokens.length]!;
    if (!out.includes(owner)) out.push(owner);
  }
  return out;
}

// A describe block only lists its cases (each `it` is short); splitting it would only scatter them.
describe('the ring and preference lists (SOSP’07 §4.2, §4.3, §6.2)', () => {
  for (const strategy of [1, 2, 3] as const) {
    it(`strategy ${strategy}: a preference list is the first distinct nodes clockwise`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 3, max: 12 }), (seed, nodes) => {
          const r = ring(strategy, nodes, seed);
          for (let range = 0; range < r.bounds.length; range++) {
            const prefs = Array.from(preferenceList(r, range));
            expect(new Set(prefs).size).toBe(prefs.length);
            expect(prefs.length).toBe(Math.min(8, nodes));
            expect(prefs).toEqual(walk(r, range, 8));
          }
        }),
        { numRuns: 30 },
      );
    });
  }

  it('a key falls in the first range clockwise whose end is at or after it', () => {
    const r = ring(1);
    for (let key = 0; key < 500; key++) {
      const pos = keyPosition(key);
      const i = rangeOf(r, pos);
      expect(r.bounds[i]! >= pos || (i === 0 && pos > r.bounds[r.bounds.length - 1]!)).toBe(true);
      if (i > 0) expect(r.bounds[i - 1]!).toBeLessThan(pos);
    }
    const total = Array.from(r.bounds, (_, i) => rangeWidth(r, i)).reduce((s, x) => s + x, 0);
    expect(total).toBeCloseTo(1, 9);
  });

  it('heterogeneous capacities: a node of capacity 2 gets twice the tokens (strategy 1) or partitions (strategy 3)', () => {
    const caps = [1, 2, 1, 1];
    const r1 = buildRing(spec(1, 8), caps, 4, 3, simRandom(3, 1));
    const count = (r: Ring, node: number) => r.tokenOwner.filter((o) => o === node).length;
    expect([0, 1, 2, 3].map((n) => count(r1, n))).toEqual([8, 16, 8, 8]);
    const r3 = buildRing(spec(3, 0, 50), caps, 4, 3, simRandom(3, 1));
    expect([0, 1, 2, 3].map((n) => count(r3, n))).toEqual([10, 20, 10, 10]);
    expect([...partitionShares(7, [0, 1, 2], [1, 1, 1]).values()]).toEqual([3, 2, 2]);
  });

  it('strategy 3 keeps every node at Q/S partitions as nodes join and leave', () => {
    let r = ring(3, 8, 5);
    const rng = simRandom(5, 9);
    r = addNode(r, spec(3), 8, 1, 8, rng);
    const shares = (x: Ring) => x.members.map((m) => x.tokenOwner.filter((o) => o === m).length);
    expect(Math.max(...shares(r)) - Math.min(...shares(r))).toBeLessThanOrEqual(1);
    expect(shares(r).reduce((s, x) => s + x, 0)).toBe(64);
    r = removeNode(r, 3, 8, rng);
    expect(r.members).not.toContain(3);
    expect(Math.max(...shares(r)) - Math.min(...shares(r))).toBeLessThanOrEqual(1);
    expect(r.version).toBe(2);
  });

  it('strategy 1: a joining node takes over only ranges next to its own tokens, so most keys stay put', () => {
    const before = ring(1, 8, 7, 3);
    const after = addNode(before, spec(1), 8, 1, 3, simRandom(7, 2));
    let moved = 0;
    for (let key = 0; key < 2000; key++) {
      const a = Array.from(preferenceList(before, rangeOf(before, keyPosition(key))));
      const b = Array.from(preferenceList(after, rangeOf(after, keyPosition(key))));
      if (a.join() !== b.join()) {
        moved++;
        expect(b).toContain(8);
      }
    }
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(2000 * 0.6);
  });

  it('Figure 8: with S = 30 and N = 3, strategy 3 balances best and strategy 2 worst, at every metadata size', () => {
    const cfg: DynamoConfig = defaultConfig();
    cfg.cluster.nodes = 30;
    cfg.quorum.n = 3;
    for (const seed of [1, 2, 3]) {
      const f = figure8(cfg, seed);
      f.metadata.forEach((_, i) => {
        expect(f.efficiency[3][i]!).toBeGreaterThan(f.efficiency[1][i]!);
        expect(f.efficiency[1][i]!).toBeGreaterThan(f.efficiency[2][i]!);
      });
      // More metadata buys balance under the random-token strategies.
      expect(f.efficiency[1].at(-1)!).toBeGreaterThan(f.efficiency[1][0]!);
    }
  });
});

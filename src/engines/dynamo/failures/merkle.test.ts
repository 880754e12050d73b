import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTree, diffTrees, leafOf } from './merkle.ts';

const entries = fc.dictionary(fc.integer({ min: 0, max: 500 }).map(String), fc.integer({ min: 1, max: 2 ** 32 - 1 }), { maxKeys: 80 });
const pairs = (d: Record<string, number>) => Object.entries(d).map(([k, v]) => [Number(k), v] as const);

describe('Merkle trees for anti-entropy (SOSP’07 §4.7)', () => {
  it('identical replicas are settled by comparing the roots alone', () => {
    fc.assert(
      fc.property(entries, fc.integer({ min: 0, max: 8 }), (d, depth) => {
        const a = buildTree(pairs(d), depth);
        const b = buildTree([...pairs(d)].reverse(), depth);
        expect(diffTrees(a, b)).toEqual({ compared: 1, leaves: [] });
      }),
    );
  });

  it('the differing leaves are exactly those holding a key that differs', () => {
    fc.assert(
      fc.property(entries, entries, fc.integer({ min: 1, max: 8 }), (da, db, depth) => {
        const { compared, leaves } = diffTrees(buildTree(pairs(da), depth), buildTree(pairs(db), depth));
        const keys = new Set([...Object.keys(da), ...Object.keys(db)].map(Number));
        const expected = new Set<number>();
        for (const k of keys) if (da[k] !== db[k]) expected.add(leafOf(k, depth));
        // A hash collision could hide a difference; with 32-bit digests and these sizes it does not happen.
        expect(leaves).toEqual([...expected].sort((x, y) => x - y));
        expect(compared).toBeLessThanOrEqual(2 ** (depth + 1) - 1);
        if (expected.size > 0) expect(compared).toBeGreaterThanOrEqual(1 + depth);
      }),
    );
  });

  it('one changed key costs one path of comparisons, not the whole tree', () => {
    const base = Array.from({ length: 1000 }, (_, k) => [k, k + 1] as const);
    const changed = base.map(([k, v]) => [k, k === 123 ? v + 7 : v] as const);
    const { compared, leaves } = diffTrees(buildTree(base, 10), buildTree(changed, 10));
    expect(leaves).toEqual([leafOf(123, 10)]);
    expect(compared).toBe(1 + 2 * 10);
  });
});

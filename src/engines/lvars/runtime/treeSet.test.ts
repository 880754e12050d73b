import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TreeSet } from './treeSet.ts';
import { compareValues, makeSet, setInsertEditing, setSize, setUnion, valueKey, type SetValue } from './values.ts';

describe('the persistent tree set', () => {
  it('inserting one element at a time gives the sorted set, and every earlier version is unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -500, max: 500 }), { maxLength: 400 }), (xs) => {
        let s: SetValue = { tag: 'set', items: [] };
        const versions: [SetValue, string][] = [];
        for (const x of xs) {
          s = setUnion(s, { tag: 'set', items: [x] });
          versions.push([s, valueKey(makeSet([...s.items]))]);
        }
        expect(s.items).toEqual(makeSet(xs).items);
        expect(setSize(s)).toBe(new Set(xs).size);
        for (const [v, key] of versions) expect(valueKey(makeSet([...v.items]))).toBe(key);
      }),
      { numRuns: 60, seed: 14 },
    );
  });

  it('a large set grows as a tree, and inserting an element already present returns the same set', () => {
    const big = TreeSet.of(Array.from({ length: 5000 }, (_, i) => 2 * i));
    const grown = big.insert(7, compareValues);
    expect(grown).toBeInstanceOf(TreeSet);
    expect(grown.size).toBe(5001);
    expect(grown.items.slice(0, 6)).toEqual([0, 2, 4, 6, 7, 8]);
    expect(grown.insert(7, compareValues)).toBe(grown);
    expect(big.items.length).toBe(5000);
  });

  it('under an edit, inserting changes only what the edit made: sets from before it, or from an earlier edit, stay as they were', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -300, max: 300 }), { maxLength: 300 }), fc.array(fc.integer({ min: -300, max: 300 }), { maxLength: 300 }), (xs, ys) => {
        let s: SetValue = makeSet(xs.slice(0, 40));
        for (const x of xs.slice(40)) s = setUnion(s, { tag: 'set', items: [x] });
        const before = valueKey(makeSet([...s.items]));
        const edit = {};
        let t = s;
        const half = ys.length >> 1;
        for (const y of ys.slice(0, half)) t = setInsertEditing(t, y, edit);
        // A later edit: what the first one made is persistent again.
        const sealed = valueKey(makeSet([...t.items]));
        let u = t;
        for (const y of ys.slice(half)) u = setInsertEditing(u, y, {});
        expect(valueKey(makeSet([...s.items]))).toBe(before);
        expect(valueKey(makeSet([...t.items]))).toBe(sealed);
        expect(u.items).toEqual(makeSet([...xs, ...ys]).items);
        expect(setSize(u)).toBe(new Set([...xs, ...ys]).size);
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});

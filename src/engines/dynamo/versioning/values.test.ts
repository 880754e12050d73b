import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reconciliation } from '../config.ts';
import { apply, EMPTY_VALUE, reconcile, visibleItems, type Value } from './values.ts';
import type { Version } from './versions.ts';

const v = (value: Value, id: number, time = id): Version => ({ clock: [id, 1, 0], value, id, time, writer: 0 });
const items = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 6 }).map((xs) => xs.sort((a, b) => a - b));
const twoPhase = fc.tuple(items, items).map(([added, removed]): Value => ({ n: 0, items: added, removed, element: null }));
const same = (a: Value, b: Value) => expect([a.n, [...a.items], [...a.removed]]).toEqual([b.n, [...b.items], [...b.removed]]);
const join = (policy: Reconciliation, a: Value, b: Value) => reconcile(policy, [v(a, 1), v(b, 2)]);

describe('semantic reconciliation', () => {
  it('the shopping cart merges by union, so a deleted item comes back (SOSP’07 §4.4)', () => {
    const policy = 'shopping-cart';
    const both = apply(policy, apply(policy, EMPTY_VALUE, { op: 'add', item: 1 }), { op: 'add', item: 2 });
    const deleted = apply(policy, both, { op: 'remove', item: 2 });
    const added = apply(policy, both, { op: 'add', item: 3 });
    expect(visibleItems(policy, reconcile(policy, [v(deleted, 1), v(added, 2)]))).toEqual([1, 2, 3]);
  });

  it('the two-phase-set lattice keeps the deletion through the merge', () => {
    const policy = 'lattice-two-phase-set';
    const both = apply(policy, apply(policy, EMPTY_VALUE, { op: 'add', item: 1 }), { op: 'add', item: 2 });
    const deleted = apply(policy, both, { op: 'remove', item: 2 });
    const added = apply(policy, both, { op: 'add', item: 3 });
    expect(visibleItems(policy, reconcile(policy, [v(deleted, 1), v(added, 2)]))).toEqual([1, 3]);
  });

  it('last-write-wins keeps the latest timestamp, ties broken by write order', () => {
    const a: Value = { n: 7, items: [], removed: [], element: null };
    const b: Value = { n: 9, items: [], removed: [], element: null };
    expect(reconcile('last-write-wins', [v(a, 1, 50), v(b, 2, 40)]).n).toBe(7);
    expect(reconcile('last-write-wins', [v(a, 1, 50), v(b, 2, 50)]).n).toBe(9);
  });

  it('the lattices’ merges are joins: commutative, associative, idempotent', () => {
    fc.assert(
      fc.property(twoPhase, twoPhase, twoPhase, (a, b, c) => {
        const p = 'lattice-two-phase-set';
        same(join(p, a, b), join(p, b, a));
        same(join(p, join(p, a, b), c), join(p, a, join(p, b, c)));
        same(join(p, a, a), a);
      }),
    );
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (x, y, z) => {
        const p = 'lattice-max';
        const val = (n: number): Value => ({ n, items: [], removed: [], element: null });
        expect(join(p, val(x), val(y)).n).toBe(Math.max(x, y));
        expect(join(p, join(p, val(x), val(y)), val(z)).n).toBe(join(p, val(x), join(p, val(y), val(z))).n);
      }),
    );
  });

  it('two-phase-set operations are inflationary: the join with the old value is the new value', () => {
    fc.assert(
      fc.property(twoPhase, fc.integer({ min: 0, max: 9 }), fc.boolean(), (a, item, add) => {
        const p = 'lattice-two-phase-set';
        const b = apply(p, a, add ? { op: 'add', item } : { op: 'remove', item });
        same(join(p, a, b), b);
      }),
    );
  });
});

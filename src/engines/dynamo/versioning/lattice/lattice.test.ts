import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../contract.ts';
import type { LatticeKind } from '../../config.ts';
import { defaultLattice } from '../../defaults.ts';
import { stateKey, type State } from '../../../lvars/lattice/lattice.ts';
import { runs } from '../../../../testing/depth.ts';
import { replicatedLattice } from './index.ts';
import type { LatticeOp, ReplicatedLattice } from './replicated.ts';
import { LATTICE_KINDS } from './kinds.ts';

const lattice = (kind: LatticeKind, source = defaultLattice().source): ReplicatedLattice =>
  replicatedLattice({ ...defaultLattice(), values: 'lattice', kind, source })!;

const op: fc.Arbitrary<LatticeOp> = fc.oneof(
  fc.constant<LatticeOp>({ op: 'increment' }),
  fc.constant<LatticeOp>({ op: 'decrement' }),
  fc.integer({ min: 0, max: 4 }).map((item): LatticeOp => ({ op: 'add', item })),
  fc.integer({ min: 0, max: 4 }).map((item): LatticeOp => ({ op: 'remove', item })),
  fc.integer({ min: 1, max: 40 }).map((id): LatticeOp => ({ op: 'put', id })),
);
/** A reachable state: updates by random actors (nodes 0-3) from bottom, each with a fresh tag. */
const state = (lat: ReplicatedLattice) =>
  fc.array(fc.tuple(op, fc.integer({ min: 0, max: 3 })), { maxLength: 8 }).map((steps) =>
    steps.reduce<State>((s, [o, actor], i) => lat.update(s, o, actor, 1000 * actor + i), lat.lattice.bottom),
  );
const same = (a: State, b: State) => expect(stateKey(a)).toBe(stateKey(b));

describe('replicated lattices (the LVars lab’s, merged by join)', () => {
  it.each(LATTICE_KINDS)('%s: join is commutative, associative, idempotent, with bottom as identity; updates only inflate', (kind) => {
    const lat = lattice(kind);
    const { join, leq, bottom } = lat.lattice;
    const s = state(lat);
    fc.assert(
      fc.property(s, s, s, op, fc.integer({ min: 0, max: 3 }), (a, b, c, o, actor) => {
        same(join(a, b), join(b, a));
        same(join(join(a, b), c), join(a, join(b, c)));
        same(join(a, a), a);
        same(join(bottom, a), a);
        expect(leq(a, lat.update(a, o, actor, 99_999))).toBe(true);
      }),
      { numRuns: runs(150, 2000), seed: 15 },
    );
  });

  it('a counter’s concurrent increments at different nodes all count; one node’s own entry only grows', () => {
    for (const kind of ['g-counter', 'pn-counter'] as const) {
      const lat = lattice(kind);
      const start = lat.update(lat.lattice.bottom, { op: 'increment' }, 0, 1);
      // Three replicas increment the same state concurrently, then merge in any order.
      const branches = [0, 1, 2].map((actor) => lat.update(start, { op: 'increment' }, actor, actor + 2));
      const merged = branches.reduce((s, b) => lat.lattice.join(s, b));
      expect(lat.observe(merged).n).toBe(4);
      // Under a register, the same three writes would keep one: 2, not 4.
    }
    const pn = lattice('pn-counter');
    const down = pn.update(pn.update(pn.lattice.bottom, { op: 'increment' }, 0, 1), { op: 'decrement' }, 1, 2);
    expect(pn.observe(down).n).toBe(0);
  });

  it('a 2P-set’s removal sticks against a concurrent add; an OR-set keeps the add it had not seen', () => {
    const added = (lat: ReplicatedLattice) => lat.update(lat.lattice.bottom, { op: 'add', item: 3 }, 0, 1);
    for (const [kind, visible] of [['two-phase-set', []], ['or-set', [3]]] as const) {
      const lat = lattice(kind);
      const base = added(lat);
      const removed = lat.update(base, { op: 'remove', item: 3 }, 0, 2);
      const readded = lat.update(base, { op: 'add', item: 3 }, 1, 3);
      expect(lat.observe(lat.lattice.join(removed, readded)).items).toEqual(visible);
      expect(lat.observe(removed).items).toEqual([]);
    }
  });

  it('refuses a declared lattice whose laws fail, with the law checker’s counterexample', () => {
    const lawless = 'lattice Avg { bottom: 0, join: fn(a, b) { (a + b) / 2 } }';
    expect(() => lattice('user', lawless)).toThrow(InputError);
    expect(() => lattice('user', lawless)).toThrow(/Avg is not a lattice.*Not associative: join\(join\(/);
    expect(() => lattice('user', 'let x = 1; x')).toThrow(/declares no lattice/);
    expect(() => lattice('user', 'lattice L { bottom: ')).toThrow(/lattice.source/);
    expect(() => lattice('user', 'lattice U { bottom: {}, join: union }')).toThrow(/Declare a carrier/);
  });

  it('a declared lattice joins its carrier’s elements; its threshold is the element’s', () => {
    const lat = lattice('user');
    const s = lat.update(lat.lattice.bottom, { op: 'put', id: 7 }, 0, 7);
    // carrier {0..4}: id 7 joins element 7 mod 5 = 2
    expect(lat.observe(s).n).toBe(2);
    expect(lat.passes(s, 2)).toBe(true);
    expect(lat.passes(s, 3)).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_VALUE } from './values.ts';
import { compare, ORDER, type VectorClock } from './vectorClock.ts';
import { addVersion, covers, mergeSiblings, missingFrom, NO_VERSIONS, sameSiblings, siblingsDigest, type Siblings, type Version } from './versions.ts';

const clockArb: fc.Arbitrary<VectorClock> = fc
  .uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 4 })
  .chain((nodes) => fc.tuple(...nodes.sort((a, b) => a - b).map((n) => fc.integer({ min: 1, max: 3 }).map((c) => [n, c, 0]))))
  .map((pairs) => pairs.flat());

let nextId = 1;
const version = (clock: VectorClock): Version => ({ clock, value: EMPTY_VALUE, id: nextId++, time: 0, writer: 0 });
const versionsArb = fc.array(clockArb, { maxLength: 8 }).map((clocks) => clocks.map(version));
const build = (vs: Version[]): Siblings => vs.reduce<Siblings>(addVersion, NO_VERSIONS);

describe('syntactic reconciliation (SOSP’07 §4.4)', () => {
  it('keeps an antichain: no sibling descends from another', () => {
    fc.assert(
      fc.property(versionsArb, (vs) => {
        const s = build(vs);
        for (const a of s) for (const b of s) if (a !== b) expect(compare(a.clock, b.clock)).toBe(ORDER.concurrent);
      }),
    );
  });

  it('forgets nothing: every version added is covered by the result', () => {
    fc.assert(
      fc.property(versionsArb, (vs) => {
        const s = build(vs);
        for (const v of vs) expect(covers(s, v.clock)).toBe(true);
      }),
    );
  });

  it('merging sibling sets is commutative, associative and idempotent (as sets of clocks)', () => {
    fc.assert(
      fc.property(versionsArb, versionsArb, versionsArb, (x, y, z) => {
        const a = build(x);
        const b = build(y);
        const c = build(z);
        expect(sameSiblings(mergeSiblings(a, b), mergeSiblings(b, a))).toBe(true);
        expect(sameSiblings(mergeSiblings(mergeSiblings(a, b), c), mergeSiblings(a, mergeSiblings(b, c)))).toBe(true);
        expect(sameSiblings(mergeSiblings(a, a), a)).toBe(true);
      }),
    );
  });

  it('returns the same array when nothing changes, and reports what a replica misses', () => {
    const old = version([0, 1, 0]);
    const newer = version([0, 2, 0]);
    const s = addVersion(NO_VERSIONS, newer);
    expect(addVersion(s, old)).toBe(s);
    expect(missingFrom([old], s)).toEqual([newer]);
    expect(missingFrom(s, [old])).toEqual([]);
  });

  it('digests sibling sets independently of order', () => {
    fc.assert(
      fc.property(versionsArb, (vs) => {
        const s = build(vs);
        expect(siblingsDigest(s)).toBe(siblingsDigest([...s].reverse()));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { VersionRecord } from '../../engines/dynamo/measure/traceRecorder.ts';
import { increment, merge, EMPTY_CLOCK } from '../../engines/dynamo/versioning/vectorClock.ts';
import { readOutcome, versionGraph } from './versionGraph.ts';

const v = (id: number, clock: readonly number[], items: number[], removed: number[] = []): VersionRecord => ({
  id,
  key: 0,
  clock: [...clock],
  value: { n: 0, items, removed },
  time: id,
  writer: 0,
  coordinator: 0,
});

describe('the version graph', () => {
  // The paper's Figure 3: D1, D2 by Sx; D3 by Sy and D4 by Sz, concurrent; D5 reconciles them at Sx.
  const d1 = increment(EMPTY_CLOCK, 0, 1);
  const d2 = increment(d1, 0, 2);
  const d3 = increment(d2, 1, 3);
  const d4 = increment(d2, 2, 4);
  const d5 = increment(merge(d3, d4), 0, 5);
  const history = [v(1, d1, [1]), v(2, d2, [1, 2]), v(3, d3, [1]), v(4, d4, [1, 2, 3]), v(5, d5, [1, 2, 3, 4])];

  it('draws Figure 3: a chain, a fork into siblings, and a merge with two parents', () => {
    const g = versionGraph(history);
    expect(g.map((n) => n.parents)).toEqual([[], [1], [2], [2], [3, 4]]);
    expect(g.map((n) => n.layer)).toEqual([0, 1, 2, 2, 3]);
    expect(g[2]!.lane).not.toBe(g[3]!.lane);
    expect(g.map((n) => n.frontier)).toEqual([false, false, false, false, true]);
  });

  it("a page of the history keeps the whole history's parents and frontier: a merge shown without one of its parents is still a merge", () => {
    const latest = versionGraph(history, 3);
    expect(latest.map((n) => n.v.id)).toEqual([4, 5]);
    expect(latest.map((n) => n.parents)).toEqual([[2], [3, 4]]);
    // Laid out over the versions drawn: the page starts at the top.
    expect(latest.map((n) => n.layer)).toEqual([0, 1]);
    expect(latest.map((n) => n.lane)).toEqual([0, 0]);
    // An earlier page: its last version is not the latest of the history.
    const earlier = versionGraph(history, 0, 3);
    expect(earlier.map((n) => n.frontier)).toEqual([false, false, false]);
    expect(earlier.map((n) => n.layer)).toEqual([0, 1, 2]);
  });

  it('finds the same parents whatever order the history is listed in', () => {
    const shuffled = [history[4]!, history[1]!, history[3]!, history[0]!, history[2]!];
    const byId = new Map(versionGraph(shuffled).map((n) => [n.v.id, n.parents]));
    expect([1, 2, 3, 4, 5].map((id) => byId.get(id))).toEqual([[], [1], [2], [2], [3, 4]]);
  });

  it('a shopping-cart merge brings a deleted item back; a two-phase set keeps it deleted', () => {
    const cart = readOutcome('shopping-cart', [history[2]!, history[3]!], history);
    expect(cart.items).toEqual([1, 2, 3]);
    expect(cart.resurrected).toEqual([2]);
    const tp = [v(1, d1, [1]), v(2, d2, [1, 2]), v(3, d3, [1, 2], [2]), v(4, d4, [1, 2, 3])];
    const lattice = readOutcome('lattice-two-phase-set', [tp[2]!, tp[3]!], tp);
    expect(lattice.items).toEqual([1, 3]);
    expect(lattice.resurrected).toEqual([]);
    expect(lattice.stayDeleted).toEqual([2]);
  });
});

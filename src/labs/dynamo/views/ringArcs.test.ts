import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../engines/dynamo/defaults.ts';
import { previewRing } from '../../../engines/dynamo/ring/initialRing.ts';
import { rangeOf } from '../../../engines/dynamo/ring/ring.ts';
import { MAX_DRAWN, ringArcs } from './ringArcs.ts';

const ring = (nodes: number, tokensPerNode: number, strategy: 1 | 2 | 3 = 1, partitions = 64) => {
  const c = defaultConfig();
  c.cluster = { ...c.cluster, nodes, tokensPerNode, strategy, partitions };
  return previewRing(c, 7);
};
const TAU = 2 * Math.PI;

describe('the ring band', () => {
  it('draws every key range of a small ring, coloured by its coordinator', () => {
    const r = ring(8, 4);
    const { arcs, summarised, ticks } = ringArcs(r);
    expect(summarised).toBe(false);
    expect(arcs).toHaveLength(r.bounds.length);
    expect(ticks).toHaveLength(r.tokens.length);
    arcs.forEach((a) => expect(a.owner).toBe(r.prefs[a.range * r.prefLen]));
    expect(arcs.reduce((s, a) => s + (a.a1 - a.a0), 0)).toBeCloseTo(TAU, 6);
  });

  it('summarises a ring of more ranges than it draws into a bounded number of arcs, without token ticks', () => {
    const r = ring(64, 64);
    const { arcs, summarised, ticks } = ringArcs(r);
    expect(summarised).toBe(true);
    expect(arcs.length).toBeLessThanOrEqual(MAX_DRAWN);
    expect(ticks).toHaveLength(0);
    expect(arcs.reduce((s, a) => s + (a.a1 - a.a0), 0)).toBeCloseTo(TAU, 6);
    // An arc of one sample names the coordinator at its middle.
    for (const a of arcs.filter((x) => Math.abs(x.a1 - x.a0 - TAU / MAX_DRAWN) < 1e-9).slice(0, 50)) {
      const mid = ((a.a0 + a.a1) / 2 + Math.PI / 2) / TAU;
      const pos = Math.floor((((mid % 1) + 1) % 1) * 4294967296);
      expect(a.owner).toBe(r.prefs[rangeOf(r, pos) * r.prefLen]);
    }
  });

  it('merges neighbouring samples with the same coordinator (strategy 3, few nodes)', () => {
    const r = ring(2, 1, 3, 8192);
    const { arcs, summarised } = ringArcs(r);
    expect(summarised).toBe(true);
    expect(arcs.length).toBeLessThan(MAX_DRAWN);
    for (let i = 1; i < arcs.length; i++) expect(arcs[i]!.owner).not.toBe(arcs[i - 1]!.owner);
  });
});

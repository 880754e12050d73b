import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layeredLayout, type LayoutInput } from './layered.ts';

const OPTIONS = { layerGap: 40, nodeGap: 12, padding: 8 };

/** Random DAGs: edges only go from a lower id to a higher one. */
const dag = fc
  .integer({ min: 1, max: 14 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 30 }),
      widths: fc.array(fc.integer({ min: 20, max: 120 }), { minLength: n, maxLength: n }),
    }),
  )
  .map(({ n, edges, widths }): LayoutInput => ({
    nodes: Array.from({ length: n }, (_, id) => ({ id, width: widths[id]!, height: 24 })),
    edges: edges.filter(([a, b]) => a < b).map(([from, to]) => ({ from, to })),
  }));

describe('layered layout', () => {
  it('every edge goes left to right, through one point per layer it skips', () => {
    fc.assert(
      fc.property(dag, (g) => {
        const layout = layeredLayout(g, OPTIONS);
        for (const e of layout.edges) {
          const a = layout.nodes.get(e.from)!;
          const b = layout.nodes.get(e.to)!;
          expect(b.layer).toBeGreaterThan(a.layer);
          expect(e.points.length).toBe(b.layer - a.layer + 1);
          for (let i = 1; i < e.points.length; i++) expect(e.points[i]![0]).toBeGreaterThan(e.points[i - 1]![0]);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('nodes of one layer never overlap, and everything lies inside the drawing', () => {
    fc.assert(
      fc.property(dag, (g) => {
        const layout = layeredLayout(g, OPTIONS);
        const nodes = [...layout.nodes.values()];
        for (const a of nodes) {
          expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
          expect(a.y - a.height / 2).toBeGreaterThanOrEqual(-1e-9);
          expect(a.x + a.width / 2).toBeLessThanOrEqual(layout.width + 1e-9);
          expect(a.y + a.height / 2).toBeLessThanOrEqual(layout.height + 1e-9);
          for (const b of nodes) {
            if (a.id >= b.id || a.layer !== b.layer) continue;
            expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual((a.height + b.height) / 2 + OPTIONS.nodeGap - 1e-9);
          }
        }
      }),
      { numRuns: 80 },
    );
  });

  it('an input sits just before its first use, and a chain is drawn straight', () => {
    // a -> m1 -> m2 -> m3, and b used only by m3: b moves next to m3 instead of waiting at the left.
    const layout = layeredLayout(
      {
        nodes: [0, 1, 2, 3, 4].map((id) => ({ id, width: 40, height: 24 })),
        edges: [
          { from: 0, to: 1 },
          { from: 1, to: 2 },
          { from: 2, to: 3 },
          { from: 4, to: 3 },
        ],
      },
      OPTIONS,
    );
    expect(layout.nodes.get(4)!.layer).toBe(2);
    expect(layout.nodes.get(0)!.y).toBeCloseTo(layout.nodes.get(1)!.y);
    expect(layout.nodes.get(1)!.y).toBeCloseTo(layout.nodes.get(2)!.y);
  });
});

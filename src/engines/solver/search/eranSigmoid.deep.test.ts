import { describe, expect, it } from 'vitest';
import { NodeKind } from '../trace/tree.ts';
import { solveAndCheckEran } from '../testkit/eran.ts';

/**
 * eran's sigmoid network (6 layers of 200): robustness proved from sound bounds with optimised
 * tangent points (about 5 CPU-seconds: in the deep run), the proof checked against sampled points.
 */
describe('eran ffnnSIGMOID__Point_6x200 (deep)', () => {
  it('proves a robust instance, the answer checked on sampled points', async () => {
    const { summary, trace } = await solveAndCheckEran('ffnnSIGMOID__Point_6x200.onnx', 'mnist_spec_idx_7167_eps_0.01200.vnnlib', 200);
    expect(summary.verdict).toBe('holds');
    for (let n = 0; n < trace.tree.count; n++) expect([NodeKind.root, NodeKind.case, NodeKind.range]).toContain(trace.tree.kind[n]);
  });
});

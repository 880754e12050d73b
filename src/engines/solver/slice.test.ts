import { describe, expect, it } from 'vitest';
import { createRunContext } from '../runContext.ts';
import { generateNetwork } from './model/generate.ts';
import { argmin, evaluateModel } from './model/network.ts';
import { sliceEngine } from './slice.ts';

describe('input-space slice', () => {
  it('colours each cell by the advisory the network gives at its centre, top row first', () => {
    const spec = { preset: 'mini-acas' as const, seed: 7, hidden: [16, 16], activation: 'relu' as const };
    const model = generateNetwork(spec);
    const fixed = [0, 0, 0.5, 650, 600];
    const result = sliceEngine.run({ network: { kind: 'generated', spec }, units: 'original', x: 0, y: 1, xRange: [0, 20000], yRange: [-Math.PI, Math.PI], fixed, resolution: 16 }, 0, createRunContext());
    const grid = (result as { trace: { advisory: Uint8Array } }).trace.advisory;
    expect(grid).toHaveLength(256);
    for (const [row, col] of [[0, 0], [3, 7], [8, 8], [15, 15]] as const) {
      const x = ((col + 0.5) / 16) * 20000;
      const y = Math.PI - ((row + 0.5) / 16) * 2 * Math.PI;
      expect(grid[row * 16 + col]).toBe(argmin(evaluateModel(model, [x, y, 0.5, 650, 600])));
    }
    // The trained rule turns away from a near intruder ahead: not everything is clear of conflict.
    expect(new Set(grid).size).toBeGreaterThan(1);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEEP } from '../../../testing/depth.ts';
import { sharedDataDir } from '../../../testing/sharedData.ts';
import { createRunContext } from '../../runContext.ts';
import { acasInstances, acasNetworkFile, acasProperty } from './acas.ts';
import type { Strategy } from '../config.ts';
import { engine } from '../engine.ts';
import { parseNnet } from './nnet.ts';
import { parseOnnx } from './onnx/lower.ts';
import { networkToOnnx } from '../testkit/onnxWriter.ts';

const text = (a: number, b: number) => readFileSync(join(sharedDataDir(), 'acasxu', acasNetworkFile(a, b)), 'utf8');

async function verify(a: number, b: number, property: number, strategy: Strategy = 'symbolic') {
  const result = await engine.run(
    {
      network: { kind: 'file', name: acasNetworkFile(a, b), format: 'nnet', sha256: '0'.repeat(64), size: 0 },
      networkData: { text: text(a, b) },
      property: acasProperty(property).text,
      units: 'original',
      strategy,
      timeoutSeconds: 1e6,
      attack: true,
      splitThreshold: 5,
      tightening: 'symbolic',
    },
    1,
    createRunContext({ maxSteps: 2_000_000, maxMillis: 1e9 }),
  );
  return result.summary;
}

/**
 * A handful of the standard instances. A "violated" answer certifies itself (the counterexample is
 * re-evaluated with interval arithmetic against the property as written, checked again here); for
 * "holds" the expected answers are the published ones: Katz et al., CAV 2017, Table 2 (property 1
 * holds on every network, property 10 on N(4,5)), and the VNN-COMP 2021 ACAS Xu results
 * (properties 3 and 4 hold on N(2,2)).
 */
describe('ACAS Xu', () => {
  it('the standard benchmark set has 186 instances', () => {
    const all = acasInstances();
    expect(all).toHaveLength(186);
    expect(all.filter((i) => i.property <= 4)).toHaveLength(180);
  });

  // N(4,5) property 10 takes several seconds: it runs in `npm run test:deep`.
  const instances: (readonly [number, number, number, 'holds' | 'violated'])[] = [
    [1, 1, 1, 'holds'],
    [2, 2, 3, 'holds'],
    [2, 2, 4, 'holds'],
    [2, 1, 2, 'violated'],
    [1, 7, 3, 'violated'],
    [1, 9, 4, 'violated'],
    ...(DEEP ? ([[4, 5, 10, 'holds']] as const) : []),
  ];
  it.each(instances)('N(%i,%i), property %i: %s', async (a, b, p, expected) => {
    const summary = await verify(a, b, p);
    expect(summary.verdict).toBe(expected);
    if (expected === 'holds') expect(summary.stats.covered).toBe(1);
    if (summary.counterexample) {
      const { input, outputs } = summary.counterexample;
      expect(summary.counterexample.margin).toBeGreaterThanOrEqual(0);
      // Independently of the certificate: the input is in the property's box and breaks it.
      const box = {
        2: [[55947.691, 60760], [-Math.PI, Math.PI], [-Math.PI, Math.PI], [1145, 1200], [0, 60]],
        3: [[1500, 1800], [-0.06, 0.06], [3.1, Math.PI], [980, 1200], [960, 1200]],
        4: [[1500, 1800], [-0.06, 0.06], [0, 0], [1000, 1200], [700, 800]],
      }[p as 2 | 3 | 4];
      input.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(box[i]![0]!);
        expect(v).toBeLessThanOrEqual(box[i]![1]!);
      });
      const coc = outputs[0]!;
      if (p === 2) expect(outputs.every((y) => coc >= y)).toBe(true);
      else expect(outputs.every((y) => coc <= y)).toBe(true);
    }
  });

  it('an ONNX export of the same network, with a VNN-COMP-style property in network units, gets the same answers', async () => {
    const bytes = networkToOnnx(parseNnet(text(2, 1)).network, 'gemm');
    expect(parseOnnx(bytes).network.layers).toHaveLength(7);
    const box = '(assert (>= X_0 0.6))(assert (<= X_0 0.679857769))(assert (>= X_1 -0.5))(assert (<= X_1 0.5))(assert (>= X_2 -0.5))(assert (<= X_2 0.5))(assert (>= X_3 0.45))(assert (<= X_3 0.5))(assert (>= X_4 -0.5))(assert (<= X_4 -0.45))';
    const declarations = [0, 1, 2, 3, 4].map((i) => `(declare-const X_${i} Real)(declare-const Y_${i} Real)`).join('');
    const run = (property: string) =>
      engine.run(
        { network: { kind: 'file', name: 'N21.onnx', format: 'onnx', sha256: '0'.repeat(64), size: bytes.length }, networkData: { bytes }, property, units: 'network', strategy: 'symbolic', timeoutSeconds: 1e6, attack: true, splitThreshold: 5, tightening: 'symbolic' },
        1,
        createRunContext({ maxSteps: 1_000_000, maxMillis: 1e9 }),
      );
    // Property 1 (COC ≥ 1500 de-normalised is Y_0 ≥ 3.9911…) holds; property 2 (COC maximal) does not.
    expect((await run(`${declarations}${box}(assert (>= Y_0 3.991125645861615))`)).summary.verdict).toBe('holds');
    const p2 = (await run(`${declarations}${box}(assert (>= Y_0 Y_1))(assert (>= Y_0 Y_2))(assert (>= Y_0 Y_3))(assert (>= Y_0 Y_4))`)).summary;
    expect(p2.verdict).toBe('violated');
    expect(p2.counterexample!.outputs.every((y) => p2.counterexample!.outputs[0]! >= y)).toBe(true);
  });
});

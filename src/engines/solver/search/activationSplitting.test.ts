import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../testing/sharedData.ts';
import { createRunContext } from '../../runContext.ts';
import type { SolverRequest } from '../config.ts';
import { engine } from '../engine.ts';
import { parseOnnx } from '../formats/onnx/lower.ts';
import { parseVnnlib } from '../formats/vnnlib.ts';
import { evaluateModel } from '../model/network.ts';
import { mulberry32 } from '../../random.ts';
import { NodeKind } from '../trace/tree.ts';

const dir = join(sharedDataDir(), 'vnncomp2021', 'mnistfc');
const bytes = new Uint8Array(readFileSync(join(dir, 'mnist-net_256x2.onnx')));
const model = parseOnnx(bytes);

function verify(property: string, maxSteps: number) {
  const request: SolverRequest = {
    network: { kind: 'file', name: 'mnist-net_256x2.onnx', format: 'onnx', sha256: '0'.repeat(64), size: bytes.length },
    networkData: { bytes },
    property: readFileSync(join(dir, property), 'utf8'),
    units: 'network',
    strategy: 'auto',
    timeoutSeconds: 1e6,
    attack: true,
    splitThreshold: 5,
    tightening: 'symbolic',
  };
  return engine.run(request, 1, createRunContext({ maxSteps, maxMillis: 1e9 }));
}

/** The case of the property that `y` falls in (every constraint holds), if any. */
function unsafeCase(spec: ReturnType<typeof parseVnnlib>, y: Float64Array): number {
  return spec.cases.findIndex((c) => c.constraints.every((k) => k.coeffs.reduce((s, a, j) => s + a * y[j]!, 0) <= k.rhsHi));
}

/**
 * VNN-COMP 2021 mnistfc instances on the 256×2 network, answered by ReLU branch and bound within a
 * step budget. The answers are not written here: a violation is checked by evaluating the network
 * at the counterexample independently of the engine, and a proof is checked against a sample of the
 * box in which no point may reach the unsafe region.
 */
describe('ReLU branch and bound on MNIST networks', () => {
  it('is chosen for 784 inputs and decides robustness properties, each answer checked independently', async () => {
    for (const property of ['prop_12_0.03.vnnlib', 'prop_9_0.05.vnnlib']) {
      const text = readFileSync(join(dir, property), 'utf8');
      const { summary, trace } = await verify(property, 400);
      expect(summary.strategy).toBe('bab');
      expect(summary.chosen).toBe('auto');
      expect(summary.verdict, property).not.toBe('unknown');
      const spec = parseVnnlib(text);
      if (summary.verdict === 'violated') {
        const x = Float64Array.from(summary.counterexample!.input);
        const c = spec.cases[summary.counterexample!.caseIndex]!;
        for (let i = 0; i < x.length; i++) expect(x[i]! >= c.loIn[i]! && x[i]! <= c.hiIn[i]!).toBe(true);
        expect(unsafeCase(spec, evaluateModel(model, x, 'network'))).toBeGreaterThanOrEqual(0);
      } else {
        const random = mulberry32(5);
        const c = spec.cases[0]!;
        for (let s = 0; s < 200; s++) {
          const x = Float64Array.from(c.lo, (l, i) => l + random() * (c.hi[i]! - l));
          expect(unsafeCase(spec, evaluateModel(model, x, 'network'))).toBe(-1);
        }
      }
      // The tree's nodes are the property's cases and ReLU phases, nothing else.
      for (let n = 0; n < trace.tree.count; n++) expect([NodeKind.root, NodeKind.case, NodeKind.relu]).toContain(trace.tree.kind[n]);
    }
  });
});

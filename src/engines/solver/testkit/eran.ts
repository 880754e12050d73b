import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { sharedDataDir } from '../../../testing/sharedData.ts';
import { createRunContext } from '../../runContext.ts';
import { engine } from '../engine.ts';
import { parseOnnx } from '../formats/onnx/lower.ts';
import { parseVnnlib } from '../formats/vnnlib.ts';
import { evaluateModel } from '../model/network.ts';
import { mulberry32 } from '../../random.ts';

const dir = join(sharedDataDir(), 'vnncomp2021', 'eran');

/**
 * One instance of VNN-COMP 2021's eran benchmark solved by the engine's automatic choice within a
 * step budget, and its answer checked here, independently of the engine: a counterexample lies in
 * the property's box and the network evaluated at it lands in an unsafe case; a proof is checked
 * against random points of the box, none of which may reach an unsafe case. Returns the summary.
 */
export async function solveAndCheckEran(network: string, property: string, maxSteps: number) {
  const bytes = new Uint8Array(readFileSync(join(dir, 'nets', network)));
  const text = readFileSync(join(dir, 'specs', 'mnist', property), 'utf8');
  const { summary, trace } = await engine.run(
    { network: { kind: 'file', name: network, format: 'onnx', sha256: '0'.repeat(64), size: bytes.length }, networkData: { bytes }, property: text, units: 'network', strategy: 'auto', timeoutSeconds: 1e6, attack: true, splitThreshold: 5, tightening: 'symbolic' },
    1,
    createRunContext({ maxSteps, maxMillis: 1e9 }),
  );
  const model = parseOnnx(bytes);
  const spec = parseVnnlib(text);
  const unsafe = (x: Float64Array) => {
    const y = evaluateModel(model, x, 'network');
    return spec.cases.some((c) => c.constraints.every((k) => k.coeffs.reduce((s, a, j) => s + a * y[j]!, 0) <= k.rhsHi));
  };
  if (summary.verdict === 'violated') {
    const x = Float64Array.from(summary.counterexample!.input);
    const c = spec.cases[summary.counterexample!.caseIndex]!;
    expect(x.every((v, i) => v >= c.loIn[i]! && v <= c.hiIn[i]!)).toBe(true);
    expect(unsafe(x)).toBe(true);
  } else if (summary.verdict === 'holds') {
    const random = mulberry32(7);
    const box = spec.cases[0]!;
    for (let s = 0; s < 100; s++) expect(unsafe(Float64Array.from(box.lo, (l, i) => l + random() * (box.hi[i]! - l)))).toBe(false);
  }
  return { summary, trace };
}

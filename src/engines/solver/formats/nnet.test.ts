import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../testing/sharedData.ts';
import { InputError } from '../../contract.ts';
import { generateNetwork } from '../model/generate.ts';
import { evaluate, evaluateModel } from '../model/network.ts';
import { parseNnet, writeNnet } from './nnet.ts';

const acas = (a: number, b: number) => readFileSync(join(sharedDataDir(), 'acasxu', `ACASXU_run2a_${a}_${b}_batch_2000.nnet`), 'utf8');

function failure(text: string): InputError {
  try {
    parseNnet(text);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected the file to be rejected');
}

const tiny = `// a 2-3-1 network
2,2,1,3,
2,3,1,
0,
-1,-1,
1,1,
0,0,0,
1,1,1,
1,2,
-1,0.5,
0.25,0.25,
0,
0.5,
-1,
1,-1,1,
0.125,
`;

describe('.nnet', () => {
  it('reads an ACAS Xu network: shape, scaling, weights', () => {
    const model = parseNnet(acas(1, 1), 'N11');
    expect([model.network.inputSize, ...model.network.layers.map((l) => l.outSize)]).toEqual([5, 50, 50, 50, 50, 50, 50, 5]);
    expect(model.network.layers.map((l) => l.activation)).toEqual(['relu', 'relu', 'relu', 'relu', 'relu', 'relu', 'identity']);
    expect(Array.from(model.scaling!.inputMin)).toEqual([0, -3.141593, -3.141593, 100, 0]);
    expect(Array.from(model.scaling!.inputMax)).toEqual([60760, 3.141593, 3.141593, 1200, 1200]);
    expect(model.scaling!.outputMean).toBe(7.5188840201005975);
    expect(model.scaling!.outputRange).toBe(373.94992);
    expect(model.network.layers[0]!.weights[0]).toBe(0.0540062);
    expect(model.network.layers[0]!.weights[1]).toBe(-2.61092);
    expect(model.outputNames[0]).toBe('COC');
  });

  it('evaluates a hand-written network as its weights say, clipping and scaling as .nnet does', () => {
    const model = parseNnet(tiny);
    // hidden = relu([x0 + 2 x1, −x0 + 0.5 x1, 0.25 x0 + 0.25 x1] + [0, 0.5, −1]); y = h0 − h1 + h2 + 0.125
    // At (0.5, 0.5): h = relu(1.5, 0.25, −0.75) = (1.5, 0.25, 0), y = 1.5 − 0.25 + 0 + 0.125.
    expect(evaluate(model.network, [0.5, 0.5])[0]).toBe(1.375);
    // Inputs beyond [min, max] are clipped before normalising.
    expect(evaluateModel(model, [5, -0.5])[0]).toBe(evaluateModel(model, [1, -0.5])[0]);
  });

  it('writes what it reads (generated networks download as .nnet)', () => {
    const model = generateNetwork({ preset: 'mini-acas', seed: 3, hidden: [6, 5], activation: 'relu' });
    const again = parseNnet(writeNnet(model));
    again.network.layers.forEach((l, k) => {
      expect(Array.from(l.weights)).toEqual(Array.from(model.network.layers[k]!.weights));
      expect(Array.from(l.bias)).toEqual(Array.from(model.network.layers[k]!.bias));
    });
    expect(Array.from(again.scaling!.inputRange)).toEqual(Array.from(model.scaling!.inputRange));
  });

  it('rejects malformed files, naming the line and column', () => {
    const lines = tiny.split('\n');
    const withLine = (i: number, text: string) => lines.map((l, k) => (k === i ? text : l)).join('\n');
    let e = failure(withLine(9, '-1,zero,'));
    expect(e.message).toContain('expected a number, found "zero"');
    expect(e.at).toEqual({ line: 10, column: 4 });
    e = failure(withLine(8, '1,2,3,'));
    expect(e.message).toMatch(/weights of neuron 0 in layer 1 should have 2 numbers, found 3/);
    expect(e.at?.line).toBe(9);
    e = failure(withLine(2, '3,3,1,'));
    expect(e.message).toMatch(/the first layer size is 3 but the header says inputSize 2/);
    expect(e.at).toEqual({ line: 3, column: 1 });
    e = failure(lines.slice(0, 12).join('\n'));
    expect(e.message).toMatch(/the file ends at line \d+ but the bias of neuron 1 in layer 1 is still missing/);
    e = failure(withLine(7, '1,0,1,'));
    expect(e.message).toMatch(/range 1 must be positive/);
    expect(e.at).toEqual({ line: 8, column: 3 });
    e = failure(withLine(5, '1,-2,'));
    expect(e.message).toMatch(/input 1 has maximum -2 below its minimum -1/);
    e = failure(`${tiny}7,\n`);
    expect(e.message).toMatch(/unexpected numbers after the last layer/);
    e = failure(withLine(1, '2,2,1,3,').replace('2,3,1,', '2,3,0x1,'));
    expect(e.message).toContain('0x1');
    e = failure(withLine(9, '-1,NaN,'));
    expect(e.message).toContain('NaN');
    expect(() => parseNnet('')).toThrow(/the file ends at line 1 but the header/);
  });
});

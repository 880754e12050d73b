import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../../testing/sharedData.ts';
import { InputError } from '../../../contract.ts';
import { generateNetwork } from '../../model/generate.ts';
import { evaluate } from '../../model/network.ts';
import { parseNnet } from '../nnet.ts';
import { parseOnnx } from './lower.ts';
import { networkToOnnx, onnxModel } from '../../testkit/onnxWriter.ts';

const acas = parseNnet(readFileSync(join(sharedDataDir(), 'acasxu', 'ACASXU_run2a_1_1_batch_2000.nnet'), 'utf8'));

function failure(bytes: Uint8Array): InputError {
  try {
    parseOnnx(bytes);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected the model to be rejected');
}

describe('ONNX', () => {
  it('reads an ACAS Xu network exported as MatMul/Add/Relu and as Gemm, with the same weights', () => {
    for (const style of ['matmul', 'gemm'] as const) {
      const model = parseOnnx(networkToOnnx(acas.network, style));
      expect(model.network.layers.map((l) => [l.inSize, l.outSize, l.activation])).toEqual(acas.network.layers.map((l) => [l.inSize, l.outSize, l.activation]));
      model.network.layers.forEach((l, k) => expect(Array.from(l.weights)).toEqual(Array.from(acas.network.layers[k]!.weights)));
      fc.assert(
        fc.property(fc.array(fc.double({ min: -0.6, max: 0.7, noNaN: true }), { minLength: 5, maxLength: 5 }), (x) => {
          expect(Array.from(evaluate(model.network, x))).toEqual(Array.from(evaluate(acas.network, x)));
        }),
        { numRuns: 50 },
      );
    }
  });

  it('reads sigmoid and tanh layers, and a Sub that normalises the input', () => {
    const tanh = generateNetwork({ preset: 'random', seed: 4, hidden: [5, 4], activation: 'tanh', inputs: 3, outputs: 2 });
    expect(parseOnnx(networkToOnnx(tanh.network)).network.layers.map((l) => l.activation)).toEqual(['tanh', 'tanh', 'identity']);
    const bytes = onnxModel({
      nodes: [
        { op: 'Sub', inputs: ['x', 'mean'], output: 'centred' },
        { op: 'MatMul', inputs: ['centred', 'W'], output: 'z' },
        { op: 'Relu', inputs: ['z'], output: 'y' },
      ],
      initializers: [
        { name: 'mean', dims: [2], data: [1, -1] },
        { name: 'W', dims: [2, 1], data: [2, 3] },
      ],
      input: { name: 'x', dims: [1, 2] },
      output: { name: 'y', dims: [1, 1] },
    });
    const net = parseOnnx(bytes).network;
    // relu(2(x0 − 1) + 3(x1 + 1))
    expect(evaluate(net, [2, 0])[0]).toBe(5);
    expect(evaluate(net, [0, -2])[0]).toBe(0);
  });

  it('rejects damaged and unsupported models, naming the byte, node or tensor', () => {
    const good = networkToOnnx(generateNetwork({ preset: 'random', seed: 1, hidden: [4], activation: 'relu', inputs: 2, outputs: 2 }).network);
    let e = failure(good.subarray(0, good.length - 7));
    expect(e.message).toMatch(/^ONNX: byte \d+ \(.+\): the data ends/);
    e = failure(new Uint8Array([0x0f, 0x01]));
    expect(e.message).toMatch(/^ONNX: byte 0 \(ModelProto\): field ir_version has wire type 7/);
    e = failure(new TextEncoder().encode('hello world, not a model'));
    expect(e.message).toMatch(/^ONNX:/);
    e = failure(new Uint8Array());
    expect(e.message).toBe('ONNX: the file is empty');
    const conv = onnxModel({
      nodes: [{ op: 'Conv', inputs: ['x', 'W'], output: 'y' }],
      initializers: [{ name: 'W', dims: [1, 1, 1, 1], data: [1] }],
      input: { name: 'x', dims: [1, 1, 2, 2] },
      output: { name: 'y', dims: [1, 1, 2, 2] },
    });
    e = failure(conv);
    expect(e.message).toMatch(/node node0 \(Conv, byte \d+\): operator Conv is not supported/);
    const mismatch = onnxModel({
      nodes: [{ op: 'MatMul', inputs: ['x', 'W'], output: 'y' }],
      initializers: [{ name: 'W', dims: [3, 1], data: [1, 2, 3] }],
      input: { name: 'x', dims: [1, 2] },
      output: { name: 'y', dims: [1, 1] },
    });
    e = failure(mismatch);
    expect(e.message).toMatch(/the weight "W" expects 3 inputs but the network's value has 2/);
    const short = onnxModel({
      nodes: [{ op: 'MatMul', inputs: ['x', 'W'], output: 'y' }],
      initializers: [{ name: 'W', dims: [2, 2], data: [1, 2, 3] }],
      input: { name: 'x', dims: [1, 2] },
      output: { name: 'y', dims: [1, 2] },
    });
    e = failure(short);
    expect(e.message).toMatch(/tensor "W": raw_data has 12 bytes, shape \[2, 2\] needs 16/);
  });
});

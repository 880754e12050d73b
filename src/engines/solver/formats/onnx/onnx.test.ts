import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../../../testing/sharedData.ts';
import { InputError } from '../../../contract.ts';
import { generateNetwork } from '../../model/generate.ts';
import { evaluate, evaluateModel } from '../../model/network.ts';
import { buildProblem } from '../../model/problem.ts';
import { certifyCounterexample } from '../../search/certification.ts';
import { parseVnnlib } from '../vnnlib.ts';
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

  it('keeps a Sub/Div input normalisation beside the layers, maps the box through it outward and certifies through it', () => {
    const bytes = onnxModel({
      nodes: [
        { op: 'Sub', inputs: ['x', 'mean'], output: 'centred' },
        { op: 'Div', inputs: ['centred', 'std'], output: 'scaled' },
        { op: 'Flatten', inputs: ['scaled'], output: 'flat', attributes: { axis: 1 } },
        { op: 'Gemm', inputs: ['flat', 'W', 'b'], output: 'z', attributes: { transB: 1 } },
        { op: 'Relu', inputs: ['z'], output: 'y' },
      ],
      initializers: [
        { name: 'mean', dims: [1, 1, 1, 1], data: [0.1307], type: 'float' },
        { name: 'std', dims: [1, 1, 1, 1], data: [0.3081], type: 'float' },
        { name: 'W', dims: [1, 2], data: [2, -1] },
        { name: 'b', dims: [1], data: [0.5] },
      ],
      input: { name: 'x', dims: [1, 1, 1, 2] },
      output: { name: 'y', dims: [1, 1] },
    });
    const model = parseOnnx(bytes);
    expect(model.network.layers.map((l) => [l.inSize, l.outSize, l.activation])).toEqual([[2, 1, 'relu']]);
    const mean = Math.fround(0.1307);
    const std = Math.fround(0.3081);
    const direct = (x: number[]) => Math.max(0, 2 * ((x[0]! - mean) / std) - (x[1]! - mean) / std + 0.5);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        expect(evaluateModel(model, [a, b], 'network')[0]).toBeCloseTo(direct([a, b]), 12);
      }),
      { numRuns: 50 },
    );
    const spec = parseVnnlib('(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n(assert (>= X_0 0.2))\n(assert (<= X_0 0.3))\n(assert (>= X_1 0.6))\n(assert (<= X_1 0.7))\n(assert (>= Y_0 0.0))');
    const problem = buildProblem(model, spec, 'network');
    const box = problem.cases[0]!;
    // The normalised box encloses the images of the property's corners.
    expect(box.lo[0]).toBeLessThanOrEqual((0.2 - mean) / std);
    expect(box.hi[0]).toBeGreaterThanOrEqual((0.3 - mean) / std);
    expect(box.lo[1]).toBeLessThanOrEqual((0.6 - mean) / std);
    // A point in the property's units is certified through the same normalisation.
    const cex = certifyCounterexample(model, spec, 'network', 0, [0.3, 0.62]);
    expect(cex?.outputs[0]).toBeCloseTo(direct([0.3, 0.62]), 12);
    expect(direct([0.3, 0.62])).toBeGreaterThan(0);
    expect(() => buildProblem(model, spec, 'original')).toThrow(/no input and output scaling/);
  });

  it('folds a Div by a power of two into the weights, and MatMul with the value on either side', () => {
    const halved = parseOnnx(
      onnxModel({
        nodes: [
          { op: 'MatMul', inputs: ['x', 'W'], output: 'm' },
          { op: 'Add', inputs: ['c', 'm'], output: 'a' },
          { op: 'Div', inputs: ['a', 'two'], output: 'y' },
        ],
        initializers: [
          { name: 'W', dims: [2, 1], data: [3, 5] },
          { name: 'c', dims: [1], data: [1] },
          { name: 'two', dims: [], data: [2] },
        ],
        input: { name: 'x', dims: [1, 2] },
        output: { name: 'y', dims: [1, 1] },
      }),
    );
    expect(halved.normalisation).toBeUndefined();
    expect(evaluate(halved.network, [1, 1])[0]).toBe(4.5);
    // A·x with A [out, in]: the value as MatMul's second operand, then the bias.
    const columns = parseOnnx(
      onnxModel({
        nodes: [
          { op: 'MatMul', inputs: ['A', 'x'], output: 'm' },
          { op: 'Add', inputs: ['m', 'c'], output: 'y' },
        ],
        initializers: [
          { name: 'A', dims: [2, 3], data: [1, 2, 3, 4, 5, 6] },
          { name: 'c', dims: [2], data: [10, 20] },
        ],
        input: { name: 'x', dims: [3, 1] },
        output: { name: 'y', dims: [2, 1] },
      }),
    );
    expect(Array.from(evaluate(columns.network, [1, 0, -1]))).toEqual([8, 18]);
  });

  it('refuses a division it cannot keep exact, and a constant divided by the value, naming the node', () => {
    const late = onnxModel({
      nodes: [
        { op: 'MatMul', inputs: ['x', 'W'], output: 'm' },
        { op: 'Div', inputs: ['m', 'three'], output: 'y' },
      ],
      initializers: [
        { name: 'W', dims: [2, 1], data: [3, 5] },
        { name: 'three', dims: [1], data: [3] },
      ],
      input: { name: 'x', dims: [1, 2] },
      output: { name: 'y', dims: [1, 1] },
    });
    expect(failure(late).message).toMatch(/node node1 \(Div, byte \d+\): division by 3 is not exact in floating point/);
    const inverted = onnxModel({
      nodes: [{ op: 'Div', inputs: ['three', 'x'], output: 'y' }],
      initializers: [{ name: 'three', dims: [1], data: [3] }],
      input: { name: 'x', dims: [1, 1] },
      output: { name: 'y', dims: [1, 1] },
    });
    expect(failure(inverted).message).toMatch(/node node0 \(Div.*not a constant by it/);
    const zero = onnxModel({
      nodes: [{ op: 'Div', inputs: ['x', 'z'], output: 'y' }],
      initializers: [{ name: 'z', dims: [1], data: [0] }],
      input: { name: 'x', dims: [1, 1] },
      output: { name: 'y', dims: [1, 1] },
    });
    expect(failure(zero).message).toMatch(/the divisor "z" contains 0/);
  });

  it('loads every mnistfc and eran network of VNN-COMP 2021', () => {
    const dir = join(sharedDataDir(), 'vnncomp2021');
    const files = ['mnistfc/mnist-net_256x2.onnx', 'mnistfc/mnist-net_256x4.onnx', 'mnistfc/mnist-net_256x6.onnx', 'eran/nets/mnist_relu_9_200.onnx', 'eran/nets/ffnnSIGMOID__Point_6x200.onnx'];
    const shapes = files.map((f) => {
      const m = parseOnnx(new Uint8Array(readFileSync(join(dir, f))), f);
      return [m.network.inputSize, m.network.layers.length, m.network.outputSize, m.network.layers[0]!.activation, m.normalisation ? 'normalised' : 'plain'];
    });
    expect(shapes).toEqual([
      [784, 3, 10, 'relu', 'plain'],
      [784, 5, 10, 'relu', 'plain'],
      [784, 7, 10, 'relu', 'plain'],
      [784, 9, 10, 'relu', 'plain'],
      [784, 7, 10, 'sigmoid', 'normalised'],
    ]);
  });
});

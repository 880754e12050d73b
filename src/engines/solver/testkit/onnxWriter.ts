import type { Network } from '../model/network.ts';

/**
 * A minimal ONNX writer for the tests: the protobuf wire format by hand, so the reader is tested
 * against bytes produced independently of it (no onnx library in the project).
 */
class Writer {
  private bytes: number[] = [];

  varint(v: number | bigint): this {
    let x = BigInt.asUintN(64, BigInt(v));
    do {
      let b = Number(x & 0x7fn);
      x >>= 7n;
      if (x > 0n) b |= 0x80;
      this.bytes.push(b);
    } while (x > 0n);
    return this;
  }

  key(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  int(field: number, v: number): this {
    return this.key(field, 0).varint(v);
  }

  float(field: number, v: number): this {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.bytes.push(...b);
    return this;
  }

  raw(field: number, data: Uint8Array): this {
    this.key(field, 2).varint(data.length);
    this.bytes.push(...data);
    return this;
  }

  string(field: number, s: string): this {
    return this.raw(field, new TextEncoder().encode(s));
  }

  message(field: number, m: Writer): this {
    return this.raw(field, m.done());
  }

  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

export interface OnnxNodeSpec {
  op: string;
  inputs: string[];
  output: string;
  attributes?: Record<string, number>;
  floatAttributes?: Record<string, number>;
}

export interface OnnxTensorSpec {
  name: string;
  dims: number[];
  data: ArrayLike<number>;
  type?: 'float' | 'double';
}

export function tensor(t: OnnxTensorSpec): Writer {
  const w = new Writer();
  const packed = new Writer();
  for (const d of t.dims) packed.varint(d);
  w.raw(1, packed.done());
  w.int(2, t.type === 'double' ? 11 : 1);
  w.string(8, t.name);
  const size = t.type === 'double' ? 8 : 4;
  const raw = new Uint8Array(t.data.length * size);
  const view = new DataView(raw.buffer);
  for (let i = 0; i < t.data.length; i++) {
    if (size === 8) view.setFloat64(i * 8, t.data[i]!, true);
    else view.setFloat32(i * 4, t.data[i]!, true);
  }
  return w.raw(9, raw);
}

function valueInfo(name: string, dims: number[]): Writer {
  const shape = new Writer();
  for (const d of dims) shape.message(1, new Writer().int(1, d));
  const tensorType = new Writer().int(1, 1).message(2, shape);
  return new Writer().string(1, name).message(2, new Writer().message(1, tensorType));
}

export function onnxModel(spec: { nodes: OnnxNodeSpec[]; initializers: OnnxTensorSpec[]; input: { name: string; dims: number[] }; output: { name: string; dims: number[] } }): Uint8Array {
  const graph = new Writer();
  spec.nodes.forEach((n, i) => {
    const node = new Writer();
    for (const input of n.inputs) node.string(1, input);
    node.string(2, n.output);
    node.string(3, `node${i}`);
    node.string(4, n.op);
    for (const [name, v] of Object.entries(n.attributes ?? {})) node.message(5, new Writer().string(1, name).int(20, 2).int(3, v));
    for (const [name, v] of Object.entries(n.floatAttributes ?? {})) node.message(5, new Writer().string(1, name).int(20, 1).float(2, v));
    graph.message(1, node);
  });
  graph.string(2, 'test');
  for (const t of spec.initializers) graph.message(5, tensor(t));
  graph.message(11, valueInfo(spec.input.name, spec.input.dims));
  graph.message(12, valueInfo(spec.output.name, spec.output.dims));
  return new Writer().int(1, 7).message(8, new Writer().string(1, '').int(2, 13)).message(7, graph).done();
}

/** The network as MatMul + Add + Relu (weights transposed as PyTorch exports them), in doubles. */
export function networkToOnnx(net: Network, style: 'matmul' | 'gemm' = 'matmul'): Uint8Array {
  const nodes: OnnxNodeSpec[] = [];
  const initializers: OnnxTensorSpec[] = [];
  let value = 'input';
  nodes.push({ op: 'Flatten', inputs: [value], output: 'flat' });
  value = 'flat';
  net.layers.forEach((layer, k) => {
    if (style === 'gemm') {
      initializers.push({ name: `W${k}`, dims: [layer.outSize, layer.inSize], data: layer.weights, type: 'double' });
      initializers.push({ name: `b${k}`, dims: [layer.outSize], data: layer.bias, type: 'double' });
      nodes.push({ op: 'Gemm', inputs: [value, `W${k}`, `b${k}`], output: `g${k}`, attributes: { transB: 1 } });
      value = `g${k}`;
    } else {
      const t = new Float64Array(layer.inSize * layer.outSize);
      for (let i = 0; i < layer.outSize; i++) for (let j = 0; j < layer.inSize; j++) t[j * layer.outSize + i] = layer.weights[i * layer.inSize + j]!;
      initializers.push({ name: `W${k}`, dims: [layer.inSize, layer.outSize], data: t, type: 'double' });
      initializers.push({ name: `b${k}`, dims: [layer.outSize], data: layer.bias, type: 'double' });
      nodes.push({ op: 'MatMul', inputs: [value, `W${k}`], output: `m${k}` });
      nodes.push({ op: 'Add', inputs: [`m${k}`, `b${k}`], output: `a${k}` });
      value = `a${k}`;
    }
    if (layer.activation !== 'identity') {
      const op = layer.activation === 'relu' ? 'Relu' : layer.activation === 'sigmoid' ? 'Sigmoid' : 'Tanh';
      nodes.push({ op, inputs: [value], output: `h${k}` });
      value = `h${k}`;
    }
  });
  return onnxModel({ nodes, initializers, input: { name: 'input', dims: [1, net.inputSize] }, output: { name: value, dims: [1, net.outputSize] } });
}

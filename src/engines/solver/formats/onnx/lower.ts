import { InputError } from '../../../contract.ts';
import { exactProduct, exactSum } from '../../bounds/exact.ts';
import { makeLayer, makeNetwork, type Activation, type Layer, type NetworkModel } from '../../model/network.ts';
import { sizesNames } from '../nnet.ts';
import { ProtoReader, Wire } from '../protobuf.ts';

/**
 * ONNX models of fully connected networks: the graph must be a chain from one input to one output
 * through MatMul, Gemm, Add, Sub (with constant operands), Relu, Sigmoid, Tanh, and the shape-only
 * Flatten, Reshape, Identity, Squeeze, Unsqueeze and Dropout. Messages decoded here, with their
 * field numbers from onnx.proto: ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto (and the TypeProto/TensorShapeProto inside it).
 *
 * Weights are taken exactly as stored (float32 widens to float64 exactly). Nothing is multiplied
 * or added unless the result is exact; otherwise the operations stay separate layers.
 */

interface Tensor {
  name: string;
  dims: number[];
  data: Float64Array;
}

interface Attribute {
  name: string;
  f?: number;
  i?: number;
  t?: Tensor;
  ints?: number[];
}

interface OnnxNode {
  op: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, Attribute>;
  at: number;
}

interface ValueInfo {
  name: string;
  dims: (number | undefined)[];
}

interface Graph {
  nodes: OnnxNode[];
  initializers: Tensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

const MAX_ELEMENTS = 50_000_000;

function decodeTensor(r: ProtoReader): Tensor {
  const dims: number[] = [];
  let type = 0;
  let name = '';
  const floats: number[] = [];
  const doubles: number[] = [];
  const int64s: number[] = [];
  let raw: Uint8Array | undefined;
  let rawAt = 0;
  const start = r.offset;
  while (!r.done()) {
    const { field, wire, at } = r.tag();
    switch (field) {
      case 1:
        r.repeated(wire, Wire.varint, (x) => dims.push(x.int64()), 'dims', at);
        break;
      case 2:
        r.expect(wire, Wire.varint, 'data_type', at);
        type = r.varint();
        break;
      case 4:
        r.repeated(wire, Wire.fixed32, (x) => floats.push(x.float32()), 'float_data', at);
        break;
      case 7:
        r.repeated(wire, Wire.varint, (x) => int64s.push(x.int64()), 'int64_data', at);
        break;
      case 8:
        r.expect(wire, Wire.bytes, 'name', at);
        name = r.string();
        break;
      case 9:
        r.expect(wire, Wire.bytes, 'raw_data', at);
        rawAt = r.offset;
        raw = r.bytes();
        break;
      case 10:
        r.repeated(wire, Wire.fixed64, (x) => doubles.push(x.float64()), 'double_data', at);
        break;
      case 13:
        r.fail(`tensor "${name}" keeps its data in an external file, which a browser cannot follow; save the model with the weights inside`, at);
        break;
      case 14:
        r.expect(wire, Wire.varint, 'data_location', at);
        if (r.varint() === 1) r.fail(`tensor "${name}" keeps its data in an external file; save the model with the weights inside`, at);
        break;
      default:
        r.skip(wire, at);
    }
  }
  let count = 1;
  for (const d of dims) {
    if (d < 0) r.fail(`tensor "${name}" has a negative dimension ${d}`, start);
    count *= d;
  }
  if (count > MAX_ELEMENTS) r.fail(`tensor "${name}" has ${count} elements, more than this solver accepts`, start);
  const data = new Float64Array(count);
  const fill = (values: number[], what: string) => {
    if (values.length !== count) r.fail(`tensor "${name}" has shape [${dims.join(', ')}] (${count} values) but ${values.length} ${what}`, start);
    data.set(values);
  };
  if (type === 1) {
    if (raw) {
      if (raw.length !== count * 4) r.fail(`tensor "${name}": raw_data has ${raw.length} bytes, shape [${dims.join(', ')}] needs ${count * 4}`, rawAt);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
      for (let i = 0; i < count; i++) data[i] = view.getFloat32(4 * i, true);
    } else fill(floats, 'float_data values');
  } else if (type === 11) {
    if (raw) {
      if (raw.length !== count * 8) r.fail(`tensor "${name}": raw_data has ${raw.length} bytes, shape [${dims.join(', ')}] needs ${count * 8}`, rawAt);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
      for (let i = 0; i < count; i++) data[i] = view.getFloat64(8 * i, true);
    } else fill(doubles, 'double_data values');
  } else if (type === 7) {
    if (raw) {
      if (raw.length !== count * 8) r.fail(`tensor "${name}": raw_data has ${raw.length} bytes, shape [${dims.join(', ')}] needs ${count * 8}`, rawAt);
      const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
      for (let i = 0; i < count; i++) data[i] = Number(view.getBigInt64(8 * i, true));
    } else fill(int64s, 'int64_data values');
  } else {
    r.fail(`tensor "${name}" has data type ${type}; only float (1), double (11) and int64 (7) are supported`, start);
  }
  for (let i = 0; i < count; i++) if (!Number.isFinite(data[i]!)) r.fail(`tensor "${name}" holds a non-finite value at index ${i}`, start);
  return { name, dims, data };
}

function decodeAttribute(r: ProtoReader): Attribute {
  const a: Attribute = { name: '' };
  while (!r.done()) {
    const { field, wire, at } = r.tag();
    switch (field) {
      case 1:
        a.name = r.string();
        break;
      case 2:
        r.expect(wire, Wire.fixed32, 'f', at);
        a.f = r.float32();
        break;
      case 3:
        r.expect(wire, Wire.varint, 'i', at);
        a.i = r.int64();
        break;
      case 5:
        r.expect(wire, Wire.bytes, 't', at);
        a.t = decodeTensor(r.message(`tensor of attribute "${a.name}"`));
        break;
      case 8:
        a.ints ??= [];
        r.repeated(wire, Wire.varint, (x) => a.ints!.push(x.int64()), 'ints', at);
        break;
      default:
        r.skip(wire, at);
    }
  }
  return a;
}

function decodeNode(r: ProtoReader, index: number): OnnxNode {
  const node: OnnxNode = { op: '', name: `#${index}`, inputs: [], outputs: [], attributes: new Map(), at: r.offset };
  while (!r.done()) {
    const { field, wire, at } = r.tag();
    switch (field) {
      case 1:
        r.expect(wire, Wire.bytes, 'input', at);
        node.inputs.push(r.string());
        break;
      case 2:
        r.expect(wire, Wire.bytes, 'output', at);
        node.outputs.push(r.string());
        break;
      case 3:
        r.expect(wire, Wire.bytes, 'name', at);
        node.name = r.string() || node.name;
        break;
      case 4:
        r.expect(wire, Wire.bytes, 'op_type', at);
        node.op = r.string();
        break;
      case 5: {
        r.expect(wire, Wire.bytes, 'attribute', at);
        const a = decodeAttribute(r.message(`attribute of node ${node.name}`));
        node.attributes.set(a.name, a);
        break;
      }
      case 7: {
        r.expect(wire, Wire.bytes, 'domain', at);
        const domain = r.string();
        if (domain !== '' && domain !== 'ai.onnx') r.fail(`node ${node.name} uses operator domain "${domain}"; only the standard ONNX operators are supported`, at);
        break;
      }
      default:
        r.skip(wire, at);
    }
  }
  return node;
}

function decodeValueInfo(r: ProtoReader): ValueInfo {
  const info: ValueInfo = { name: '', dims: [] };
  while (!r.done()) {
    const { field, wire, at } = r.tag();
    if (field === 1) info.name = r.string();
    else if (field === 2) {
      // TypeProto.tensor_type (1) → Tensor.shape (2) → TensorShapeProto.dim (1) → dim_value (1) | dim_param (2)
      const type = r.message('TypeProto');
      while (!type.done()) {
        const t = type.tag();
        if (t.field !== 1) {
          type.skip(t.wire, t.at);
          continue;
        }
        const tensor = type.message('TypeProto.Tensor');
        while (!tensor.done()) {
          const u = tensor.tag();
          if (u.field !== 2) {
            tensor.skip(u.wire, u.at);
            continue;
          }
          const shape = tensor.message('TensorShapeProto');
          while (!shape.done()) {
            const v = shape.tag();
            if (v.field !== 1) {
              shape.skip(v.wire, v.at);
              continue;
            }
            const dim = shape.message('TensorShapeProto.Dimension');
            let value: number | undefined;
            while (!dim.done()) {
              const w = dim.tag();
              if (w.field === 1) value = dim.int64();
              else dim.skip(w.wire, w.at);
            }
            info.dims.push(value);
          }
        }
      }
    } else r.skip(wire, at);
  }
  return info;
}

function decodeGraph(r: ProtoReader): Graph {
  const g: Graph = { nodes: [], initializers: [], inputs: [], outputs: [] };
  while (!r.done()) {
    const { field, wire, at } = r.tag();
    switch (field) {
      case 1:
        r.expect(wire, Wire.bytes, 'node', at);
        g.nodes.push(decodeNode(r.message(`NodeProto #${g.nodes.length}`), g.nodes.length));
        break;
      case 5:
        r.expect(wire, Wire.bytes, 'initializer', at);
        g.initializers.push(decodeTensor(r.message(`initializer #${g.initializers.length}`)));
        break;
      case 11:
        r.expect(wire, Wire.bytes, 'input', at);
        g.inputs.push(decodeValueInfo(r.message('graph input')));
        break;
      case 12:
        r.expect(wire, Wire.bytes, 'output', at);
        g.outputs.push(decodeValueInfo(r.message('graph output')));
        break;
      default:
        r.skip(wire, at);
    }
  }
  return g;
}

function decodeModel(bytes: Uint8Array): Graph {
  const r = ProtoReader.of(bytes, 'ModelProto');
  let graph: Graph | undefined;
  let sawVersion = false;
  while (!r.done()) {
    const { field, wire, at } = r.tag();
    if (field === 1) {
      r.expect(wire, Wire.varint, 'ir_version', at);
      r.varint();
      sawVersion = true;
    } else if (field === 7) {
      r.expect(wire, Wire.bytes, 'graph', at);
      graph = decodeGraph(r.message('GraphProto'));
    } else r.skip(wire, at);
  }
  if (!graph) throw new InputError(sawVersion ? 'ONNX: the model has no graph (ModelProto field 7)' : 'ONNX: this is not an ONNX model (no ir_version and no graph)');
  return graph;
}

const SHAPE_ONLY = new Set(['Flatten', 'Reshape', 'Identity', 'Squeeze', 'Unsqueeze', 'Dropout']);
const ACTIVATIONS: Record<string, Activation> = { Relu: 'relu', Sigmoid: 'sigmoid', Tanh: 'tanh' };
const SUPPORTED = 'MatMul, Gemm, Add, Sub, Relu, Sigmoid, Tanh, Flatten, Reshape, Identity, Squeeze, Unsqueeze, Dropout, Constant';

/** Builds a layer chain from the graph. */
export function parseOnnx(bytes: Uint8Array, name = 'model.onnx'): NetworkModel {
  if (bytes.length === 0) throw new InputError('ONNX: the file is empty');
  const graph = decodeModel(bytes);
  const consts = new Map<string, Tensor>();
  for (const t of graph.initializers) consts.set(t.name, t);
  const inputs = graph.inputs.filter((v) => !consts.has(v.name));
  if (inputs.length !== 1) throw new InputError(`ONNX: the graph must have exactly one input that is not a weight; it has ${inputs.length} (${inputs.map((v) => v.name).join(', ') || 'none'})`);
  const input = inputs[0]!;
  let size = 1;
  input.dims.forEach((d, i) => {
    if (d === undefined) {
      if (i !== 0) throw new InputError(`ONNX: input "${input.name}" has a symbolic dimension at axis ${i}; only a leading batch dimension may be symbolic`);
    } else size *= d;
  });
  if (input.dims.length === 0 || size < 1) throw new InputError(`ONNX: input "${input.name}" has no usable shape`);

  const layers: Layer[] = [];
  let flow = input.name;
  let width = size;
  /** The affine map not yet closed by an activation: W (out × in, or identity) and b (or zero). */
  let pendingW: Float64Array | undefined;
  let pendingIn = width;
  let pendingB: Float64Array | undefined;
  const flush = (activation: Activation) => {
    const inSize = pendingIn;
    const w = pendingW ?? identity(inSize);
    const outSize = w.length / inSize;
    layers.push(makeLayer(inSize, outSize, w, pendingB ?? new Float64Array(outSize), activation));
    pendingW = undefined;
    pendingB = undefined;
    pendingIn = outSize;
  };
  const fail = (node: OnnxNode, message: string): never => {
    throw new InputError(`ONNX: node ${node.name} (${node.op || 'no operator'}, byte ${node.at}): ${message}`);
  };
  const constant = (node: OnnxNode, name: string): Tensor => consts.get(name) ?? fail(node, `input "${name}" is neither the network's value nor a constant`);

  for (const node of graph.nodes) {
    if (node.op === 'Constant') {
      const value = node.attributes.get('value')?.t;
      if (!value || node.outputs.length !== 1) fail(node, 'a Constant needs a tensor "value" and one output');
      consts.set(node.outputs[0]!, { ...value!, name: node.outputs[0]! });
      continue;
    }
    const flowing = node.inputs.filter((i) => i === flow);
    if (flowing.length !== 1) {
      if (node.inputs.every((i) => consts.has(i) || i === '')) fail(node, 'computing on constants is not supported; fold it into the weights');
      fail(node, `it does not take the network's current value "${flow}" as an input (the graph must be a chain)`);
    }
    if (node.outputs.length !== 1) fail(node, 'it must have exactly one output');
    const out = node.outputs[0]!;
    if (SHAPE_ONLY.has(node.op)) {
      if (node.op === 'Reshape' && node.inputs[1]) {
        const shape = constant(node, node.inputs[1]).data;
        let count = 1;
        let unknown = 0;
        for (const d of shape) {
          if (d === -1) unknown++;
          else if (d > 0) count *= d;
        }
        if (unknown > 1 || (unknown === 0 && count !== width) || (unknown === 1 && width % count !== 0))
          fail(node, `reshaping ${width} values to [${Array.from(shape).join(', ')}] does not keep them a flat vector`);
      }
      flow = out;
      continue;
    }
    if (node.op in ACTIVATIONS) {
      flush(ACTIVATIONS[node.op]!);
      flow = out;
      continue;
    }
    const other = node.inputs.find((i) => i !== flow && i !== '');
    switch (node.op) {
      case 'MatMul': {
        const m = constant(node, other ?? fail(node, 'MatMul needs a constant operand'));
        const dims = squeeze(m.dims);
        if (dims.length !== 2) fail(node, `the weight "${m.name}" has shape [${m.dims.join(', ')}], expected a matrix`);
        const flowFirst = node.inputs[0] === flow;
        const [rows, cols] = dims as [number, number];
        // x·B with B [in, out] (row vector times matrix), or A·x with A [out, in] (column vector).
        const inSize = flowFirst ? rows : cols;
        const outSize = flowFirst ? cols : rows;
        if (inSize !== width) fail(node, `the weight "${m.name}" expects ${inSize} inputs but the network's value has ${width}`);
        const w = flowFirst ? transpose(m.data, rows, cols) : m.data.slice();
        if (pendingW || pendingB) flush('identity');
        pendingW = w;
        pendingIn = inSize;
        width = outSize;
        break;
      }
      case 'Gemm': {
        const transA = node.attributes.get('transA')?.i ?? 0;
        const transB = node.attributes.get('transB')?.i ?? 0;
        const alpha = node.attributes.get('alpha')?.f ?? 1;
        const beta = node.attributes.get('beta')?.f ?? 1;
        if (node.inputs[0] !== flow || transA !== 0) fail(node, "Gemm must take the network's value as its first operand, untransposed");
        const b = constant(node, node.inputs[1] ?? fail(node, 'Gemm needs a weight operand B'));
        const dims = squeeze(b.dims);
        if (dims.length !== 2) fail(node, `B "${b.name}" has shape [${b.dims.join(', ')}], expected a matrix`);
        const [rows, cols] = dims as [number, number];
        const inSize = transB ? cols : rows;
        const outSize = transB ? rows : cols;
        if (inSize !== width) fail(node, `B "${b.name}" expects ${inSize} inputs but the network's value has ${width}`);
        const w = transB ? b.data.slice() : transpose(b.data, rows, cols);
        scaleExactly(w, alpha, () => fail(node, `alpha = ${alpha} would round the weights; export with alpha = 1`));
        if (pendingW || pendingB) flush('identity');
        pendingW = w;
        pendingIn = inSize;
        width = outSize;
        if (node.inputs[2]) {
          const c = broadcast(constant(node, node.inputs[2]), outSize) ?? fail(node, `C "${node.inputs[2]}" does not broadcast to ${outSize} values`);
          scaleExactly(c, beta, () => fail(node, `beta = ${beta} would round the bias; export with beta = 1`));
          pendingB = c;
        }
        break;
      }
      case 'Add':
      case 'Sub': {
        const c = constant(node, other ?? fail(node, `${node.op} needs a constant operand`));
        const bias = broadcast(c, width) ?? fail(node, `the constant "${c.name}" (shape [${c.dims.join(', ')}]) does not broadcast to ${width} values`);
        const flowFirst = node.inputs[0] === flow;
        if (node.op === 'Sub' && flowFirst) for (let i = 0; i < width; i++) bias[i] = -bias[i]!;
        if (node.op === 'Sub' && !flowFirst) {
          // c − x: negate the pending map (exact), then add c.
          if (!pendingW) pendingW = identity(pendingIn);
          for (let i = 0; i < pendingW.length; i++) pendingW[i] = -pendingW[i]!;
          if (pendingB) for (let i = 0; i < pendingB.length; i++) pendingB[i] = -pendingB[i]!;
        }
        if (!pendingB) pendingB = bias;
        else if (!addExactly(pendingB, bias)) {
          flush('identity');
          pendingB = bias;
        }
        break;
      }
      default:
        fail(node, `operator ${node.op} is not supported (supported: ${SUPPORTED})`);
    }
    flow = out;
  }
  const output = graph.outputs[0];
  if (graph.outputs.length !== 1 || !output) throw new InputError(`ONNX: the graph must have exactly one output; it has ${graph.outputs.length}`);
  if (output.name !== flow) throw new InputError(`ONNX: the graph output "${output.name}" is not the end of the chain ("${flow}")`);
  if (pendingW || pendingB || layers.length === 0) flush('identity');
  const network = makeNetwork(layers);
  return { name, network, inputNames: sizesNames('x', network.inputSize), outputNames: sizesNames('y', network.outputSize) };
}

/** A matrix's shape with leading unit dimensions dropped ([1, 5, 50] is a 5 × 50 matrix). */
function squeeze(dims: number[]): number[] {
  const out = dims.slice();
  while (out.length > 2 && out[0] === 1) out.shift();
  return out;
}

function identity(n: number): Float64Array {
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) w[i * n + i] = 1;
  return w;
}

function transpose(data: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]!;
  return out;
}

function broadcast(t: Tensor, n: number): Float64Array | undefined {
  if (t.data.length === n) return t.data.slice();
  if (t.data.length === 1) return new Float64Array(n).fill(t.data[0]!);
  return undefined;
}

function scaleExactly(values: Float64Array, factor: number, fail: () => never): void {
  if (factor === 1) return;
  for (let i = 0; i < values.length; i++) {
    const p = exactProduct(values[i]!, factor);
    if (!p.exact) fail();
    values[i] = p.value;
  }
}

function addExactly(target: Float64Array, add: Float64Array): boolean {
  const sums = new Float64Array(target.length);
  for (let i = 0; i < target.length; i++) {
    const s = exactSum(target[i]!, add[i]!);
    if (!s.exact) return false;
    sums[i] = s.value;
  }
  target.set(sums);
  return true;
}

import { InputError } from '../../../contract.ts';
import { ProtoReader, Wire } from '../protobuf.ts';

/**
 * Decoding an ONNX model's protobuf into a plain graph (what lower.ts turns into layers). Messages
 * decoded here, with their field numbers from onnx.proto: ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto (and the TypeProto/TensorShapeProto inside it).
 * Weights are taken exactly as stored (float32 widens to float64 exactly).
 */

export interface Tensor {
  name: string;
  dims: number[];
  data: Float64Array;
}

export interface Attribute {
  name: string;
  f?: number;
  i?: number;
  t?: Tensor;
  ints?: number[];
}

export interface OnnxNode {
  op: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, Attribute>;
  at: number;
}

export interface ValueInfo {
  name: string;
  dims: (number | undefined)[];
}

export interface Graph {
  nodes: OnnxNode[];
  initializers: Tensor[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
}

const MAX_ELEMENTS = 50_000_000;

// One branch per TensorProto field (and data type) it reads: the field table stays in one place.
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

export function decodeModel(bytes: Uint8Array): Graph {
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

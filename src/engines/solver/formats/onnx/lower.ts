import { InputError } from '../../../contract.ts';
import { exactProduct, exactSum } from '../../bounds/exact.ts';
import { transpose } from '../../model/dense.ts';
import { makeLayer, makeNetwork, type Activation, type InputNormalisation, type Layer, type NetworkModel } from '../../model/network.ts';
import { sizesNames } from '../nnet.ts';
import { decodeModel, type Graph, type OnnxNode, type Tensor } from './decode.ts';

/**
 * ONNX models of fully connected networks, lowered to a chain of layers: the graph (decode.ts)
 * must be a chain from one input to one output through MatMul, Gemm, Add, Sub, Div (with constant
 * operands), Relu, Sigmoid, Tanh, and the shape-only Flatten, Reshape, Identity, Squeeze,
 * Unsqueeze and Dropout.
 *
 * Nothing is multiplied or added unless the result is exact; otherwise the operations stay
 * separate layers. A division is exact only by a power of two; any other divisor is accepted where
 * these benchmark files put it, in the input normalisation before the first layer, which the model
 * keeps beside the layers (InputNormalisation) instead of rounding 1/d into weights.
 */

const SHAPE_ONLY = new Set(['Flatten', 'Reshape', 'Identity', 'Squeeze', 'Unsqueeze', 'Dropout']);
const ACTIVATIONS: Record<string, Activation> = { Relu: 'relu', Sigmoid: 'sigmoid', Tanh: 'tanh' };
const SUPPORTED = 'MatMul, Gemm, Add, Sub, Div, Relu, Sigmoid, Tanh, Flatten, Reshape, Identity, Squeeze, Unsqueeze, Dropout, Constant';

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
  const lowering = new Lowering(consts, input.name, size);
  for (const node of graph.nodes) lowering.node(node);
  const network = lowering.finish(graph);
  const model: NetworkModel = { name, network, inputNames: sizesNames('x', network.inputSize), outputNames: sizesNames('y', network.outputSize) };
  if (lowering.normalisation) model.normalisation = lowering.normalisation;
  return model;
}

/** The chain being built, one graph node at a time: closed layers, and the affine map still open. */
class Lowering {
  private readonly layers: Layer[] = [];
  /** The value flowing along the chain, and its width. */
  private flow: string;
  private width: number;
  /** The affine map not yet closed by an activation: W (out × in, or identity) and b (or zero). */
  private pendingW: Float64Array | undefined;
  private pendingIn: number;
  private pendingB: Float64Array | undefined;
  /** (x − shift) / divisor on the graph's input, when it divides by a constant that is not a power of two. */
  normalisation: InputNormalisation | undefined;

  constructor(
    private readonly consts: Map<string, Tensor>,
    input: string,
    size: number,
  ) {
    this.flow = input;
    this.width = size;
    this.pendingIn = size;
  }

  node(node: OnnxNode): void {
    if (node.op === 'Constant') {
      const value = node.attributes.get('value')?.t;
      if (!value || node.outputs.length !== 1) this.fail(node, 'a Constant needs a tensor "value" and one output');
      this.consts.set(node.outputs[0]!, { ...value!, name: node.outputs[0]! });
      return;
    }
    const { flow, consts } = this;
    const flowing = node.inputs.filter((i) => i === flow);
    if (flowing.length !== 1) {
      if (node.inputs.every((i) => consts.has(i) || i === '')) this.fail(node, 'computing on constants is not supported; fold it into the weights');
      this.fail(node, `it does not take the network's current value "${flow}" as an input (the graph must be a chain)`);
    }
    if (node.outputs.length !== 1) this.fail(node, 'it must have exactly one output');
    const out = node.outputs[0]!;
    if (SHAPE_ONLY.has(node.op)) {
      if (node.op === 'Reshape' && node.inputs[1]) this.reshape(node, node.inputs[1]);
    } else if (node.op in ACTIVATIONS) {
      this.flush(ACTIVATIONS[node.op]!);
    } else {
      const other = node.inputs.find((i) => i !== flow && i !== '');
      if (node.op === 'MatMul') this.matMul(node, other);
      else if (node.op === 'Gemm') this.gemm(node);
      else if (node.op === 'Add' || node.op === 'Sub') this.addOrSub(node, other);
      else if (node.op === 'Div') this.div(node, other);
      else this.fail(node, `operator ${node.op} is not supported (supported: ${SUPPORTED})`);
    }
    this.flow = out;
  }

  finish(graph: Graph) {
    const output = graph.outputs[0];
    if (graph.outputs.length !== 1 || !output) throw new InputError(`ONNX: the graph must have exactly one output; it has ${graph.outputs.length}`);
    if (output.name !== this.flow) throw new InputError(`ONNX: the graph output "${output.name}" is not the end of the chain ("${this.flow}")`);
    if (this.pendingW || this.pendingB || this.layers.length === 0) this.flush('identity');
    return makeNetwork(this.layers);
  }

  /** Closes the pending affine map with an activation: one layer. */
  private flush(activation: Activation): void {
    const inSize = this.pendingIn;
    const w = this.pendingW ?? identity(inSize);
    const outSize = w.length / inSize;
    this.layers.push(makeLayer(inSize, outSize, w, this.pendingB ?? new Float64Array(outSize), activation));
    this.pendingW = undefined;
    this.pendingB = undefined;
    this.pendingIn = outSize;
  }

  /** Starts a new pending map W (closing the previous one, unactivated, if there was one). */
  private startMap(w: Float64Array, inSize: number, outSize: number): void {
    // A shift by zero (a normalisation with mean 0) changes nothing: no layer for it.
    if (!this.pendingW && this.pendingB?.every((v) => v === 0)) this.pendingB = undefined;
    if (this.pendingW || this.pendingB) this.flush('identity');
    this.pendingW = w;
    this.pendingIn = inSize;
    this.width = outSize;
  }

  private fail(node: OnnxNode, message: string): never {
    throw new InputError(`ONNX: node ${node.name} (${node.op || 'no operator'}, byte ${node.at}): ${message}`);
  }

  private constant(node: OnnxNode, name: string): Tensor {
    return this.consts.get(name) ?? this.fail(node, `input "${name}" is neither the network's value nor a constant`);
  }

  /** A Reshape must keep the value a flat vector of the same width. */
  private reshape(node: OnnxNode, shapeName: string): void {
    const shape = this.constant(node, shapeName).data;
    const { width } = this;
    let count = 1;
    let unknown = 0;
    for (const d of shape) {
      if (d === -1) unknown++;
      else if (d > 0) count *= d;
    }
    if (unknown > 1 || (unknown === 0 && count !== width) || (unknown === 1 && width % count !== 0))
      this.fail(node, `reshaping ${width} values to [${Array.from(shape).join(', ')}] does not keep them a flat vector`);
  }

  /**
   * x / c with a constant c. By powers of two: folded into the pending map (exact). Otherwise only
   * at the graph's input (nothing but a constant shift before it): the normalisation (x − shift) / c.
   */
  private div(node: OnnxNode, other: string | undefined): void {
    if (node.inputs[0] !== this.flow) this.fail(node, "Div must divide the network's value by a constant, not a constant by it");
    const c = this.constant(node, other ?? this.fail(node, 'Div needs a constant divisor'));
    const d = broadcast(c, this.width) ?? this.fail(node, `the divisor "${c.name}" (shape [${c.dims.join(', ')}]) does not broadcast to ${this.width} values`);
    for (const v of d) if (!(Math.abs(v) > 0)) this.fail(node, `the divisor "${c.name}" contains ${v}`);
    const reciprocals = Array.from(d, exactReciprocal);
    if (reciprocals.every((r) => r === 1)) return;
    if (reciprocals.every((r) => r !== undefined)) {
      const w = (this.pendingW ??= identity(this.pendingIn));
      const rows = w.length / this.pendingIn;
      for (let i = 0; i < rows; i++) for (let j = 0; j < this.pendingIn; j++) w[i * this.pendingIn + j] = w[i * this.pendingIn + j]! * reciprocals[i]!;
      const pb = this.pendingB;
      if (pb) for (let i = 0; i < pb.length; i++) pb[i] = pb[i]! * reciprocals[i]!;
      return;
    }
    if (this.layers.length > 0 || this.pendingW || this.normalisation)
      this.fail(node, `division by ${d[0]} is not exact in floating point and is supported only as the input normalisation, before any weight`);
    for (const v of d) if (!(v > 0)) this.fail(node, `the input normalisation must divide by positive numbers; "${c.name}" contains ${v}`);
    const shift = new Float64Array(this.width);
    if (this.pendingB) for (let i = 0; i < shift.length; i++) shift[i] = -this.pendingB[i]!;
    this.normalisation = { shift, divisor: d };
    this.pendingB = undefined;
  }

  private matMul(node: OnnxNode, other: string | undefined): void {
    const m = this.constant(node, other ?? this.fail(node, 'MatMul needs a constant operand'));
    const dims = squeeze(m.dims);
    if (dims.length !== 2) this.fail(node, `the weight "${m.name}" has shape [${m.dims.join(', ')}], expected a matrix`);
    const flowFirst = node.inputs[0] === this.flow;
    const [rows, cols] = dims as [number, number];
    // x·B with B [in, out] (row vector times matrix), or A·x with A [out, in] (column vector).
    const inSize = flowFirst ? rows : cols;
    const outSize = flowFirst ? cols : rows;
    if (inSize !== this.width) this.fail(node, `the weight "${m.name}" expects ${inSize} inputs but the network's value has ${this.width}`);
    this.startMap(flowFirst ? transpose(m.data, rows, cols) : m.data.slice(), inSize, outSize);
  }

  /** Gemm: alpha·(x·op(B)) + beta·C, with alpha and beta folded in only when exact. */
  private gemm(node: OnnxNode): void {
    const transA = node.attributes.get('transA')?.i ?? 0;
    const transB = node.attributes.get('transB')?.i ?? 0;
    const alpha = node.attributes.get('alpha')?.f ?? 1;
    const beta = node.attributes.get('beta')?.f ?? 1;
    if (node.inputs[0] !== this.flow || transA !== 0) this.fail(node, "Gemm must take the network's value as its first operand, untransposed");
    const b = this.constant(node, node.inputs[1] ?? this.fail(node, 'Gemm needs a weight operand B'));
    const dims = squeeze(b.dims);
    if (dims.length !== 2) this.fail(node, `B "${b.name}" has shape [${b.dims.join(', ')}], expected a matrix`);
    const [rows, cols] = dims as [number, number];
    const inSize = transB ? cols : rows;
    const outSize = transB ? rows : cols;
    if (inSize !== this.width) this.fail(node, `B "${b.name}" expects ${inSize} inputs but the network's value has ${this.width}`);
    const w = transB ? b.data.slice() : transpose(b.data, rows, cols);
    scaleExactly(w, alpha, () => this.fail(node, `alpha = ${alpha} would round the weights; export with alpha = 1`));
    this.startMap(w, inSize, outSize);
    if (node.inputs[2]) {
      const c = broadcast(this.constant(node, node.inputs[2]), outSize) ?? this.fail(node, `C "${node.inputs[2]}" does not broadcast to ${outSize} values`);
      scaleExactly(c, beta, () => this.fail(node, `beta = ${beta} would round the bias; export with beta = 1`));
      this.pendingB = c;
    }
  }

  /** x + c, x − c or c − x with a constant c: folded into the pending bias when exact. */
  private addOrSub(node: OnnxNode, other: string | undefined): void {
    const { width } = this;
    const c = this.constant(node, other ?? this.fail(node, `${node.op} needs a constant operand`));
    const bias = broadcast(c, width) ?? this.fail(node, `the constant "${c.name}" (shape [${c.dims.join(', ')}]) does not broadcast to ${width} values`);
    const flowFirst = node.inputs[0] === this.flow;
    if (node.op === 'Sub' && flowFirst) for (let i = 0; i < width; i++) bias[i] = -bias[i]!;
    if (node.op === 'Sub' && !flowFirst) {
      // c − x: negate the pending map (exact), then add c.
      const w = (this.pendingW ??= identity(this.pendingIn));
      for (let i = 0; i < w.length; i++) w[i] = -w[i]!;
      const pb = this.pendingB;
      if (pb) for (let i = 0; i < pb.length; i++) pb[i] = -pb[i]!;
    }
    if (!this.pendingB) this.pendingB = bias;
    else if (!addExactly(this.pendingB, bias)) {
      this.flush('identity');
      this.pendingB = bias;
    }
  }
}

/** The exact reciprocal of d when d is a power of two (2^k, normal range), else undefined. */
function exactReciprocal(d: number): number | undefined {
  if (!(d > 0) && !(d < 0)) return undefined;
  const r = 1 / d;
  return Number.isFinite(r) && r * d === 1 && Math.abs(r) >= 2 ** -1021 && Math.log2(Math.abs(d)) % 1 === 0 ? r : undefined;
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

import { InputError } from '../../contract.ts';
import { parseDecimal } from './decimal.ts';
import { makeLayer, makeNetwork, type Layer, type NetworkModel, type Scaling } from '../model/network.ts';

/**
 * The .nnet format (Kyle Julian, Stanford 2016), as used for the ACAS Xu networks:
 *   // comment lines
 *   numLayers, inputSize, outputSize, maxLayerSize
 *   the numLayers + 1 layer sizes, input first
 *   an unused flag
 *   input minimums; input maximums
 *   means (one per input, then one for all outputs); ranges (likewise)
 *   for each layer: one line of incoming weights per neuron, then one bias per line.
 * Hidden layers are ReLU, the last layer is linear. Every problem is reported with its line and
 * column, and the file is never partly accepted.
 */

interface Row {
  line: number;
  values: number[];
  columns: number[];
}

const ACAS_INPUTS = ['rho (ft)', 'theta (rad)', 'psi (rad)', 'v_own (ft/s)', 'v_int (ft/s)'];
const ACAS_OUTPUTS = ['COC', 'weak left', 'weak right', 'strong left', 'strong right'];

function rows(text: string): Row[] {
  const out: Row[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('//')) continue;
    const values: number[] = [];
    const columns: number[] = [];
    let at = 0;
    for (const cell of raw.split(',')) {
      const column = at + (cell.length - cell.trimStart().length) + 1;
      at += cell.length + 1;
      const token = cell.trim();
      if (token === '') continue;
      const value = parseDecimal(token);
      if (value === undefined)
        throw new InputError(`expected a number, found "${token.slice(0, 24)}"`, { line: i + 1, column });
      values.push(value);
      columns.push(column);
    }
    out.push({ line: i + 1, values, columns });
  }
  return out;
}

// One function (84 lines): the format's sections in file order (header, sizes, flags, ranges,
// means, weights), each a few lines reading through the same cursor `take`.
export function parseNnet(text: string, name = 'network.nnet'): NetworkModel {
  const all = rows(text);
  let next = 0;
  const lastLine = text.split(/\r\n|\n|\r/).length;
  const take = (what: string, count?: number): Row => {
    const row = all[next++];
    if (!row) throw new InputError(`the file ends at line ${lastLine} but ${what} is still missing`, { line: lastLine, column: 1 });
    if (count !== undefined && row.values.length !== count)
      throw new InputError(`${what} should have ${count} number${count === 1 ? '' : 's'}, found ${row.values.length}`, { line: row.line, column: 1 });
    return row;
  };
  const integer = (row: Row, index: number, what: string, min: number): number => {
    const v = row.values[index]!;
    if (!Number.isInteger(v) || v < min)
      throw new InputError(`${what} must be a whole number of at least ${min}, found ${v}`, { line: row.line, column: row.columns[index]! });
    return v;
  };

  const header = take('the header (numLayers, inputSize, outputSize, maxLayerSize)');
  if (header.values.length < 3)
    throw new InputError(`the header needs numLayers, inputSize, outputSize and maxLayerSize`, { line: header.line, column: 1 });
  const numLayers = integer(header, 0, 'numLayers', 1);
  const inputSize = integer(header, 1, 'inputSize', 1);
  const outputSize = integer(header, 2, 'outputSize', 1);
  if (numLayers > 1000 || inputSize > 100_000 || outputSize > 100_000)
    throw new InputError(`the header describes an implausibly large network`, { line: header.line, column: 1 });

  const sizesRow = take(`the ${numLayers + 1} layer sizes`, numLayers + 1);
  const sizes = sizesRow.values.map((_, i) => integer(sizesRow, i, `layer size ${i}`, 1));
  if (sizes[0] !== inputSize)
    throw new InputError(`the first layer size is ${sizes[0]} but the header says inputSize ${inputSize}`, { line: sizesRow.line, column: sizesRow.columns[0]! });
  if (sizes[numLayers] !== outputSize)
    throw new InputError(`the last layer size is ${sizes[numLayers]} but the header says outputSize ${outputSize}`, { line: sizesRow.line, column: sizesRow.columns[numLayers]! });
  let weightCount = 0;
  for (let k = 0; k < numLayers; k++) weightCount += sizes[k]! * sizes[k + 1]!;
  if (weightCount > 20_000_000) throw new InputError(`${weightCount} weights are more than this solver accepts`, { line: sizesRow.line, column: 1 });

  take('the unused flag line');
  const mins = take(`the ${inputSize} input minimums`, inputSize);
  const maxs = take(`the ${inputSize} input maximums`, inputSize);
  const means = take(`the ${inputSize + 1} means (inputs, then outputs)`, inputSize + 1);
  const ranges = take(`the ${inputSize + 1} ranges (inputs, then outputs)`, inputSize + 1);
  for (let i = 0; i < inputSize; i++) {
    if (mins.values[i]! > maxs.values[i]!)
      throw new InputError(`input ${i} has maximum ${maxs.values[i]} below its minimum ${mins.values[i]}`, { line: maxs.line, column: maxs.columns[i]! });
  }
  for (let i = 0; i <= inputSize; i++) {
    if (!(ranges.values[i]! > 0))
      throw new InputError(`range ${i} must be positive (inputs are divided by it), found ${ranges.values[i]}`, { line: ranges.line, column: ranges.columns[i]! });
  }

  const layers: Layer[] = [];
  for (let k = 0; k < numLayers; k++) {
    const inSize = sizes[k]!;
    const outSize = sizes[k + 1]!;
    const weights = new Float64Array(inSize * outSize);
    const bias = new Float64Array(outSize);
    for (let i = 0; i < outSize; i++) {
      const row = take(`the weights of neuron ${i} in layer ${k + 1}`, inSize);
      weights.set(row.values, i * inSize);
    }
    for (let i = 0; i < outSize; i++) bias[i] = take(`the bias of neuron ${i} in layer ${k + 1}`, 1).values[0]!;
    layers.push(makeLayer(inSize, outSize, weights, bias, k === numLayers - 1 ? 'identity' : 'relu'));
  }
  const extra = all[next];
  if (extra) throw new InputError(`unexpected numbers after the last layer's biases`, { line: extra.line, column: 1 });

  const scaling: Scaling = {
    inputMin: Float64Array.from(mins.values),
    inputMax: Float64Array.from(maxs.values),
    inputMean: Float64Array.from(means.values.slice(0, inputSize)),
    inputRange: Float64Array.from(ranges.values.slice(0, inputSize)),
    outputMean: means.values[inputSize]!,
    outputRange: ranges.values[inputSize]!,
  };
  const acasShaped = inputSize === 5 && outputSize === 5;
  return {
    name,
    network: makeNetwork(layers),
    scaling,
    inputNames: acasShaped ? ACAS_INPUTS : sizesNames('x', inputSize),
    outputNames: acasShaped ? ACAS_OUTPUTS : sizesNames('y', outputSize),
  };
}

export function sizesNames(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}

/** Writes a model back as .nnet text (used for generated networks offered as a download). */
export function writeNnet(model: NetworkModel): string {
  const { network, scaling } = model;
  if (!scaling) throw new Error('.nnet needs input and output scaling');
  if (network.layers.some((l, k) => l.activation !== (k === network.layers.length - 1 ? 'identity' : 'relu')))
    throw new Error('.nnet holds ReLU networks with a linear last layer only');
  const sizes = [network.inputSize, ...network.layers.map((l) => l.outSize)];
  const num = (v: number) => String(v);
  const line = (values: ArrayLike<number>) => `${Array.from(values, num).join(',')},`;
  const out = [
    `// ${model.name}: written by Latticework`,
    `${network.layers.length},${network.inputSize},${network.outputSize},${Math.max(...sizes)},`,
    line(sizes),
    '0,',
    line(scaling.inputMin),
    line(scaling.inputMax),
    line([...scaling.inputMean, scaling.outputMean]),
    line([...scaling.inputRange, scaling.outputRange]),
  ];
  for (const layer of network.layers) {
    for (let i = 0; i < layer.outSize; i++) out.push(line(layer.weights.subarray(i * layer.inSize, (i + 1) * layer.inSize)));
    for (let i = 0; i < layer.outSize; i++) out.push(`${num(layer.bias[i]!)},`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * A fully connected feed-forward network: data only, no behaviour beyond evaluation.
 * Layer k computes z = W x + b (W row-major, outSize × inSize), then its activation.
 * The numbers stored here ARE the network: verification reasons about exact real arithmetic on
 * these doubles, and every bound the engine derives is rounded outward to stay sound for it.
 */
export type Activation = 'relu' | 'identity' | 'sigmoid' | 'tanh';

export interface Layer {
  inSize: number;
  outSize: number;
  weights: Float64Array;
  bias: Float64Array;
  activation: Activation;
}

export interface Network {
  layers: Layer[];
  inputSize: number;
  outputSize: number;
}

/**
 * The .nnet convention for the units a user thinks in: inputs are clipped to [min, max] and
 * normalised as (x - mean) / range; raw outputs are de-normalised as y * range + mean (one mean
 * and range for all outputs).
 */
export interface Scaling {
  inputMin: Float64Array;
  inputMax: Float64Array;
  inputMean: Float64Array;
  inputRange: Float64Array;
  outputMean: number;
  outputRange: number;
}

/**
 * An input normalisation inside an ONNX graph (Sub then Div by constants before the first layer):
 * the network sees (x − shift) / divisor, in exact real arithmetic. A division by a constant is not
 * exact in floating point, so it is not folded into the weights: the problem maps the property's box
 * through it with outward rounding, and certification re-evaluates it with interval arithmetic.
 * Unlike the .nnet scaling it belongs to the network: X in a property is the graph's own input.
 */
export interface InputNormalisation {
  shift: Float64Array;
  divisor: Float64Array;
}

/** A network together with what the views need to talk about it in the user's terms. */
export interface NetworkModel {
  name: string;
  network: Network;
  scaling?: Scaling;
  normalisation?: InputNormalisation;
  inputNames: string[];
  outputNames: string[];
}

export function makeLayer(inSize: number, outSize: number, weights: Float64Array, bias: Float64Array, activation: Activation): Layer {
  if (weights.length !== inSize * outSize) throw new Error(`layer weights: expected ${inSize * outSize} numbers, got ${weights.length}`);
  if (bias.length !== outSize) throw new Error(`layer bias: expected ${outSize} numbers, got ${bias.length}`);
  return { inSize, outSize, weights, bias, activation };
}

export function makeNetwork(layers: Layer[]): Network {
  if (layers.length === 0) throw new Error('a network needs at least one layer');
  for (let k = 1; k < layers.length; k++) {
    if (layers[k]!.inSize !== layers[k - 1]!.outSize)
      throw new Error(`layer ${k + 1} takes ${layers[k]!.inSize} inputs but layer ${k} gives ${layers[k - 1]!.outSize}`);
  }
  return { layers, inputSize: layers[0]!.inSize, outputSize: layers[layers.length - 1]!.outSize };
}

export function activate(kind: Activation, z: number): number {
  switch (kind) {
    case 'relu':
      return z > 0 ? z : 0;
    case 'identity':
      return z;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'tanh':
      return Math.tanh(z);
  }
}

/** Evaluates the network in floating point (raw inputs to raw outputs). */
export function evaluate(net: Network, input: ArrayLike<number>): Float64Array {
  let x = Float64Array.from(input);
  for (const layer of net.layers) {
    const z = new Float64Array(layer.outSize);
    const { weights: w, bias: b, inSize } = layer;
    for (let i = 0; i < layer.outSize; i++) {
      let s = b[i]!;
      const row = i * inSize;
      for (let j = 0; j < inSize; j++) s += w[row + j]! * x[j]!;
      z[i] = activate(layer.activation, s);
    }
    x = z;
  }
  return x;
}

/** The nnet input transformation in floating point: clip, then normalise. */
function normaliseInput(scaling: Scaling, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const clipped = Math.min(scaling.inputMax[i]!, Math.max(scaling.inputMin[i]!, x[i]!));
    out[i] = (clipped - scaling.inputMean[i]!) / scaling.inputRange[i]!;
  }
  return out;
}

function denormaliseOutput(scaling: Scaling, y: ArrayLike<number>): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i]! * scaling.outputRange + scaling.outputMean;
  return out;
}

/**
 * The map from a property's X to the network's first layer, as a Scaling: the .nnet scaling for
 * original units, the graph's own normalisation (no clipping, outputs unchanged) for network
 * units, or none when X is the first layer's input itself.
 */
export function inputScaling(model: NetworkModel, units: 'network' | 'original'): Scaling | undefined {
  if (units === 'original') return model.scaling;
  const n = model.normalisation;
  if (!n) return undefined;
  const size = n.shift.length;
  return { inputMin: new Float64Array(size).fill(-Infinity), inputMax: new Float64Array(size).fill(Infinity), inputMean: n.shift, inputRange: n.divisor, outputMean: 0, outputRange: 1 };
}

/** Evaluates in the property's units: its X in, its Y out (original units: the .nnet scaling both ways). */
export function evaluateModel(model: NetworkModel, input: ArrayLike<number>, units: 'network' | 'original' = 'original'): Float64Array {
  const s = inputScaling(model, units);
  if (!s) return evaluate(model.network, input);
  return denormaliseOutput(s, evaluate(model.network, normaliseInput(s, input)));
}

/** Number of neurons with a nonlinear activation (the ones a solver splits on). */
export function countNonlinear(net: Network): number {
  let n = 0;
  for (const layer of net.layers) if (layer.activation !== 'identity') n += layer.outSize;
  return n;
}

/** The index of the smallest score: the advisory an ACAS Xu network gives. */
export function argmin(y: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < y.length; i++) if (y[i]! < y[best]!) best = i;
  return best;
}

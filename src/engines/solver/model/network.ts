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

/** A network together with what the views need to talk about it in the user's terms. */
export interface NetworkModel {
  name: string;
  network: Network;
  scaling?: Scaling;
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

/** Evaluates in the user's units: original inputs in, de-normalised outputs out. */
export function evaluateModel(model: NetworkModel, input: ArrayLike<number>): Float64Array {
  if (!model.scaling) return evaluate(model.network, input);
  return denormaliseOutput(model.scaling, evaluate(model.network, normaliseInput(model.scaling, input)));
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

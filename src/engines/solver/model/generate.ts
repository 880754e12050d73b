import { sizesNames } from '../formats/nnet.ts';
import { activate, makeLayer, makeNetwork, type Activation, type Layer, type NetworkModel, type Scaling } from './network.ts';
import { mulberry32 } from '../../random.ts';

/**
 * Networks the project makes itself, so every example works with no upload. Both kinds are a
 * deterministic function of their parameters: the generator and the training use only 32-bit
 * integer arithmetic, +, −, ×, ÷ and √ (all correctly rounded in IEEE 754), so the same
 * parameters give bit-identical weights everywhere (tanh and sigmoid training also uses Math.tanh
 * and Math.exp, which are the same within one JavaScript engine).
 *
 *  - `random`: weights uniform in ±√(6/(fan-in + fan-out)) (Glorot), biases uniform in ±0.25.
 *  - `mini-acas`: an ACAS Xu-shaped network (5 inputs in the same units and scaling, 5 advisories)
 *    trained for a fixed number of SGD steps on a simple geometric rule: clear of conflict when the
 *    intruder is far or behind, turn away from it when it is near and ahead, strongly when very near.
 */
export interface GeneratedSpec {
  preset: 'random' | 'mini-acas';
  seed: number;
  /** Sizes of the hidden layers. */
  hidden: number[];
  activation: Exclude<Activation, 'identity'>;
  /** Input and output counts (random networks only; mini-acas has 5 and 5). */
  inputs?: number;
  outputs?: number;
}

const ACAS_SCALING: Scaling = {
  inputMin: Float64Array.from([0, -3.141593, -3.141593, 100, 0]),
  inputMax: Float64Array.from([60760, 3.141593, 3.141593, 1200, 1200]),
  inputMean: Float64Array.from([19791.091, 0, 0, 650, 600]),
  inputRange: Float64Array.from([60261, 6.28318530718, 6.28318530718, 1100, 1200]),
  outputMean: 7.5188840201005975,
  outputRange: 373.94992,
};
const ACAS_INPUTS = ['rho (ft)', 'theta (rad)', 'psi (rad)', 'v_own (ft/s)', 'v_int (ft/s)'];
const ACAS_OUTPUTS = ['COC', 'weak left', 'weak right', 'strong left', 'strong right'];

function initLayers(sizes: number[], activation: Activation, next: () => number): Layer[] {
  const layers: Layer[] = [];
  for (let k = 0; k + 1 < sizes.length; k++) {
    const inSize = sizes[k]!;
    const outSize = sizes[k + 1]!;
    const a = Math.sqrt(6 / (inSize + outSize));
    const weights = new Float64Array(inSize * outSize);
    for (let i = 0; i < weights.length; i++) weights[i] = (2 * next() - 1) * a;
    const bias = new Float64Array(outSize);
    for (let i = 0; i < outSize; i++) bias[i] = (2 * next() - 1) * 0.25;
    layers.push(makeLayer(inSize, outSize, weights, bias, k + 2 === sizes.length ? 'identity' : activation));
  }
  return layers;
}

/** The advisory scores the mini ACAS network learns (lower is preferred), from normalised inputs. */
function advisoryScores(x: Float64Array, out: Float64Array): void {
  const rho = x[0]! * 60261 + 19791.091;
  const t = x[1]! * 2; // theta / π, in [-1, 1]
  const vInt = x[4]! * 1200 + 600;
  const near = Math.min(1, Math.max(0, 1 - rho / 25000));
  const ahead = Math.max(0, 1 - Math.abs(t) * 1.6);
  const threat = near * ahead * (0.7 + (0.3 * vInt) / 1200);
  const left = t > 0 ? 1 : 0;
  out[0] = 0.3 + threat;
  out[1] = 0.7 - 0.6 * threat * (1 - left);
  out[2] = 0.7 - 0.6 * threat * left;
  out[3] = 0.9 - threat * near * (1 - left);
  out[4] = 0.9 - threat * near * left;
}

function train(layers: Layer[], next: () => number, steps: number, batch: number, rate: number): void {
  const sizes = [layers[0]!.inSize, ...layers.map((l) => l.outSize)];
  const pre = sizes.map((n) => new Float64Array(n));
  const post = sizes.map((n) => new Float64Array(n));
  const delta = sizes.map((n) => new Float64Array(n));
  const gradW = layers.map((l) => new Float64Array(l.weights.length));
  const gradB = layers.map((l) => new Float64Array(l.bias.length));
  const velW = layers.map((l) => new Float64Array(l.weights.length));
  const velB = layers.map((l) => new Float64Array(l.bias.length));
  const target = new Float64Array(sizes[sizes.length - 1]!);
  const box = { lo: [-0.3284, -0.5, -0.5, -0.5, -0.5], hi: [0.6799, 0.5, 0.5, 0.5, 0.5] };
  for (let step = 0; step < steps; step++) {
    gradW.forEach((g) => g.fill(0));
    gradB.forEach((g) => g.fill(0));
    for (let s = 0; s < batch; s++) {
      const x = post[0]!;
      for (let i = 0; i < x.length; i++) x[i] = box.lo[i]! + next() * (box.hi[i]! - box.lo[i]!);
      advisoryScores(x, target);
      layers.forEach((layer, k) => {
        for (let i = 0; i < layer.outSize; i++) {
          let z = layer.bias[i]!;
          for (let j = 0; j < layer.inSize; j++) z += layer.weights[i * layer.inSize + j]! * post[k]![j]!;
          pre[k + 1]![i] = z;
          post[k + 1]![i] = activate(layer.activation, z);
        }
      });
      const last = layers.length;
      for (let i = 0; i < target.length; i++) delta[last]![i] = (post[last]![i]! - target[i]!) / batch;
      for (let k = last - 1; k >= 0; k--) {
        const layer = layers[k]!;
        const d = delta[k + 1]!;
        for (let i = 0; i < layer.outSize; i++) {
          const h = post[k + 1]![i]!;
          const slope = layer.activation === 'relu' ? (pre[k + 1]![i]! > 0 ? 1 : 0) : layer.activation === 'identity' ? 1 : layer.activation === 'sigmoid' ? h * (1 - h) : 1 - h * h;
          d[i] = d[i]! * slope;
        }
        const below = delta[k]!;
        below.fill(0);
        for (let i = 0; i < layer.outSize; i++) {
          gradB[k]![i] = gradB[k]![i]! + d[i]!;
          for (let j = 0; j < layer.inSize; j++) {
            gradW[k]![i * layer.inSize + j] = gradW[k]![i * layer.inSize + j]! + d[i]! * post[k]![j]!;
            below[j] = below[j]! + d[i]! * layer.weights[i * layer.inSize + j]!;
          }
        }
      }
    }
    layers.forEach((layer, k) => {
      for (let i = 0; i < layer.weights.length; i++) {
        velW[k]![i] = 0.9 * velW[k]![i]! - rate * gradW[k]![i]!;
        layer.weights[i] = layer.weights[i]! + velW[k]![i]!;
      }
      for (let i = 0; i < layer.bias.length; i++) {
        velB[k]![i] = 0.9 * velB[k]![i]! - rate * gradB[k]![i]!;
        layer.bias[i] = layer.bias[i]! + velB[k]![i]!;
      }
    });
  }
}

const cache = new Map<string, NetworkModel>();

export function generateNetwork(spec: GeneratedSpec): NetworkModel {
  const key = JSON.stringify(spec);
  const hit = cache.get(key);
  if (hit) return hit;
  const next = mulberry32(spec.seed);
  let model: NetworkModel;
  if (spec.preset === 'mini-acas') {
    const layers = initLayers([5, ...spec.hidden, 5], spec.activation, next);
    train(layers, next, 1500, 32, 0.05);
    model = {
      name: `mini ACAS ${[5, ...spec.hidden, 5].join('-')} (${spec.activation}, seed ${spec.seed})`,
      network: makeNetwork(layers),
      scaling: ACAS_SCALING,
      inputNames: ACAS_INPUTS,
      outputNames: ACAS_OUTPUTS,
    };
  } else {
    const inputs = spec.inputs ?? 2;
    const outputs = spec.outputs ?? 2;
    const sizes = [inputs, ...spec.hidden, outputs];
    model = {
      name: `random ${sizes.join('-')} (${spec.activation}, seed ${spec.seed})`,
      network: makeNetwork(initLayers(sizes, spec.activation, next)),
      inputNames: sizesNames('x', inputs),
      outputNames: sizesNames('y', outputs),
    };
  }
  if (cache.size > 16) cache.clear();
  cache.set(key, model);
  return model;
}

import { InputError, type Engine } from '../contract.ts';
import type { NetworkRef, SolverRequest } from './config.ts';
import { loadNetwork } from './formats/load.ts';
import { argmin, evaluateModel } from './model/network.ts';
import type { Units } from './model/problem.ts';

/**
 * A 2-D slice of the input space: the network's advisory (its smallest output) on a grid over two
 * inputs, the others held fixed. It evaluates the network, nothing more: a picture, not a proof.
 * Runs in its own worker so the page stays responsive while it computes.
 */
export interface SliceConfig {
  network: NetworkRef;
  networkData?: SolverRequest['networkData'];
  units: Units;
  /** The inputs on the horizontal and vertical axes. */
  x: number;
  y: number;
  xRange: [number, number];
  yRange: [number, number];
  /** Values of all inputs (the two axes' entries are ignored). */
  fixed: number[];
  resolution: number;
}

export interface SliceResult {
  summary: { resolution: number; outputs: number };
  /** Row-major, row 0 at the top (largest y): the index of the smallest output at each cell's centre. */
  trace: { advisory: Uint8Array };
}

export const sliceEngine: Engine<SliceConfig, SliceResult> = {
  run(config, _seed, ctx) {
    const model = loadNetwork(config.network, config.networkData);
    const n = model.network.inputSize;
    const { x, y, resolution: res } = config;
    if (x === y || x < 0 || y < 0 || x >= n || y >= n) throw new InputError(`the slice needs two different inputs between 0 and ${n - 1}`);
    if (!(res >= 2 && res <= 512)) throw new InputError('the slice resolution must be between 2 and 512');
    const point = Float64Array.from({ length: n }, (_, i) => config.fixed[i] ?? 0);
    const advisory = new Uint8Array(res * res);
    const outputs = (p: Float64Array) => evaluateModel(model, p, config.units);
    for (let row = 0; row < res; row++) {
      point[y] = config.yRange[1] - ((row + 0.5) / res) * (config.yRange[1] - config.yRange[0]);
      for (let col = 0; col < res; col++) {
        point[x] = config.xRange[0] + ((col + 0.5) / res) * (config.xRange[1] - config.xRange[0]);
        advisory[row * res + col] = argmin(outputs(point));
      }
      ctx.tick(res);
      ctx.progress({ done: row + 1, total: res, label: 'rows' });
    }
    return { summary: { resolution: res, outputs: model.network.outputSize }, trace: { advisory } };
  },
};

import type { NetworkBounds } from '../bounds/networkBounds.ts';
import type { Network } from '../model/network.ts';
import { sigmoid } from '../bounds/relaxation.ts';

/**
 * Interval gradients (ReluVal, Wang et al. USENIX Security 2018): bounds on ∂(c·y)/∂xᵢ over a box,
 * where an undecided ReLU's derivative is [0, 1] and a sigmoid's or tanh's is its range over the
 * neuron's bounds. The "smear" |∂/∂xᵢ|·widthᵢ then says which input dimension can move the output
 * most, the one to bisect. A heuristic only: nothing here needs to be sound.
 */
export class IntervalGradient {
  private readonly gLo: Float64Array;
  private readonly gHi: Float64Array;
  private readonly tLo: Float64Array;
  private readonly tHi: Float64Array;

  constructor(private readonly net: Network) {
    const widest = Math.max(net.inputSize, ...net.layers.map((l) => l.outSize));
    this.gLo = new Float64Array(widest);
    this.gHi = new Float64Array(widest);
    this.tLo = new Float64Array(widest);
    this.tHi = new Float64Array(widest);
  }

  /** Writes max |∂(c·y)/∂xᵢ| over the box into `out`. */
  magnitude(bounds: NetworkBounds, c: ArrayLike<number>, out: Float64Array): void {
    const { net, gLo, gHi, tLo, tHi } = this;
    for (let j = 0; j < net.outputSize; j++) gLo[j] = gHi[j] = c[j]!;
    for (let k = net.layers.length - 1; k >= 0; k--) {
      const layer = net.layers[k]!;
      const lo = bounds.lo[k]!;
      const hi = bounds.hi[k]!;
      for (let j = 0; j < layer.outSize; j++) {
        let dLo = 1;
        let dHi = 1;
        if (layer.activation === 'relu') {
          dLo = lo[j]! > 0 ? 1 : 0;
          dHi = hi[j]! > 0 ? 1 : 0;
        } else if (layer.activation !== 'identity') {
          const d = (z: number) => (layer.activation === 'sigmoid' ? sigmoid(z) * (1 - sigmoid(z)) : 1 - Math.tanh(z) ** 2);
          const a = d(lo[j]!);
          const b = d(hi[j]!);
          dLo = Math.min(a, b);
          dHi = lo[j]! < 0 && hi[j]! > 0 ? d(0) : Math.max(a, b);
        }
        // [gLo, gHi] · [dLo, dHi] with dLo, dHi ≥ 0
        const p = gLo[j]!;
        const q = gHi[j]!;
        tLo[j] = Math.min(p * dLo, p * dHi);
        tHi[j] = Math.max(q * dLo, q * dHi);
      }
      gLo.fill(0, 0, layer.inSize);
      gHi.fill(0, 0, layer.inSize);
      const w = layer.weights;
      for (let j = 0; j < layer.outSize; j++) {
        const a = tLo[j]!;
        const b = tHi[j]!;
        if (a === 0 && b === 0) continue;
        const row = j * layer.inSize;
        for (let l = 0; l < layer.inSize; l++) {
          const v = w[row + l]!;
          if (v >= 0) {
            gLo[l] = gLo[l]! + v * a;
            gHi[l] = gHi[l]! + v * b;
          } else {
            gLo[l] = gLo[l]! + v * b;
            gHi[l] = gHi[l]! + v * a;
          }
        }
      }
    }
    for (let i = 0; i < net.inputSize; i++) out[i] = Math.max(Math.abs(gLo[i]!), Math.abs(gHi[i]!));
  }
}

import { affine, transposedProduct } from '../src/engines/solver/model/dense.ts';
import { mulberry32 } from '../src/engines/random.ts';
import { measure, report, type Benchmark } from './harness.ts';

/**
 * The dense layer products of the solver's inner loops (src/engines/solver/model/dense.ts) on the
 * first layer of VNN-COMP's mnist-net_256x*: 256 × 784, where back-substitution and the attack
 * spend most of their time. Each against the plain loop (one row at a time) in the same run, on
 * the CPU clock; the multipliers ν are half zeros, as the inactive ReLUs of a subdomain leave them.
 */
const IN = 784;
const OUT = 256;

function plainAffine(w: Float64Array, bias: Float64Array, x: Float64Array, z: Float64Array): void {
  for (let i = 0; i < OUT; i++) {
    let s = bias[i]!;
    const row = i * IN;
    for (let j = 0; j < IN; j++) s += w[row + j]! * x[j]!;
    z[i] = s;
  }
}

function plainTransposed(w: Float64Array, nu: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let j = 0; j < OUT; j++) {
    const v = nu[j]!;
    if (v === 0) continue;
    const row = j * IN;
    for (let l = 0; l < IN; l++) out[l] = out[l]! + v * w[row + l]!;
  }
}

const bench: Benchmark = {
  name: 'dense',
  run() {
    const random = mulberry32(1);
    const w = Float64Array.from({ length: IN * OUT }, () => random() - 0.5);
    const bias = Float64Array.from({ length: OUT }, () => random() - 0.5);
    const x = Float64Array.from({ length: IN }, () => random());
    const nu = Float64Array.from({ length: OUT }, () => (random() < 0.5 ? 0 : random() - 0.5));
    const z = new Float64Array(OUT);
    const out = new Float64Array(IN);
    const rows = new Int32Array(OUT);
    const products = IN * OUT;
    const blockedForward = measure(() => (affine(w, bias, IN, OUT, x, z), products));
    const plainForward = measure(() => (plainAffine(w, bias, x, z), products));
    const blockedBack = measure(() => (transposedProduct(w, IN, OUT, nu, out, rows), products));
    const plainBack = measure(() => (plainTransposed(w, nu, out), products));
    report({ name: 'W x + b, 256 × 784 (four rows at a time)', value: blockedForward.perCpuSecond / 1e9, unit: 'G products/cpu-s', baseline: { name: 'one row at a time', value: plainForward.perCpuSecond / 1e9 } });
    report({ name: 'Wᵀ ν, 256 × 784, half of ν zero', value: blockedBack.perCpuSecond / 1e9, unit: 'G products/cpu-s', baseline: { name: 'one row at a time', value: plainBack.perCpuSecond / 1e9 } });
  },
};
export default bench;

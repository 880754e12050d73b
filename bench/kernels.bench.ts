import { createThreadPool } from '../src/cli/kernels/threadPool.ts';
import type { KernelsConfig, ParallelPool } from '../src/engines/kernels/api.ts';
import { inThread, runCompiled } from '../src/engines/kernels/backends/compiled.ts';
import { maxUlps } from '../src/engines/kernels/backends/compare.ts';
import { runNaive } from '../src/engines/kernels/backends/naive.ts';
import { poolExecutor } from '../src/engines/kernels/backends/parallel.ts';
import type { Arr, BackendRun, ProgramInputs } from '../src/engines/kernels/backends/types.ts';
import type { RunSizes } from '../src/engines/kernels/backends/sizes.ts';
import { ERF_JS } from '../src/engines/kernels/codegen/erf.ts';
import { compile, type Compiled } from '../src/engines/kernels/compile.ts';
import { makeInputs } from '../src/engines/kernels/inputs/params.ts';
import { BLACK_SCHOLES, BLUR } from '../src/engines/kernels/test/backends.ts';
import { report, type Benchmark } from './harness.ts';

/**
 * `npm run bench -- kernels [--options N] [--side S] [--iterations K] [--repeats R]`
 * Black-Scholes (10^7 options), the slide's 5x5 blur and a heat stencil (2048x2048, 20 iterations):
 * each backend's median time against the naive backend and against a hand-written fused JavaScript
 * loop of the same kernel written here (the honest baseline); the blur's memory bandwidth against
 * a triad measured in the same run. The naive stencils allocate a whole-image temporary per
 * operation, so they are timed on fewer iterations and scaled (said on their line).
 */

const HEAT = `@acc function heat(u, iterations)
    tmp = Array(Float32, size(u)...)
    runStencil(tmp, u, iterations, :oob_wraparound) do b, a
        b[0,0] = a[0,0] + 0.2 * (a[-1,0] + a[1,0] + a[0,-1] + a[0,1] - 4 * a[0,0])
        return a, b
    end
    return u
end`;

const erf = new Function(`${ERF_JS}\nreturn erf;`)() as (x: number) => number;

/** Black-Scholes written by hand: one loop, the slide's operations in the slide's order. */
function handBlackScholes(s: Float64Array, k: Float64Array, r: Float64Array, v: Float64Array, t: Float64Array, put: Float64Array): void {
  for (let i = 0; i < put.length; i++) {
    const logterm = Math.log10(s[i]! / k[i]!);
    const powterm = 0.5 * v[i]! * v[i]!;
    const den = v[i]! * Math.sqrt(t[i]!);
    const d1 = ((r[i]! + powterm) * t[i]! + logterm) / den;
    const d2 = d1 - den;
    const n1 = 0.5 + 0.5 * erf(0.707106781 * d1);
    const n2 = 0.5 + 0.5 * erf(0.707106781 * d2);
    const fv = k[i]! * Math.exp(-r[i]! * t[i]!);
    const call = s[i]! * n1 - fv * n2;
    put[i] = call - fv + s[i]!;
  }
}

/** The 5x5 blur by hand (:oob_skip: the border is left alone), one sweep, the 25 taps written out. */
function handBlurSweep(a: Float32Array, b: Float32Array, w: number, h: number): void {
  for (let y = 2; y < h - 2; y++)
    for (let x = 2; x < w - 2; x++) {
      const o = y * w + x;
      const m2 = o - 2 * w;
      const m1 = o - w;
      const p1 = o + w;
      const p2 = o + 2 * w;
      b[o] =
        a[m2 - 2]! * 0.003 + a[m2 - 1]! * 0.0133 + a[m2]! * 0.0219 + a[m2 + 1]! * 0.0133 + a[m2 + 2]! * 0.003 +
        a[m1 - 2]! * 0.0133 + a[m1 - 1]! * 0.0596 + a[m1]! * 0.0983 + a[m1 + 1]! * 0.0596 + a[m1 + 2]! * 0.0133 +
        a[o - 2]! * 0.0219 + a[o - 1]! * 0.0983 + a[o]! * 0.1621 + a[o + 1]! * 0.0983 + a[o + 2]! * 0.0219 +
        a[p1 - 2]! * 0.0133 + a[p1 - 1]! * 0.0596 + a[p1]! * 0.0983 + a[p1 + 1]! * 0.0596 + a[p1 + 2]! * 0.0133 +
        a[p2 - 2]! * 0.003 + a[p2 - 1]! * 0.0133 + a[p2]! * 0.0219 + a[p2 + 1]! * 0.0133 + a[p2 + 2]! * 0.003;
    }
}

function handHeatSweep(a: Float32Array, b: Float32Array, w: number, h: number): void {
  for (let y = 0; y < h; y++) {
    const up = ((y + h - 1) % h) * w;
    const down = ((y + 1) % h) * w;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const c = a[row + x]!;
      b[row + x] = c + 0.2 * (a[row + ((x + w - 1) % w)]! + a[row + ((x + 1) % w)]! + a[up + x]! + a[down + x]! - 4 * c);
    }
  }
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** Median of `repeats` timed runs, after one untimed warm-up run when there are several. */
async function timed(repeats: number, f: () => Promise<BackendRun> | BackendRun): Promise<{ millis: number; run: BackendRun }> {
  if (repeats > 1) await f();
  const runs: BackendRun[] = [];
  for (let k = 0; k < repeats; k++) runs.push(await f());
  return { millis: median(runs.map((r) => r.millis)), run: runs[runs.length - 1]! };
}

function handTimed(repeats: number, f: () => void): number {
  if (repeats > 1) f();
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const start = performance.now();
    f();
    times.push(performance.now() - start);
  }
  return median(times);
}

interface Case {
  c: Compiled;
  inputs: ProgramInputs;
  sizes: RunSizes;
}

function prepare(source: string, config: Partial<KernelsConfig>): Case {
  const c = compile(source);
  const full: KernelsConfig = { source, size: 1, backends: [], workers: 1, repeats: 1, ...config };
  const { inputs, sizes } = makeInputs(c.domain, full, full.size, 1);
  return { c, inputs, sizes };
}

/** The compiled backends' lines; `unit` turns milliseconds into what is reported (times: lower is better). */
async function compiledLines(name: string, k: Case, pool: ParallelPool, repeats: number, hand: number, naive: number, unit: (ms: number) => number, unitName: string, reference: (Arr | number)[]) {
  const lowerIsBetter = unitName === 'ms';
  const fused = await timed(repeats, () => runCompiled(k.c, k.inputs, k.sizes, inThread));
  report({ name: `${name}: fused (compiled, 1 thread)`, value: unit(fused.millis), unit: unitName, lowerIsBetter, baseline: { name: 'hand-written loop', value: unit(hand) }, note: `${(naive / fused.millis).toFixed(1)}x naive; ${maxUlps(reference, fused.run.outputs)} ulps` });
  for (const w of [1, 2]) {
    const par = await timed(repeats, () => runCompiled(k.c, k.inputs, k.sizes, poolExecutor(pool, w)));
    report({ name: `${name}: parallel, ${w} worker${w > 1 ? 's' : ''}`, value: unit(par.millis), unit: unitName, lowerIsBetter, baseline: { name: 'fused on 1', value: unit(fused.millis) }, note: `${(naive / par.millis).toFixed(1)}x naive, ${(hand / par.millis).toFixed(2)}x hand-written; ${maxUlps(reference, par.run.outputs)} ulps` });
  }
}

async function blackScholes(pool: ParallelPool, n: number, repeats: number): Promise<void> {
  console.log(`  Black-Scholes, ${n.toLocaleString('en-US')} options (M options/s; higher is better)`);
  const k = prepare(BLACK_SCHOLES, { size: n });
  const perSecond = (ms: number) => (n / ms) * 1000;
  const naive = await timed(1, () => runNaive(k.c.domain, k.inputs, k.sizes));
  const [s, strike, r, v, t] = [...k.inputs.arrays.values()] as Float64Array[];
  const put = new Float64Array(n);
  const hand = handTimed(repeats, () => handBlackScholes(s!, strike!, r!, v!, t!, put));
  report({ name: 'Black-Scholes: naive (a temporary per operation)', value: perSecond(naive.millis), unit: 'options/s', note: `${(naive.run.temporaryBytes / 1e9).toFixed(2)} GB of temporaries` });
  report({ name: 'Black-Scholes: hand-written fused loop', value: perSecond(hand), unit: 'options/s', baseline: { name: 'naive', value: perSecond(naive.millis) }, note: `${maxUlps(naive.run.outputs, [put])} ulps from naive` });
  await compiledLines('Black-Scholes', k, pool, repeats, hand, naive.millis, perSecond, 'options/s', naive.run.outputs);
}

async function stencil(pool: ParallelPool, name: string, source: string, side: number, iterations: number, repeats: number, sweep: (a: Float32Array, b: Float32Array, w: number, h: number) => void): Promise<number> {
  console.log(`  ${name}, ${side}x${side}, ${iterations} iterations (ms; lower is better)`);
  const k = prepare(source, { image: { width: side, height: side, builtin: 'rings' }, params: { iterations } });
  const naiveIterations = Math.min(iterations, 2);
  const small = prepare(source, { image: { width: side, height: side, builtin: 'rings' }, params: { iterations: naiveIterations } });
  const naiveRun = await timed(1, () => runNaive(small.c.domain, small.inputs, small.sizes));
  const naive = (naiveRun.millis * iterations) / naiveIterations;
  const image = [...k.inputs.arrays.values()][0] as Float32Array;
  const hand = handTimed(repeats, () => {
    let [a, b] = [image.slice(), new Float32Array(side * side)];
    for (let it = 0; it < iterations; it++) {
      sweep(a, b, side, side);
      [a, b] = [b, a];
    }
  });
  const reference = runNaive(k.c.domain, k.inputs, k.sizes);
  report({ name: `${name}: naive`, value: naive, unit: 'ms', lowerIsBetter: true, note: `timed on ${naiveIterations} iterations, scaled to ${iterations}` });
  report({ name: `${name}: hand-written fused loop`, value: hand, unit: 'ms', lowerIsBetter: true, baseline: { name: 'naive', value: naive } });
  await compiledLines(name, k, pool, repeats, hand, naive, (ms) => ms, 'ms', reference.outputs);
  return hand;
}

/** STREAM's triad a = b + s * c over float32 arrays larger than the caches: bytes moved per second. */
function triad(): number {
  const n = 1 << 24;
  const a = new Float32Array(n);
  const b = new Float32Array(n).fill(1);
  const c = new Float32Array(n).fill(2);
  const ms = handTimed(5, () => {
    for (let i = 0; i < n; i++) a[i] = b[i]! + 0.5 * c[i]!;
  });
  return (12 * n) / (ms / 1000);
}

const bench: Benchmark = {
  name: 'kernels',
  async run(args) {
    const opt = (name: string, fallback: number) => {
      const k = args.indexOf(`--${name}`);
      return k >= 0 ? Number(args[k + 1]) : fallback;
    };
    const repeats = opt('repeats', 3);
    const side = opt('side', 2048);
    const iterations = opt('iterations', 20);
    const pool = createThreadPool(2);
    console.log('  (the machine is shared: other engineers were using its 2 cores during this run)');
    try {
      await blackScholes(pool, opt('options', 10_000_000), repeats);
      const blurMs = await stencil(pool, 'blur 5x5', BLUR, side, iterations, repeats, handBlurSweep);
      const bandwidth = triad();
      const blurBytes = 8 * side * side * iterations;
      report({ name: 'memory: triad (float32, 2^24 elements)', value: bandwidth / 1e9, unit: 'GB/s' });
      report({ name: 'memory: hand-written blur (4 B read + 4 B written per pixel)', value: blurBytes / (blurMs / 1000) / 1e9, unit: 'GB/s', baseline: { name: 'triad', value: bandwidth / 1e9 } });
      await stencil(pool, 'heat (wrap-around)', HEAT, side, iterations, repeats, handHeatSweep);
    } finally {
      pool.dispose();
    }
  },
};

export default bench;

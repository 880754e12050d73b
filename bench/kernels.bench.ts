import { loadavg } from 'node:os';
import { createThreadPool } from '../src/cli/kernels/threadPool.ts';
import type { KernelsConfig, ParallelPool } from '../src/engines/kernels/api.ts';
import { inThread, runCompiled, type Executor } from '../src/engines/kernels/backends/compiled.ts';
import { maxUlps } from '../src/engines/kernels/backends/compare.ts';
import { runNaive } from '../src/engines/kernels/backends/naive.ts';
import { poolExecutor } from '../src/engines/kernels/backends/parallel.ts';
import type { BackendRun, ProgramInputs } from '../src/engines/kernels/backends/types.ts';
import { runWasm, wasmPool, type WasmExecutor } from '../src/engines/kernels/backends/wasm.ts';
import type { RunSizes } from '../src/engines/kernels/backends/sizes.ts';
import { compile, type Compiled } from '../src/engines/kernels/compile.ts';
import { makeInputs } from '../src/engines/kernels/inputs/params.ts';
import { BLACK_SCHOLES, BLUR } from '../src/engines/kernels/test/backends.ts';
import { handBlackScholes, handBlurSweep, handHeatSweep, HEAT, TRIAD_KERNEL, triad } from './kernels/hand.ts';
import { report, type Benchmark } from './harness.ts';

/**
 * `npm run bench -- kernels [--full] [--options N] [--side S] [--iterations K] [--rounds R]`
 * Black-Scholes (also on the WebAssembly SIMD backend, 1 and 2 workers), the slide's 5x5 blur and a heat stencil: each backend's time against the naive
 * backend and against a hand-written fused JavaScript loop of the same kernel (bench/kernels/
 * hand.ts, the honest baseline); the blur's memory bandwidth against a triad measured in the same
 * run. Quick by default (10^6 options, 1024x1024, 10 iterations); `--full` runs the sizes
 * (10^7 options, 2048x2048, 20 iterations).
 *
 * The machine is shared, so contenders run interleaved: after a warm-up round, each of `rounds`
 * rounds runs every contender once, and each line reports its best round (the least disturbed).
 * Lines also give ratios of CPU times (process.cpuUsage), which other programs' load does not
 * inflate: fused against hand-written, and the parallel workers' time added up against fused's. The naive stencils allocate a whole-image temporary per operation, so
 * they are timed on one iteration and scaled (said on their line); their agreement with the
 * compiled backends is checked on that iteration.
 */

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

/** A contender: one run, returning the wall-clock and (single-thread contenders) CPU ms of its work, set-up excluded. */
interface Timing {
  millis: number;
  cpuMillis?: number;
}

interface Contender {
  name: string;
  run(): Promise<Timing> | Timing;
}

interface Best {
  millis: number;
  cpuMillis: number;
}

/** Runs every contender once per round, after a warm-up round; the best wall and CPU time of each. */
async function interleaved(contenders: Contender[], rounds: number): Promise<Map<string, Best>> {
  const best = new Map<string, Best>(contenders.map((c) => [c.name, { millis: Infinity, cpuMillis: Infinity }]));
  for (let round = 0; round <= rounds; round++)
    for (const c of contenders) {
      const t = await c.run();
      if (round === 0) continue;
      const b = best.get(c.name)!;
      b.millis = Math.min(b.millis, t.millis);
      b.cpuMillis = Math.min(b.cpuMillis, t.cpuMillis ?? Infinity);
    }
  return best;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function timedHand(f: () => void): () => Timing {
  return () => {
    const [start, cpu] = [performance.now(), cpuNow()];
    f();
    return { millis: performance.now() - start, cpuMillis: cpuNow() - cpu };
  };
}

/** Adds the CPU time of `work` to `cpu.millis`. */
async function counted(cpu: { millis: number }, work: () => void | Promise<void>): Promise<void> {
  const start = cpuNow();
  await work();
  cpu.millis += cpuNow() - start;
}

/**
 * `exec` with its loops' CPU time added up in `cpu.millis` (buffer set-up excluded). The count is
 * the process's, so for the parallel backend it is the workers' time added up while the main
 * thread waits: the work the split costs, which the load of other programs does not inflate.
 */
function cpuCounted(exec: Executor, cpu: { millis: number }): Executor {
  return { shared: exec.shared, loop: (code, buffers, scalars, n, align) => counted(cpu, () => exec.loop(code, buffers, scalars, n, align)) };
}

function cpuCountedWasm(exec: WasmExecutor, cpu: { millis: number }): WasmExecutor {
  return { loop: (kernel, n, align) => counted(cpu, () => exec.loop(kernel, n, align)) };
}

/** One run of a backend on a case, its loops' CPU time counted. */
type Runner = (k: Case, cpu: { millis: number }) => Promise<BackendRun>;

/** One compiled run as a contender; `check` sees its outputs. */
function compiledRun(k: Case, line: string, runner: Runner, check?: (outputs: (Float32Array | Float64Array | number)[]) => void): Contender {
  return {
    name: line,
    async run() {
      const cpu = { millis: 0 };
      const run = await runner(k, cpu);
      check?.(run.outputs);
      return { millis: run.millis, cpuMillis: cpu.millis };
    },
  };
}

const onJs = (exec: Executor): Runner => (k, cpu) => runCompiled(k.c, k.inputs, k.sizes, cpuCounted(exec, cpu));
const onWasm = (exec: WasmExecutor): Runner => (k, cpu) => runWasm(k.c, k.inputs, k.sizes, cpuCountedWasm(exec, cpu));

const executors = (pool: ParallelPool): [string, Runner][] => [
  ['fused (compiled, 1 thread)', onJs(inThread)],
  ['parallel, 1 worker', onJs(poolExecutor(pool, 1))],
  ['parallel, 2 workers', onJs(poolExecutor(pool, 2))],
];

/** The WebAssembly backend (element-wise loops and reductions; stencils stay JavaScript). */
const wasmExecutors = (pool: ParallelPool): [string, Runner][] => [
  ['wasm SIMD, 1 worker', onWasm(wasmPool(pool, 1))],
  ['wasm SIMD, 2 workers', onWasm(wasmPool(pool, 2))],
];

/** The compiled backends' lines; `unit` turns ms into what is reported (ms: lower is better). */
function compiledLines(name: string, best: Map<string, Best>, naive: number, unit: (ms: number) => number, unitName: string, ulps: Map<string, number>): void {
  const lowerIsBetter = unitName === 'ms';
  const hand = best.get('hand')!;
  const fused = best.get('fused (compiled, 1 thread)')!;
  for (const [line, b] of best) {
    if (line === 'hand') continue;
    const isFused = b === fused;
    const baseline = isFused ? { name: 'hand-written loop', value: unit(hand.millis) } : { name: 'fused on 1', value: unit(fused.millis) };
    const cpu = isFused
      ? `; CPU time ${(hand.cpuMillis / b.cpuMillis).toFixed(2)}x hand-written`
      : `, ${(hand.millis / b.millis).toFixed(2)}x hand-written; the workers' CPU time ${(b.cpuMillis / fused.cpuMillis).toFixed(2)}x fused's`;
    report({ name: `${name}: ${line}`, value: unit(b.millis), unit: unitName, lowerIsBetter, baseline, note: `${(naive / b.millis).toFixed(1)}x naive${cpu}; ${ulps.get(line)} ulps from naive` });
  }
}

async function blackScholes(pool: ParallelPool, n: number, rounds: number): Promise<void> {
  console.log(`\n  Black-Scholes, ${n.toLocaleString('en-US')} options (options/s; higher is better)`);
  const k = prepare(BLACK_SCHOLES, { size: n });
  const perSecond = (ms: number) => (n / ms) * 1000;
  const naive = runNaive(k.c.domain, k.inputs, k.sizes);
  const [s, strike, r, v, t] = [...k.inputs.arrays.values()] as Float64Array[];
  const put = new Float64Array(n);
  const ulps = new Map<string, number>();
  const contenders: Contender[] = [
    { name: 'hand', run: timedHand(() => handBlackScholes(s!, strike!, r!, v!, t!, put)) },
    ...[...executors(pool), ...wasmExecutors(pool)].map(([name, runner]) => compiledRun(k, name, runner, (outputs) => ulps.set(name, maxUlps(naive.outputs, outputs)))),
  ];
  const best = await interleaved(contenders, rounds);
  const hand = best.get('hand')!.millis;
  report({ name: 'Black-Scholes: naive (a temporary per operation)', value: perSecond(naive.millis), unit: 'options/s', note: `one run; ${(naive.temporaryBytes / 1e9).toFixed(2)} GB of temporaries` });
  report({ name: 'Black-Scholes: hand-written fused loop', value: perSecond(hand), unit: 'options/s', baseline: { name: 'naive', value: perSecond(naive.millis) }, note: `${maxUlps(naive.outputs, [put])} ulps from naive` });
  compiledLines('Black-Scholes', best, naive.millis, perSecond, 'options/s', ulps);
}

type Sweep = (a: Float32Array, b: Float32Array, w: number, h: number) => void;

/** Runs a stencil case; returns the best times of its contenders (ms). */
async function stencil(pool: ParallelPool, name: string, source: string, side: number, iterations: number, rounds: number, sweep: Sweep): Promise<Map<string, Best>> {
  console.log(`\n  ${name}, ${side}x${side}, ${iterations} iterations (ms; lower is better)`);
  const image = { width: side, height: side, builtin: 'rings' };
  const k = prepare(source, { image, params: { iterations } });
  // The naive run and the agreement check, on one iteration.
  const one = prepare(source, { image, params: { iterations: 1 } });
  const naiveRun = runNaive(one.c.domain, one.inputs, one.sizes);
  const ulps = new Map<string, number>();
  for (const [line, runner] of executors(pool)) ulps.set(line, maxUlps(naiveRun.outputs, (await runner(one, { millis: 0 })).outputs));
  const naive = naiveRun.millis * iterations;
  const start = [...k.inputs.arrays.values()][0] as Float32Array;
  const contenders: Contender[] = [
    {
      name: 'hand',
      run: timedHand(() => {
        let [a, b] = [start.slice(), new Float32Array(side * side)];
        for (let it = 0; it < iterations; it++) {
          sweep(a, b, side, side);
          [a, b] = [b, a];
        }
      }),
    },
    ...executors(pool).map(([line, runner]) => compiledRun(k, line, runner)),
  ];
  const best = await interleaved(contenders, rounds);
  report({ name: `${name}: naive`, value: naive, unit: 'ms', lowerIsBetter: true, note: `timed on 1 iteration (${naiveRun.millis.toFixed(0)} ms), times ${iterations}; ${(naiveRun.temporaryBytes / 1e9).toFixed(2)} GB of temporaries per iteration` });
  report({ name: `${name}: hand-written fused loop`, value: best.get('hand')!.millis, unit: 'ms', lowerIsBetter: true, baseline: { name: 'naive', value: naive } });
  compiledLines(name, best, naive, (ms) => ms, 'ms', ulps);
  return best;
}

/** STREAM's triad on one thread (hand-written) and on 2 workers (the pool, our own kernel text). */
async function triads(pool: ParallelPool): Promise<{ one: number; two: number }> {
  const n = 1 << 24;
  const buffers = [new SharedArrayBuffer(4 * n), new SharedArrayBuffer(4 * n), new SharedArrayBuffer(4 * n)];
  new Float32Array(buffers[1]!).fill(1);
  new Float32Array(buffers[2]!).fill(2);
  const [a, b, c] = buffers.map((x) => new Float32Array(x)) as [Float32Array, Float32Array, Float32Array];
  const half = n / 2;
  const best = await interleaved(
    [
      { name: 'one', run: timedHand(() => triad(a, b, c)) },
      {
        name: 'two',
        run: async () => {
          const start = performance.now();
          await pool.run({ code: TRIAD_KERNEL, buffers, scalars: [] }, [[0, half], [half, n]]);
          return { millis: performance.now() - start };
        },
      },
    ],
    5,
  );
  const gbps = (ms: number) => (12 * n) / (ms / 1000) / 1e9;
  return { one: gbps(best.get('one')!.millis), two: gbps(best.get('two')!.millis) };
}

function bandwidth(blur: Map<string, Best>, side: number, iterations: number, triad: { one: number; two: number }): void {
  const gbps = (ms: number) => (8 * side * side * iterations) / (ms / 1000) / 1e9;
  report({ name: 'memory: triad a = b + 0.5 c (float32, 2^24), 1 thread', value: triad.one, unit: 'GB/s' });
  report({ name: 'memory: the same triad on 2 workers', value: triad.two, unit: 'GB/s' });
  const lines: [string, string, number][] = [['hand-written', 'hand', triad.one], ['fused', 'fused (compiled, 1 thread)', triad.one], ['parallel, 2 workers', 'parallel, 2 workers', triad.two]];
  for (const [label, key, against] of lines)
    report({ name: `memory: blur, ${label} (4 B read + 4 B written a pixel)`, value: gbps(blur.get(key)!.millis), unit: 'GB/s', baseline: { name: `triad on ${key.includes('2') ? 2 : 1}`, value: against } });
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');

const bench: Benchmark = {
  name: 'kernels',
  async run(args) {
    const full = args.includes('--full');
    const opt = (name: string, fallback: number) => {
      const k = args.indexOf(`--${name}`);
      return k >= 0 ? Number(args[k + 1]) : fallback;
    };
    const rounds = opt('rounds', 3);
    const side = opt('side', full ? 2048 : 1024);
    const iterations = opt('iterations', full ? 20 : 10);
    const pool = createThreadPool(2);
    console.log(`  ${full ? 'the issue\'s sizes (--full)' : 'quick sizes (--full for the issue\'s)'}; best of ${rounds} interleaved rounds after a warm-up round`);
    console.log(`  load average at the start: ${load()} (2 cores, shared with other engineers' work)`);
    try {
      await blackScholes(pool, opt('options', full ? 10_000_000 : 1_000_000), rounds);
      const blur = await stencil(pool, 'blur 5x5', BLUR, side, iterations, rounds, handBlurSweep);
      bandwidth(blur, side, iterations, await triads(pool));
      await stencil(pool, 'heat (wrap-around)', HEAT, side, iterations, rounds, handHeatSweep);
    } finally {
      pool.dispose();
    }
    console.log(`\n  load average at the end: ${load()}`);
  },
};

export default bench;

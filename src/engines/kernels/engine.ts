import { InputError, type Engine, type RunContext } from '../contract.ts';
import type { BackendId, BackendTiming, GpuHost, KernelsConfig, KernelsResult, KernelsTrace, OutputInfo, ParallelPool } from './api.ts';
import { compile, type Compiled } from './compile.ts';
import { checksum, maxUlps } from './backends/compare.ts';
import { inThread, runCompiled } from './backends/compiled.ts';
import { runNaive } from './backends/naive.ts';
import { poolExecutor } from './backends/parallel.ts';
import { MAX_ELEMENTS, valueElements, type RunSizes } from './backends/sizes.ts';
import type { Arr, BackendRun, ProgramInputs } from './backends/types.ts';
import { runWasm, wasmInThread, wasmPool, wasmUnsupported } from './backends/wasm.ts';
import { runWebgpu } from './backends/webgpu.ts';
import { makeInputs } from './inputs/params.ts';
import { FrameRecorder } from './trace/frames.ts';

/** Below this many elements a warm-up run costs little and a cold run would time the JIT. */
const WARM_ALWAYS_BELOW = 100_000;

const BACKENDS: readonly BackendId[] = ['naive', 'fused', 'parallel', 'wasm', 'webgpu'];

/** Backends timed at every worker count of the run (the pool's workers run their loops). */
const ON_WORKERS: readonly BackendId[] = ['parallel', 'wasm'];

export interface KernelsHost {
  pool?: ParallelPool;
  gpu?: GpuHost;
  /** Why there is no GPU (the browser knows: no navigator.gpu, no adapter), for webgpu's `unavailable`. */
  gpuMissing?: string;
}

/**
 * The kernels engine: compiles the program (compile.ts), makes seeded inputs, runs the naive
 * reference once per size, then times each requested backend (median of `repeats`) and checks it
 * against the reference. Pools and GPUs are injected, so the engine itself stays pure.
 */
export function createKernelsEngine(host: KernelsHost = {}): Engine<KernelsConfig, KernelsResult> {
  return { run: (config, seed, ctx) => runKernels(config, seed, ctx, host) };
}

function check(config: KernelsConfig): void {
  const whole = (v: number, lo: number, hi: number, what: string) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new InputError(`${what} must be a whole number from ${lo} to ${hi}, not ${v}.`);
  };
  whole(config.size, 1, MAX_ELEMENTS, 'The size');
  whole(config.workers, 1, 256, 'The number of workers');
  whole(config.repeats, 1, 100, 'The number of repeats');
  for (const b of config.backends) if (!BACKENDS.includes(b)) throw new InputError(`Unknown backend "${b}"; the backends are ${BACKENDS.join(', ')}.`);
  for (const s of config.sweep?.sizes ?? []) whole(s, 1, MAX_ELEMENTS, 'A sweep size');
  for (const w of config.sweep?.workers ?? []) whole(w, 1, 256, 'A sweep worker count');
}

async function runKernels(config: KernelsConfig, seed: number, ctx: RunContext, host: KernelsHost): Promise<KernelsResult> {
  check(config);
  const compiled = compile(config.source);
  const hasVectors = compiled.domain.params.some((p) => p.kind === 'vector');
  const sizes = hasVectors ? [...new Set([config.size, ...(config.sweep?.sizes ?? [])])].sort((a, b) => a - b) : [config.size];
  const workerCounts = [...new Set([config.workers, ...(config.sweep?.workers ?? [])])].sort((a, b) => a - b);
  const plan = runsPlanned(config, workerCounts);
  const warmUps = sizes.filter((n, k) => k === 0 || n < WARM_ALWAYS_BELOW).length;
  const total = sizes.length * (1 + plan.length * config.repeats) + plan.length * warmUps;
  let done = 0;
  const timings: BackendTiming[] = [];
  let outputs: OutputInfo[] = [];
  let trace: KernelsTrace = {};
  let lengthOf: ((v: number) => number) | undefined;
  for (const n of sizes) {
    const { inputs, sizes: runSizes } = makeInputs(compiled.domain, config, n, seed);
    const recorder = n === config.size ? new FrameRecorder(config.frames ?? 6, compiled, runSizes) : undefined;
    const reference = runNaive(compiled.domain, inputs, runSizes, recorder);
    ctx.tick(work(compiled, runSizes));
    ctx.progress({ done: ++done, total, label: `naive reference, ${n.toLocaleString('en-US')}` });
    if (n === config.size) {
      outputs = describeOutputs(compiled, reference.outputs);
      trace = recorder?.trace() ?? {};
      lengthOf = valueElements(compiled.domain, runSizes);
    }
    for (const { backend, workers } of plan) {
      const label = `${backend}${ON_WORKERS.includes(backend) ? `, ${workers} worker${workers > 1 ? 's' : ''}` : ''}, ${n.toLocaleString('en-US')}`;
      const timing = await timeBackend(compiled, inputs, runSizes, backend, workers, config.repeats, n === sizes[0] || n < WARM_ALWAYS_BELOW, host, reference, () => {
        ctx.tick(work(compiled, runSizes));
        ctx.progress({ done: ++done, total, label });
      });
      timings.push(timing);
    }
  }
  const compilation = lengthOf ? compile(config.source, lengthOf).compilation : compiled.compilation;
  return { summary: { compilation, outputs, timings }, trace };
}

function runsPlanned(config: KernelsConfig, workerCounts: number[]): { backend: BackendId; workers: number }[] {
  return config.backends.flatMap((backend): { backend: BackendId; workers: number }[] => (ON_WORKERS.includes(backend) ? workerCounts.map((workers) => ({ backend, workers })) : [{ backend, workers: 1 }]));
}

async function timeBackend(
  c: Compiled, inputs: ProgramInputs, sizes: RunSizes, backend: BackendId, workers: number, repeats: number, warmUp: boolean,
  host: KernelsHost, reference: BackendRun, onRun: () => void,
): Promise<BackendTiming> {
  // The elements the kernels sweep: N for 1-D programs, the image's pixels for stencils on images.
  const vectors = c.domain.params.some((p) => p.kind === 'vector');
  const base = { backend, workers, size: vectors ? sizes.n : sizes.width * sizes.height };
  const missing = unavailable(c, backend, workers, host);
  if (missing) return { ...base, millis: 0, temporaryBytes: 0, checksum: '', maxUlpsFromNaive: 0, unavailable: missing };
  // At the first size (and at every small one, where a cold loop would not reach optimized code
  // before it ends), one untimed warm-up run: a backend's first runs also compile its code (and
  // the JIT tiers it up), a cost that belongs to no size's timing.
  const runs: BackendRun[] = [];
  for (let r = warmUp ? -1 : 0; r < repeats; r++) {
    const run = await runBackend(c, inputs, sizes, backend, workers, host);
    if (r >= 0) runs.push(run);
    onRun();
  }
  const millis = runs.map((r) => r.millis).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  const last = runs[runs.length - 1]!;
  return { ...base, millis, temporaryBytes: last.temporaryBytes, checksum: checksum(last.outputs), maxUlpsFromNaive: maxUlps(reference.outputs, last.outputs, backend === 'webgpu') };
}

function unavailable(c: Compiled, backend: BackendId, workers: number, host: KernelsHost): string | undefined {
  if (backend === 'wasm') {
    const why = wasmUnsupported(c);
    if (why) return why;
    // One worker without a pool: the loops run in the engine's own thread.
    if (!host.pool && workers === 1) return undefined;
  }
  if (ON_WORKERS.includes(backend) && !host.pool) return 'no pool of workers was given to the engine';
  if (ON_WORKERS.includes(backend) && host.pool && workers > host.pool.size) return `the pool has ${host.pool.size} workers, fewer than ${workers}`;
  if (backend === 'webgpu' && !host.gpu) return host.gpuMissing ?? 'this host has no WebGPU adapter';
  return undefined;
}

function runBackend(c: Compiled, inputs: ProgramInputs, sizes: RunSizes, backend: BackendId, workers: number, host: KernelsHost): Promise<BackendRun> | BackendRun {
  switch (backend) {
    case 'naive':
      return runNaive(c.domain, inputs, sizes);
    case 'fused':
      return runCompiled(c, inputs, sizes, inThread);
    case 'parallel':
      return runCompiled(c, inputs, sizes, poolExecutor(host.pool!, workers));
    case 'wasm':
      return runWasm(c, inputs, sizes, host.pool ? wasmPool(host.pool, workers) : wasmInThread);
    case 'webgpu':
      return runWebgpu(c, inputs, sizes, host.gpu!);
  }
}

/** Budget units: one per element per loop (a stencil: per element per iteration). */
function work(c: Compiled, sizes: RunSizes): number {
  const elements = valueElements(c.domain, sizes);
  let units = 0;
  for (const op of c.domain.ops) {
    if (op.kind === 'map' || op.kind === 'iota') units += elements(op.result);
    if (op.kind === 'stencil') units += elements(op.buffers[0]!) * ('number' in op.iterations ? op.iterations.number : sizes.scalars.get(op.iterations.value) ?? 1);
  }
  return Math.max(1, units);
}

function describeOutputs(c: Compiled, values: (Arr | number)[]): OutputInfo[] {
  return c.domain.outputs.map((v, k) => {
    const value = c.domain.values[v]!;
    const x = values[k]!;
    const kind = value.shape === null ? 'scalar' : value.shape.kind;
    return { name: value.name ?? value.text, kind, elements: typeof x === 'number' ? 1 : x.length, first: typeof x === 'number' ? [x] : Array.from(x.subarray(0, 8)) };
  });
}

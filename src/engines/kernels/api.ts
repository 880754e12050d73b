/**
 * The kernels lab's public types: what the engine takes and returns, and the two host services it
 * is given (a worker pool sharing memory, a GPU). The engine stays pure: the browser worker and the
 * CLI each inject their own pool and GPU (see createKernelsEngine in engine.ts).
 *
 * Owned by the engine's author; changes are logged (dated) in NOTES-kernels.md for the views.
 * Entry points: `createKernelsEngine({ pool?, gpu? })` (engine.ts) runs a KernelsConfig;
 * `compileProgram(source)` (compile.ts) is synchronous and pure, for showing the IR while editing
 * (it throws InputError with line and column).
 */

import type { WasmKernel } from './codegen/wasm/instantiate.ts';

export type BackendId = 'naive' | 'fused' | 'parallel' | 'wasm' | 'webgpu';

/**
 * Where a stencil reads outside the image (ParallelAccelerator's runStencil border modes; exact
 * semantics in stencil/borders.ts).
 */
export type BorderMode = 'oob_skip' | 'oob_wraparound' | 'oob_src_zero' | 'oob_dst_zero';

/** A source position, 1-based. */
export interface Pos {
  line: number;
  column: number;
}

export interface KernelsConfig {
  /** The program, in the lab's array language (`@acc function ... end`, `runStencil(...) do ... end`). */
  source: string;
  /** Elements per 1-D input array (Black-Scholes: options). */
  size: number;
  /**
   * Image inputs (parameters used as stencil buffers or annotated `::Matrix`): width (the first,
   * contiguous index, as Julia's column-major first dimension) and height. Built in (`builtin`, one
   * of BUILTIN_IMAGES in inputs/images.ts; default 'rings') or the user's own (`pixels`, width*height
   * values, row by row, 0..1). Default 256x256 'rings'. `file` names the user's own image (a link
   * carries name and SHA-256, never pixels): without `pixels` the run stops with an InputError.
   */
  image?: { width: number; height: number; builtin?: string; file?: { name: string; sha256: string }; pixels?: Float32Array };
  /** Values of scalar parameters by name (`iterations`); missing ones get documented defaults (inputs/params.ts). */
  params?: Record<string, number>;
  /** Which backends to run and time. The naive backend always runs once as the reference. */
  backends: BackendId[];
  /** Workers for the parallel backend (1 to the pool's size). */
  workers: number;
  /** Timed repetitions per backend (the median is reported). */
  repeats: number;
  /** Also sweep sizes / worker counts for the speed-up chart (sizes apply to 1-D inputs only). */
  sweep?: { sizes?: number[]; workers?: number[] };
  /** Stencil image frames to keep for the iteration slider (input and output included); default 6. */
  frames?: number;
}

/** The kinds of IR node. Domain IR: input .. output; Parallel IR: input, host, parfor, stencil, alloc, output. */
export type IrNodeKind = 'input' | 'map' | 'scalar' | 'reduce' | 'alloc' | 'stencil' | 'comprehension' | 'output' | 'parfor' | 'host';

/** A node of the Domain IR (one array operation) or the Parallel IR (a fused parfor). */
export interface IrNode {
  id: number;
  kind: IrNodeKind;
  /** What a reader sees: ".*", "exp", "sum", "parfor (7 ops)". */
  label: string;
  /** Source position of the operation, for highlighting in the editor. */
  at?: Pos;
  /** Ids of the Domain IR nodes fused into this parfor (Parallel IR only). */
  fused?: number[];
}

/** An edge: an array flowing from one node to the next; `temporary` is true for an intermediate array. */
export interface IrEdge {
  from: number;
  to: number;
  /** The program's variable name, or the operation's text for an unnamed intermediate (`sptprice ./ strike`). */
  name: string;
  temporary: boolean;
  /** Elements of the array, for the memory view (0 for a scalar edge). */
  elements?: number;
}

export interface IrGraph {
  nodes: IrNode[];
  edges: IrEdge[];
}

export interface ParamInfo {
  name: string;
  kind: 'vector' | 'image' | 'scalar';
  at: Pos;
}

export interface Compilation {
  /** The function's name and parameters (what inputs the run panel must offer: a size, an image, scalars). */
  name: string;
  params: ParamInfo[];
  /** Stage 1: the program's array-operation graph (Domain IR). */
  domain: IrGraph;
  /** Stage 2: after fusion (Parallel IR). */
  parallel: IrGraph;
  /** Temporaries that fusion removed, by their names in the program. */
  eliminated: string[];
  /** One sentence per place where fusion could not apply, with the operation's position. */
  notFused: { message: string; at?: Pos }[];
  /** Stage 3: the generated loop code, readable (the JS the fused backend runs, and the WGSL). */
  code: { js: string; wgsl?: string };
}

export interface BackendTiming {
  backend: BackendId;
  workers: number;
  size: number;
  /** Median of the repeats, milliseconds. Reported, never asserted in tests. */
  millis: number;
  /** Bytes of temporaries this backend allocated (naive: one per array operation; fused: none). */
  temporaryBytes: number;
  /** Checksum of the outputs (identical on every backend where the operations allow). */
  checksum: string;
  /** Largest difference from the naive backend's outputs, in ulps (0: bitwise equal; webgpu: float32 ulps). */
  maxUlpsFromNaive: number;
  /** Set when the backend could not run here ("this browser has no WebGPU adapter"). */
  unavailable?: string;
}

export interface OutputInfo {
  /** The returned variable's name (or the expression's text). */
  name: string;
  kind: 'vector' | 'image' | 'scalar';
  elements: number;
  /** The first few values (all of a scalar), from the naive run. */
  first: number[];
}

export interface KernelsSummary {
  compilation: Compilation;
  outputs: OutputInfo[];
  timings: BackendTiming[];
}

/** For stencils: the input and output images (and, for the slider, a few iterations in between). */
export interface KernelsTrace {
  images?: { width: number; height: number; frames: { iteration: number; pixels: Float32Array }[] };
}

export interface KernelsResult {
  summary: KernelsSummary;
  trace: KernelsTrace;
}

/**
 * A pool of workers sharing memory. The engine hands it generated loop code (produced only from the
 * checked syntax tree) and shared buffers; each worker runs the kernel over its slice of the index
 * range. Browser: Web Workers; CLI, bench and tests: node worker_threads (src/cli/kernels/threadPool.ts).
 *
 * `code` is the body of a function `(buffers, scalars, lo, hi) => void`: turn it into that function
 * with `instantiateKernel(code)` (codegen/instantiate.ts; cache by string) and call it with the
 * SharedArrayBuffers, the scalars and one range [lo, hi). The code makes its own typed views.
 * A WebAssembly kernel comes as `wasm` instead (a compiled module and the shared memory it runs in):
 * run it with `runWasmRange(wasm, lo, hi)` (codegen/wasm/instantiate.ts); `code` is then only a label.
 */
export interface ParallelPool {
  readonly size: number;
  /** Runs `kernel` once per range, ranges spread over the workers; resolves when all are done (a barrier). */
  run(kernel: { code: string; buffers: SharedArrayBuffer[]; scalars: number[]; wasm?: WasmKernel }, ranges: [number, number][]): Promise<void>;
  dispose(): void;
}

/**
 * A GPU as the WebGPU backend needs it; undefined where the host has none.
 * The shader's entry point is `main`; it declares `@group(0) @binding(k) var<storage, read_write>`
 * `array<f32>` for buffers[k] (scalars come as one of them, never baked into the text) and
 * `@compute @workgroup_size(64)` (WGSL_WORKGROUP_SIZE in codegen/wgsl.ts); it reads
 * `@builtin(global_invocation_id)` and `@builtin(num_workgroups)` and computes its index as
 * `gid.x + gid.y * nwg.x * 64u`. The host dispatches ceil(invocations / 64) workgroups as
 * (min(that, 65535), ceil(that / 65535)) and reads back the buffers whose indices are in `outputs`
 * (in that order). A stencil iteration is one dispatch; `dispatch` is called once per iteration.
 */
export interface GpuHost {
  dispatch(wgsl: string, buffers: Float32Array[], invocations: number, outputs: number[]): Promise<Float32Array[]>;
  readonly adapterInfo: string;
}

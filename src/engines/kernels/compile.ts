import type { Compilation } from './api.ts';
import { generateJs, type JsStep } from './codegen/js.ts';
import { layout, type Layout } from './codegen/layout.ts';
import { generateWasm } from './codegen/wasm/parfor.ts';
import { generateWgsl, type WgslProgram } from './codegen/wgsl.ts';
import { Lowering } from './check/lower.ts';
import { domainGraph } from './ir/graph.ts';
import type { DomainProgram } from './ir/domain.ts';
import { fuse } from './fusion/fuse.ts';
import { parallelGraph } from './fusion/graph.ts';
import type { ParallelProgram } from './fusion/parallel.ts';
import { parseProgram } from './syntax/parser.ts';

/** Everything the backends need from one program: the IRs, the memory layout, the generated code. */
export interface Compiled {
  domain: DomainProgram;
  parallel: ParallelProgram;
  layout: Layout;
  js: (JsStep | undefined)[];
  wgsl: WgslProgram;
  /** A WebAssembly module per parfor step (codegen/wasm/). */
  wasm: (Uint8Array<ArrayBuffer> | undefined)[];
  compilation: Compilation;
}

/** Parse, check, lower to Domain IR, fuse to Parallel IR, generate code (ParallelAccelerator's pipeline). */
export function compile(source: string, lengthOf?: (value: number) => number): Compiled {
  const domain = new Lowering(source).program(parseProgram(source));
  const parallel = fuse(domain);
  const memory = layout(parallel);
  const js = generateJs(parallel, memory);
  const wgsl = generateWgsl(parallel, memory);
  const compilation: Compilation = {
    name: domain.name,
    params: domain.params.map((p) => ({ name: p.name, kind: p.kind, at: p.at })),
    domain: domainGraph(domain, lengthOf),
    parallel: parallelGraph(parallel, lengthOf),
    eliminated: parallel.eliminated.map((v) => domain.values[v]!.name ?? domain.values[v]!.text),
    notFused: parallel.notFused,
    code: wgsl.listing ? { js: js.listing, wgsl: wgsl.listing } : { js: js.listing },
  };
  return { domain, parallel, layout: memory, js: js.steps, wgsl, wasm: generateWasm(parallel, memory), compilation };
}

/** The compiler's stages for the views, while the user types (throws InputError with line and column). */
export function compileProgram(source: string): Compilation {
  return compile(source).compilation;
}

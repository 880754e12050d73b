/**
 * A generated module with the memory it runs in: what the host and each pool worker instantiate.
 * Both are cloned by postMessage (a WebAssembly.Module shares its compiled code; a shared memory
 * is the same SharedArrayBuffer in every worker). The module's only other import is Math.pow.
 */
export interface WasmKernel {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
}

/** Runs the module's loop over [lo, hi) of its shared memory. */
export function runWasmRange(kernel: WasmKernel, lo: number, hi: number): void {
  const instance = new WebAssembly.Instance(kernel.module, { env: { memory: kernel.memory, pow: Math.pow } });
  (instance.exports.run as (lo: number, hi: number) => void)(lo, hi);
}

const modules = new Map<string, WebAssembly.Module>();
const MODULES_KEPT = 64;

/**
 * The compiled module for these bytes, compiled once per distinct module (V8 then keeps its
 * optimized code across runs; a fresh compile would start in its baseline tier again).
 */
export function wasmModule(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module {
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  let m = modules.get(key);
  if (!m) {
    m = new WebAssembly.Module(bytes);
    if (modules.size >= MODULES_KEPT) modules.delete(modules.keys().next().value!);
    modules.set(key, m);
  }
  return m;
}

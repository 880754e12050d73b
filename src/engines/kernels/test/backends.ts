import type { KernelsConfig, ParallelPool } from '../api.ts';
import { inThread, runCompiled } from '../backends/compiled.ts';
import { runNaive } from '../backends/naive.ts';
import { poolExecutor } from '../backends/parallel.ts';
import type { BackendRun } from '../backends/types.ts';
import { runWasm, wasmInThread, wasmPool } from '../backends/wasm.ts';
import { compile } from '../compile.ts';
import { makeInputs } from '../inputs/params.ts';

/**
 * Test support: one program through the naive, fused and (given a pool) parallel backends, and
 * with `wasm` the WebAssembly backend in this thread and (given a pool) on these worker counts.
 */
export async function runAll(
  source: string,
  options: Partial<KernelsConfig> & { pool?: ParallelPool; workerCounts?: number[]; wasm?: readonly number[] } = {},
  seed = 1,
): Promise<{ naive: BackendRun; fused: BackendRun; parallel: BackendRun[]; wasm: BackendRun[] }> {
  const c = compile(source);
  const config: KernelsConfig = { source, size: 100, backends: [], workers: 1, repeats: 1, ...options };
  const { inputs, sizes } = makeInputs(c.domain, config, config.size, seed);
  const naive = runNaive(c.domain, inputs, sizes);
  const fused = await runCompiled(c, inputs, sizes, inThread);
  const parallel: BackendRun[] = [];
  for (const w of options.pool ? (options.workerCounts ?? [2]) : []) parallel.push(await runCompiled(c, inputs, sizes, poolExecutor(options.pool!, w)));
  const wasm: BackendRun[] = [];
  if (options.wasm) {
    wasm.push(await runWasm(c, inputs, sizes, wasmInThread));
    for (const w of options.pool ? options.wasm : []) wasm.push(await runWasm(c, inputs, sizes, wasmPool(options.pool!, w)));
  }
  return { naive, fused, parallel, wasm };
}

export const BLACK_SCHOLES = `@acc function blackscholes(sptprice, strike, rate, volatility, time)
    logterm = log10(sptprice ./ strike)
    powterm = .5 .* volatility .* volatility
    den = volatility .* sqrt(time)
    d1 = (((rate .+ powterm) .* time) .+ logterm) ./ den
    d2 = d1 .- den
    NofXd1 = 0.5 .+ 0.5 .* erf(0.707106781 .* d1)
    NofXd2 = 0.5 .+ 0.5 .* erf(0.707106781 .* d2)
    futureValue = strike .* exp(- rate .* time)
    c1 = futureValue .* NofXd2
    call = sptprice .* NofXd1 .- c1
    put = call .- futureValue .+ sptprice
end
`;

export const BLUR = `@acc function blur(img, iterations)
    buf = Array(Float32, size(img)...)
    runStencil(buf, img, iterations, :oob_skip) do b, a
        b[0,0] = (a[-2,-2] * 0.003 + a[-1,-2] * 0.0133 + a[0,-2] * 0.0219 + a[1,-2] * 0.0133 + a[2,-2] * 0.0030 +
                  a[-2,-1] * 0.0133 + a[-1,-1] * 0.0596 + a[0,-1] * 0.0983 + a[1,-1] * 0.0596 + a[2,-1] * 0.0133 +
                  a[-2, 0] * 0.0219 + a[-1, 0] * 0.0983 + a[0, 0] * 0.1621 + a[1, 0] * 0.0983 + a[2, 0] * 0.0219 +
                  a[-2, 1] * 0.0133 + a[-1, 1] * 0.0596 + a[0, 1] * 0.0983 + a[1, 1] * 0.0596 + a[2, 1] * 0.0133 +
                  a[-2, 2] * 0.003 + a[-1, 2] * 0.0133 + a[0, 2] * 0.0219 + a[1, 2] * 0.0133 + a[2, 2] * 0.0030)
        return a, b
    end
    return img
end
`;

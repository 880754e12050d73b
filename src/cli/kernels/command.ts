import { readFile } from 'node:fs/promises';
import type { BackendId, KernelsConfig, KernelsResult } from '../../engines/kernels/api.ts';
import { createKernelsEngine } from '../../engines/kernels/engine.ts';
import { runEngine } from '../../engines/runEngine.ts';
import { EXIT, parseArgs, UsageError } from '../io.ts';
import { createThreadPool } from './threadPool.ts';
import { KERNELS_USAGE } from '../usage.ts';

const CLI_BACKENDS: readonly BackendId[] = ['naive', 'fused', 'parallel', 'wasm'];

/**
 * `kernels`: compiles and runs one program on the chosen backends. Stdout is deterministic (the
 * results, their checksum, the same on every backend); times go to stderr.
 */
export async function kernelsCommand(args: string[]): Promise<number> {
  const { options, positional } = parseArgs(args, ['backend', 'size', 'workers', 'image', 'builtin', 'param', 'repeats', 'seed'], []);
  if (positional.length !== 1) throw new UsageError(`usage: ${KERNELS_USAGE}`);
  const backends = (options.get('backend') ?? 'fused').split(',') as BackendId[];
  for (const b of backends) if (!CLI_BACKENDS.includes(b)) throw new UsageError(`--backend must be naive, fused, parallel or wasm (or several, comma-separated), not "${b}"`);
  const whole = (name: string, fallback: number) => {
    const text = options.get(name);
    const n = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1)) throw new UsageError(`--${name} must be a whole number${name === 'seed' ? '' : ' of at least 1'}, got "${text}"`);
    return n;
  };
  const config: KernelsConfig = {
    source: await readSource(positional[0]!),
    size: whole('size', 1_000_000),
    backends,
    workers: whole('workers', 2),
    repeats: whole('repeats', 1),
  };
  const image = options.get('image');
  if (image !== undefined || options.has('builtin')) {
    const m = /^(\d+)x(\d+)$/.exec(image ?? '256x256');
    if (!m) throw new UsageError(`--image must be WIDTHxHEIGHT, as 2048x2048, got "${image}"`);
    config.image = { width: Number(m[1]), height: Number(m[2]), builtin: options.get('builtin') ?? 'rings' };
  }
  const param = options.get('param');
  if (param !== undefined) {
    config.params = {};
    for (const pair of param.split(',')) {
      const [name, value] = pair.split('=');
      if (!name || value === undefined || !Number.isFinite(Number(value))) throw new UsageError(`--param takes name=value[,name=value], got "${pair}"`);
      config.params[name] = Number(value);
    }
  }
  const pool = backends.includes('parallel') || backends.includes('wasm') ? createThreadPool(config.workers) : undefined;
  try {
    const outcome = await runEngine(createKernelsEngine(pool ? { pool } : {}), { config, seed: whole('seed', 1), budget: { maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: 3_600_000 } });
    if (outcome.status === 'failed') {
      const where = outcome.error.at ? ` (line ${outcome.error.at.line}, column ${outcome.error.at.column})` : '';
      process.stderr.write(`latticework: ${outcome.error.message}${where}\n`);
      return outcome.error.kind === 'input' ? EXIT.badInput : EXIT.failed;
    }
    print(outcome.result);
    return EXIT.ok;
  } finally {
    pool?.dispose();
  }
}

function print(result: KernelsResult): void {
  const { compilation, outputs, timings } = result.summary;
  const out = process.stdout;
  out.write(`${compilation.name}: ${compilation.parallel.nodes.filter((n) => n.kind === 'parfor' || n.kind === 'stencil').length} loop(s) after fusion, ${compilation.eliminated.length} temporaries eliminated\n`);
  for (const o of outputs) out.write(`${o.name} (${o.kind}, ${o.elements} values): ${o.first.map((x) => x.toPrecision(10)).join(' ')}${o.elements > o.first.length ? ' ...' : ''}\n`);
  for (const t of timings) {
    if (t.unavailable) {
      out.write(`${t.backend}: unavailable (${t.unavailable})\n`);
      continue;
    }
    out.write(`${t.backend}${t.backend === 'parallel' || t.backend === 'wasm' ? ` (${t.workers} workers)` : ''}: checksum ${t.checksum}, ${t.maxUlpsFromNaive} ulps from naive\n`);
    process.stderr.write(`${t.backend}${t.backend === 'parallel' || t.backend === 'wasm' ? ` (${t.workers} workers)` : ''}: ${t.millis.toFixed(1)} ms (median of runs), ${(t.temporaryBytes / 1e6).toFixed(1)} MB of temporaries\n`);
  }
}

async function readSource(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? String(e)})`);
  }
}

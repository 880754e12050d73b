import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { MAX_WORKERS, type SolverRequest, type Strategy } from '../engines/solver/config.ts';
import { createSolverEngine } from '../engines/solver/engine.ts';
import type { SolverResult } from '../engines/solver/result.ts';
import { runEngine } from '../engines/runEngine.ts';
import { EXIT, parseArgs, positiveNumber, UsageError } from './io.ts';
import { solverThreads } from './solverPool.ts';
import { startWatchdog } from './watchdog.ts';
import { VERIFY_USAGE } from './usage.ts';

const STRATEGIES: readonly Strategy[] = ['auto', 'bab', 'symbolic', 'interval', 'reluplex'];

/** Worker threads for `--workers N`. */
const engine = createSolverEngine(solverThreads);

/**
 * `verify`, following the VNN-COMP convention: the first line of output is `holds`, `violated` or
 * `unknown`; a violation is followed by the counterexample, one `(X_i value)` and `(Y_j value)`
 * per line. The property's X and Y are the network's own inputs and outputs (as in the benchmark
 * files) unless `--units original`.
 *
 * The timeout counts from the process's start, as VNN-COMP counts it: the engine gets what is left
 * less a margin for printing, and a watchdog thread prints `timeout` at the limit if the engine has
 * not answered by then.
 */
export async function verifyCommand(args: string[]): Promise<number> {
  const { options, flags, positional } = parseArgs(args, ['timeout', 'strategy', 'units', 'seed', 'workers'], ['json']);
  if (positional.length !== 2) throw new UsageError(`usage: ${VERIFY_USAGE}`);
  const [networkPath, propertyPath] = positional as [string, string];
  const timeout = positiveNumber(options.get('timeout'), 'timeout') ?? 116;
  const strategy = (options.get('strategy') ?? 'auto') as Strategy;
  if (!STRATEGIES.includes(strategy)) throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}`);
  const units = options.get('units') ?? 'network';
  if (units !== 'network' && units !== 'original') throw new UsageError('--units must be network or original');
  const seed = Number(options.get('seed') ?? 1);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed must be a whole number');
  const workers = Number(options.get('workers') ?? 1);
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) throw new UsageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}`);

  const deadlineMs = timeout * 1000;
  const watchdog = startWatchdog(deadlineMs - WATCHDOG_MARGIN_MS);
  try {
    return await verifyWithin(networkPath, propertyPath, { timeout, strategy, units, seed, workers, json: flags.has('json'), deadlineMs }, watchdog.claim);
  } finally {
    watchdog.dispose();
  }
}

/** Time kept back from the engine for printing its answer, and the watchdog's own margin. */
const PRINT_MARGIN_MS = 500;
const WATCHDOG_MARGIN_MS = 300;

interface VerifyOptions {
  timeout: number;
  strategy: Strategy;
  units: 'network' | 'original';
  seed: number;
  workers: number;
  json: boolean;
  deadlineMs: number;
}

async function verifyWithin(networkPath: string, propertyPath: string, o: VerifyOptions, claim: () => boolean): Promise<number> {
  const { strategy, units, seed, workers } = o;
  const format = extname(networkPath).toLowerCase() === '.onnx' ? 'onnx' : 'nnet';
  const bytes = await read(networkPath);
  const property = new TextDecoder().decode(await read(propertyPath));
  const request: SolverRequest = {
    network: { kind: 'file', name: networkPath, format, sha256: '0'.repeat(64), size: bytes.length },
    networkData: format === 'onnx' ? { bytes } : { text: new TextDecoder().decode(bytes) },
    property,
    units,
    strategy,
    timeoutSeconds: Math.max(0.001, (o.deadlineMs - performance.now() - PRINT_MARGIN_MS) / 1000),
    attack: true,
    splitThreshold: 5,
    tightening: 'symbolic',
    workers,
  };
  const outcome = await runEngine(engine, { config: request, seed, budget: { maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: o.timeout * 1000 + 5_000 } });
  // The watchdog printed `timeout` already (and is ending the process).
  if (!claim()) return EXIT.ok;
  if (outcome.status === 'failed') {
    const where = outcome.error.at ? ` (line ${outcome.error.at.line}, column ${outcome.error.at.column})` : '';
    process.stderr.write(`latticework: ${outcome.error.message}${where}\n`);
    return outcome.error.kind === 'input' ? EXIT.badInput : EXIT.failed;
  }
  const summary = (outcome.result as SolverResult).summary;
  if (o.json) {
    process.stdout.write(`${summary.verdict}\n${JSON.stringify(summary, null, 2)}\n`);
    return EXIT.ok;
  }
  process.stdout.write(`${summary.verdict}\n`);
  const cex = summary.counterexample;
  if (cex) {
    // VNN-COMP's counterexample format: one S-expression listing every input and output.
    const lines = [...cex.input.map((v, i) => `(X_${i} ${v})`), ...cex.outputs.map((v, j) => `(Y_${j} ${v})`)];
    process.stdout.write(`(${lines.join('\n ')})\n`);
  }
  const s = summary.stats;
  process.stderr.write(`${summary.explanation} ${s.nodes} nodes, ${s.splits} splits, maximum depth ${s.maxDepth}${strategy === 'reluplex' ? `, ${s.pivots} pivots` : ''}${summary.workers ? ` (per worker: ${summary.workers.map((w) => w.nodes).join(', ')})` : ''}, ${(outcome.elapsedMs / 1000).toFixed(2)} s.\n`);
  return EXIT.ok;
}

async function read(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path} (${code ?? String(e)})`);
  }
}

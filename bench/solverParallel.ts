import { spawnSolverThread } from '../src/cli/solverPool.ts';
import { createRunContext } from '../src/engines/runContext.ts';
import { createSolverEngine } from '../src/engines/solver/engine.ts';
import { acasProperty, type AcasInstance } from '../src/engines/solver/formats/acas.ts';
import type { SolverSummary } from '../src/engines/solver/result.ts';
import { report } from './harness.ts';
import { benchRequest, cpuMillis } from './solverRun.ts';

/** One instance by the symbolic strategy over `workers` worker threads (the CLI's pool), on the wall clock; CPU counts every thread. */
async function solveWith(instance: AcasInstance, networkText: string, workers: number, timeout: number) {
  const engine = createSolverEngine(spawnSolverThread);
  const network = { kind: 'file', name: instance.network, format: 'nnet', sha256: '0'.repeat(64), size: 0 } as const;
  const request = { ...benchRequest({ network, networkData: { text: networkText }, property: acasProperty(instance.property).text, units: 'original' }, 'symbolic', timeout), workers };
  const start = performance.now();
  const cpuStart = cpuMillis();
  const result = (await engine.run(request, 1, createRunContext({ maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: timeout * 1000 }))) as { summary: SolverSummary };
  return { summary: result.summary, wall: (performance.now() - start) / 1000, cpu: (cpuMillis() - cpuStart) / 1000 };
}

/**
 * Issue 16's parallel goal: on 2 cores, `workers` threads over one frontier against one, same
 * instances back to back in this run (wall clock: run it on an otherwise idle machine).
 */
export async function runParallelComparison(instances: AcasInstance[], workers: number, timeout: number, networkText: (file: string) => string): Promise<void> {
  console.log(`\n  parallel search: ${workers} workers against 1, symbolic strategy, ${timeout} s each, wall clock`);
  let one = 0;
  let many = 0;
  for (const instance of instances) {
    const text = networkText(instance.network);
    const single = await solveWith(instance, text, 1, timeout);
    const pool = await solveWith(instance, text, workers, timeout);
    one += single.wall;
    many += pool.wall;
    const perWorker = pool.summary.workers?.map((w) => w.nodes).join(' + ') ?? String(pool.summary.stats.nodes);
    console.log(
      `    φ${instance.property} N(${instance.a},${instance.b})  1 worker: ${single.summary.verdict} ${single.wall.toFixed(2)} s (cpu ${single.cpu.toFixed(2)} s, ${single.summary.stats.nodes} nodes)` +
        `  ${workers} workers: ${pool.summary.verdict} ${pool.wall.toFixed(2)} s (cpu ${pool.cpu.toFixed(2)} s, nodes ${perWorker})  ${(single.wall / pool.wall).toFixed(2)}x`,
    );
    if (single.summary.verdict !== pool.summary.verdict && single.summary.verdict !== 'unknown' && pool.summary.verdict !== 'unknown')
      throw new Error(`φ${instance.property} N(${instance.a},${instance.b}): ${workers} workers answered ${pool.summary.verdict}, one worker ${single.summary.verdict}`);
  }
  report({ name: `parallel search, ${workers} workers, total time`, value: many, unit: 's', baseline: { name: '1 worker', value: one }, lowerIsBetter: true });
}

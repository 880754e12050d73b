import { spawnSolverThread } from '../src/cli/solverPool.ts';
import { createRunContext } from '../src/engines/runContext.ts';
import { createSolverEngine } from '../src/engines/solver/engine.ts';
import { acasProperty, type AcasInstance } from '../src/engines/solver/formats/acas.ts';
import type { SolverSummary } from '../src/engines/solver/result.ts';
import { createWorkerPool } from '../src/engines/solver/search/parallel/workerPool.ts';
import { report } from './harness.ts';
import { benchRequest, cpuMillis } from './solverRun.ts';

/** Instances over this many wall seconds are listed after the run (issue 16's goal: none). */
const SLOW_SECONDS = 10;

/** One instance by the symbolic strategy over `workers` threads of `engine`'s pool (one: on this thread), on the wall clock; CPU counts every thread. */
async function solveWith(engine: ReturnType<typeof createSolverEngine>, instance: AcasInstance, networkText: string, workers: number, timeout: number) {
  const network = { kind: 'file', name: instance.network, format: 'nnet', sha256: '0'.repeat(64), size: 0 } as const;
  const request = { ...benchRequest({ network, networkData: { text: networkText }, property: acasProperty(instance.property).text, units: 'original' }, 'symbolic', timeout), workers };
  const start = performance.now();
  const cpuStart = cpuMillis();
  const result = (await engine.run(request, 1, createRunContext({ maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: timeout * 1000 }))) as { summary: SolverSummary };
  return { summary: result.summary, wall: (performance.now() - start) / 1000, cpu: (cpuMillis() - cpuStart) / 1000 };
}

/**
 * Issue 16's parallel goal: on 2 cores, `workers` threads over one frontier against one, same
 * instances back to back in this run (wall clock). The threads come from one pool kept for the
 * whole run, as the CLI keeps its own: they start once, not once an instance.
 */
export async function runParallelComparison(
  instances: AcasInstance[],
  workers: number,
  timeout: number,
  networkText: (file: string) => string,
  published: (instance: AcasInstance) => string,
): Promise<void> {
  console.log(`\n  parallel search: ${workers} workers against 1, symbolic strategy, ${timeout} s each, wall clock, threads kept across instances`);
  const pool = createWorkerPool(() => spawnSolverThread());
  const engine = createSolverEngine(pool);
  const tally = { one: 0, many: 0, oneCpu: 0, manyCpu: 0, wrong: 0, unknown: 0, faster: 0 };
  const slow: { one: string[]; many: string[] } = { one: [], many: [] };
  try {
    for (const instance of instances) {
      const text = networkText(instance.network);
      const single = await solveWith(engine, instance, text, 1, timeout);
      const many = await solveWith(engine, instance, text, workers, timeout);
      tally.one += single.wall;
      tally.many += many.wall;
      tally.oneCpu += single.cpu;
      tally.manyCpu += many.cpu;
      if (many.wall < single.wall) tally.faster++;
      const name = `φ${instance.property} N(${instance.a},${instance.b})`;
      if (single.wall > SLOW_SECONDS) slow.one.push(`${name} ${single.wall.toFixed(1)} s`);
      if (many.wall > SLOW_SECONDS) slow.many.push(`${name} ${many.wall.toFixed(1)} s`);
      for (const v of [single.summary.verdict, many.summary.verdict]) {
        if (v === 'unknown') tally.unknown++;
        else if (v !== published(instance)) tally.wrong++;
      }
      const perWorker = many.summary.workers?.map((w) => w.nodes).join(' + ') ?? String(many.summary.stats.nodes);
      console.log(
        `    ${name}  1 worker: ${single.summary.verdict} ${single.wall.toFixed(2)} s (cpu ${single.cpu.toFixed(2)} s, ${single.summary.stats.nodes} nodes)` +
          `  ${workers} workers: ${many.summary.verdict} ${many.wall.toFixed(2)} s (cpu ${many.cpu.toFixed(2)} s, nodes ${perWorker})  ${(single.wall / many.wall).toFixed(2)}x`,
      );
      if (single.summary.verdict !== many.summary.verdict && single.summary.verdict !== 'unknown' && many.summary.verdict !== 'unknown')
        throw new Error(`${name}: ${workers} workers answered ${many.summary.verdict}, one worker ${single.summary.verdict}`);
    }
  } finally {
    pool.dispose();
  }
  console.log(
    `    ${instances.length} instances: 1 worker ${tally.one.toFixed(1)} s (cpu ${tally.oneCpu.toFixed(1)} s), ${workers} workers ${tally.many.toFixed(1)} s (cpu ${tally.manyCpu.toFixed(1)} s);` +
      ` ${workers} workers faster on ${tally.faster}; answers against the published ones: ${tally.wrong} wrong, ${tally.unknown} unknown (both columns)`,
  );
  console.log(`    over ${SLOW_SECONDS} s, 1 worker: ${slow.one.length === 0 ? 'none' : slow.one.join(', ')}`);
  console.log(`    over ${SLOW_SECONDS} s, ${workers} workers: ${slow.many.length === 0 ? 'none' : slow.many.join(', ')}`);
  report({ name: `parallel search, ${workers} workers, total time`, value: tally.many, unit: 's', baseline: { name: '1 worker', value: tally.one }, lowerIsBetter: true });
}

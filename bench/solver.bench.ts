import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { intervalBounds } from '../src/engines/solver/bounds/networkBounds.ts';
import { acasInstances, acasProperty, type AcasInstance } from '../src/engines/solver/formats/acas.ts';
import type { Strategy } from '../src/engines/solver/config.ts';
import { parseNnet } from '../src/engines/solver/formats/nnet.ts';
import { buildProblem } from '../src/engines/solver/model/problem.ts';
import type { SolverSummary } from '../src/engines/solver/result.ts';
import { SymbolicPropagator } from '../src/engines/solver/bounds/symbolic.ts';
import { parseVnnlib } from '../src/engines/solver/formats/vnnlib.ts';
import { sharedDataDir } from '../src/testing/sharedData.ts';
import { measure, report, type Benchmark } from './harness.ts';
import { solveTimed, type BenchClock } from './solverRun.ts';
import { runParallelComparison } from './solverParallel.ts';
import { runVnncompSuite } from './solverVnncomp.ts';

/**
 * The standard ACAS Xu benchmark: properties 1–4 on all 45 networks and 5–10 on theirs (186
 * instances), in original units, with a per-instance time budget (116 s, as in VNN-COMP), per
 * strategy. Each answer is compared with the published one (VNN-COMP 2021's ACAS Xu results, which
 * agree with Katz et al. 2017 where both answer): a correctness report, not an input to the solver.
 *
 *   npm run bench -- solver [--instances all|p1,p3|N11,N23|1-20] [--strategies symbolic,interval,reluplex]
 *                           [--timeout SECONDS] [--subset-for interval,reluplex] [--clock wall|cpu]
 *   npm run bench -- solver --workers N [--instances ...]   (N threads against one; default the two slowest)
 *   npm run bench -- solver --suite mnistfc|eran [--all] [--strategies auto,bab] (solverVnncomp.ts)
 * By default the symbolic strategy runs all 186 instances and the interval and Reluplex strategies
 * run one instance per property (they would take hours on all of them); `--strategies` with
 * `--instances all` runs everything.
 */

/** Published answers: the violated instances; every other instance of the 186 holds. */
const PUBLISHED_VIOLATED = new Set([
  ...[12, 13, 14, 15, 16].map((n) => `2:${n}`),
  ...[21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 34, 35, 36, 37, 38, 39, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 59].map((n) => `2:${n}`),
  '3:17', '3:18', '3:19', '4:17', '4:18', '4:19', '7:19', '8:29',
]);
const published = (i: AcasInstance) => (PUBLISHED_VIOLATED.has(`${i.property}:${i.a}${i.b}`) ? 'violated' : 'holds');

/** One instance per property, for the slow strategies. */
const REPRESENTATIVE = ['1:11', '2:21', '3:11', '4:19', '5:11', '6:11', '7:19', '8:29', '9:33', '10:45'];

function select(all: AcasInstance[], spec: string | undefined): AcasInstance[] {
  if (!spec || spec === 'all') return all;
  if (spec === 'representative') return all.filter((i) => REPRESENTATIVE.includes(`${i.property}:${i.a}${i.b}`));
  const range = /^(\d+)-(\d+)$/.exec(spec);
  if (range) return all.slice(Number(range[1]) - 1, Number(range[2]));
  const parts = spec.split(',');
  return all.filter((i) => parts.some((p) => p === `p${i.property}` || p === `N${i.a}${i.b}` || p === `p${i.property}N${i.a}${i.b}`));
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const networkText = new Map<string, string>();
const read = (file: string) => {
  let text = networkText.get(file);
  if (!text) {
    text = readFileSync(join(sharedDataDir(), 'acasxu', file), 'utf8');
    networkText.set(file, text);
  }
  return text;
};

/** Instances whose time (on the run's clock) is above this are listed after the run (issue 16's goal: none). */
const SLOW_SECONDS = 10;

function solve(instance: AcasInstance, strategy: Strategy, timeout: number, clock: BenchClock): { summary: SolverSummary; millis: number; cpuMillis: number } {
  const network = { kind: 'file', name: instance.network, format: 'nnet', sha256: '0'.repeat(64), size: 0 } as const;
  return solveTimed({ network, networkData: { text: read(instance.network) }, property: acasProperty(instance.property).text, units: 'original' }, strategy, timeout, clock);
}

const bench: Benchmark = {
  name: 'solver',
  run(args) {
    const suite = option(args, 'suite') ?? 'acasxu';
    if (suite !== 'acasxu') return runVnncompSuite(suite, args, (name) => option(args, name));
    const timeout = Number(option(args, 'timeout') ?? 116);
    const workers = option(args, 'workers');
    if (workers) return runParallelComparison(select(acasInstances(), option(args, 'instances') ?? 'p2N33,p2N42'), Number(workers), timeout, read, published);
    const clock = (option(args, 'clock') ?? 'wall') as BenchClock;
    if (clock !== 'wall' && clock !== 'cpu') throw new Error(`--clock must be wall or cpu (got ${String(clock)})`);
    const strategies = (option(args, 'strategies') ?? 'symbolic,interval,reluplex').split(',') as Strategy[];
    const chosen = option(args, 'instances');
    const subsetFor = (option(args, 'subset-for') ?? (chosen ? '' : 'interval,reluplex')).split(',');
    const all = acasInstances();

    // Bounding throughput on one box, against plain interval arithmetic measured in the same run.
    const n11 = parseNnet(read(all[0]!.network));
    const box = buildProblem(n11, parseVnnlib(acasProperty(1).text), 'original').cases[0]!;
    const symbolic = new SymbolicPropagator(n11.network);
    const ibp = measure(() => (intervalBounds(n11.network, box.lo, box.hi), 1));
    const sym = measure(() => (symbolic.run(box.lo, box.hi), 1));
    report({ name: 'symbolic bound pass, ACAS Xu N(1,1), property 1 box', value: sym.perSecond, unit: 'boxes/s', baseline: { name: 'interval pass', value: ibp.perSecond } });

    // Each strategy's time per instance, so later ones can be compared with the first on shared instances.
    const times = new Map<Strategy, Map<string, number>>();
    for (const strategy of strategies) {
      const mine = new Map<string, number>();
      times.set(strategy, mine);
      const instances = subsetFor.includes(strategy) ? select(all, 'representative') : select(all, chosen);
      console.log(`\n  ${strategy}: ${instances.length} instance${instances.length === 1 ? '' : 's'}, ${timeout} s each, ${clock} clock`);
      const tally = { holds: 0, violated: 0, unknown: 0, wrong: 0, total: 0, worst: 0, cpu: 0 };
      const slow: string[] = [];
      for (const instance of instances) {
        const { summary, millis, cpuMillis } = solve(instance, strategy, timeout, clock);
        tally.cpu += cpuMillis;
        if ((clock === 'cpu' ? cpuMillis : millis) > SLOW_SECONDS * 1000) slow.push(`φ${instance.property} N(${instance.a},${instance.b}) ${((clock === 'cpu' ? cpuMillis : millis) / 1000).toFixed(1)} s`);
        const expected = published(instance);
        const right = summary.verdict === expected;
        if (summary.verdict !== 'unknown' && !right) tally.wrong++;
        tally[summary.verdict]++;
        tally.total += millis;
        tally.worst = Math.max(tally.worst, millis);
        mine.set(`${instance.property}:${instance.a}${instance.b}`, summary.verdict === 'unknown' ? timeout * 1000 : millis);
        const mark = summary.verdict === 'unknown' ? '?' : right ? '✓' : '✗ WRONG';
        console.log(
          `    φ${String(instance.property).padEnd(2)} N(${instance.a},${instance.b})  ${summary.verdict.padEnd(8)} ${mark.padEnd(2)} ${(millis / 1000).toFixed(1).padStart(6)} s (cpu ${(cpuMillis / 1000).toFixed(1).padStart(5)} s)  ${String(summary.stats.nodes).padStart(7)} nodes, depth ${summary.stats.maxDepth}${strategy === 'reluplex' ? `, ${summary.stats.pivots} pivots (${Math.round(summary.stats.pivots / ((clock === 'cpu' ? cpuMillis : millis) / 1000))}/${clock === 'cpu' ? 'cpu-' : ''}s), ${summary.stats.splits} splits` : ''}${summary.verdict === 'unknown' ? `, ${(100 * summary.stats.covered).toFixed(1)}% covered` : ''}`,
        );
      }
      const solved = tally.holds + tally.violated;
      console.log(`    ${strategy}: solved ${solved}/${instances.length} (holds ${tally.holds}, violated ${tally.violated}), unknown ${tally.unknown}, wrong ${tally.wrong}; total ${(tally.total / 1000).toFixed(1)} s (cpu ${(tally.cpu / 1000).toFixed(1)} s), longest ${(tally.worst / 1000).toFixed(1)} s`);
      console.log(`    over ${SLOW_SECONDS} s (${clock}): ${slow.length === 0 ? 'none' : slow.join(', ')}`);
      // Time to answer (a timeout counts in full), against the first strategy on the same instances.
      const first = times.get(strategies[0]!)!;
      const shared = [...mine.keys()].filter((k) => first.has(k));
      const own = shared.reduce((t, k) => t + mine.get(k)!, 0) / 1000;
      const base = shared.reduce((t, k) => t + first.get(k)!, 0) / 1000;
      report({
        name: `${strategy}: time on ${shared.length} instances`,
        value: own,
        unit: 's',
        lowerIsBetter: true,
        ...(strategy !== strategies[0] ? { baseline: { name: strategies[0]!, value: base } } : {}),
      });
    }
  },
};
export default bench;

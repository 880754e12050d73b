import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Strategy } from '../src/engines/solver/config.ts';
import { sharedDataDir } from '../src/testing/sharedData.ts';
import { report } from './harness.ts';
import { solveTimed, type BenchClock } from './solverRun.ts';

/**
 * `npm run bench -- solver --suite mnistfc|eran [--all] [--network NAME] [--strategies auto,symbolic] [--timeout S] [--clock wall|cpu]`:
 * the VNN-COMP 2021 sets of many-input networks, from their instances CSVs. By default a short
 * sample (every sixth instance, at most 20 s each); `--all` runs every instance with the CSV's own
 * timeout; `--network 256x2` keeps the instances whose network file name contains that text. Counterexamples are certified by the engine; "holds" comes only from sound bounds.
 * `--clock cpu` measures each timeout in this process's CPU time (a shared machine's load does not
 * shrink it); both clocks are printed per instance.
 *
 * The published 2021 scores are printed beside ours for reference (they are never used by the
 * solver): VNN-COMP scored 10 points per correct answer, plus 2 for the fastest and 1 for the
 * second (within 2 s), and −100 per wrong one, so a tool's count of answers lies between score/12
 * and score/10. Source: the competition's results repository (stanleybak/vnncomp2021_results,
 * output_singleoverhead.txt, category summaries).
 */
const PUBLISHED_SCORES: Record<string, [string, number][]> = {
  mnistfc: [['a-b-CROWN', 772], ['VeriNet', 716], ['Debona', 688], ['oval', 677], ['ERAN', 560], ['Marabou', 540], ['venus2', 522], ['nnenum', 512], ['nnv', 186], ['DNNF', 70]],
  eran: [['a-b-CROWN', 670], ['VeriNet', 588], ['ERAN', 470], ['Debona', 375], ['oval', 247], ['Marabou', 190], ['nnv', 100]],
};

interface Instance {
  network: string;
  property: string;
  timeout: number;
}

function instances(suite: string): Instance[] {
  const dir = join(sharedDataDir(), 'vnncomp2021', suite);
  const csv = readFileSync(join(dir, `${suite}_instances.csv`), 'utf8');
  return csv
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const [network, property, timeout] = line.split(',').map((s) => s.trim()) as [string, string, string];
      return { network: join(dir, network), property: join(dir, property), timeout: Number(timeout) };
    });
}

const bytesOf = new Map<string, Uint8Array>();

function solve(instance: Instance, strategy: Strategy, timeout: number, clock: BenchClock) {
  let bytes = bytesOf.get(instance.network);
  if (!bytes) bytesOf.set(instance.network, (bytes = new Uint8Array(readFileSync(instance.network))));
  const network = { kind: 'file', name: instance.network, format: 'onnx', sha256: '0'.repeat(64), size: bytes.length } as const;
  return solveTimed({ network, networkData: { bytes }, property: readFileSync(instance.property, 'utf8'), units: 'network' }, strategy, timeout, clock);
}

export function runVnncompSuite(suite: string, args: string[], option: (name: string) => string | undefined): void {
  if (!(suite in PUBLISHED_SCORES)) throw new Error(`--suite must be acasxu, mnistfc or eran (got ${suite})`);
  const all = args.includes('--all');
  const cap = option('timeout');
  const strategies = (option('strategies') ?? 'auto').split(',') as Strategy[];
  const clock = (option('clock') ?? 'wall') as BenchClock;
  if (clock !== 'wall' && clock !== 'cpu') throw new Error(`--clock must be wall or cpu (got ${String(clock)})`);
  const network = option('network');
  const list = instances(suite).filter((inst, i) => (all || i % 6 === 0) && (!network || (inst.network.split('/').pop() ?? '').includes(network)));
  for (const strategy of strategies) {
    console.log(`\n  ${suite}, ${strategy}: ${list.length} instance${list.length === 1 ? '' : 's'}${all ? ' (all)' : ' (every sixth)'}${network ? ` of ${network}` : ''}, ${cap ? `at most ${cap} s each` : all ? 'CSV timeouts' : 'at most 20 s each'}, ${clock} clock`);
    const tally = { holds: 0, violated: 0, unknown: 0, total: 0, worst: 0, cpu: 0 };
    for (const instance of list) {
      const timeout = cap ? Number(cap) : all ? instance.timeout : Math.min(20, instance.timeout);
      const { summary, millis, cpuMillis } = solve(instance, strategy, timeout, clock);
      tally[summary.verdict]++;
      tally.total += millis;
      tally.cpu += cpuMillis;
      tally.worst = Math.max(tally.worst, millis);
      const name = `${instance.network.split('/').pop()} ${instance.property.split('/').pop()}`;
      console.log(`    ${name.padEnd(64)} ${summary.verdict.padEnd(8)} ${(millis / 1000).toFixed(1).padStart(6)} s (cpu ${(cpuMillis / 1000).toFixed(1).padStart(5)} s)  ${String(summary.stats.nodes).padStart(6)} nodes, ${summary.stats.splits} splits, depth ${summary.stats.maxDepth}`);
    }
    const solved = tally.holds + tally.violated;
    console.log(`    ${strategy}: solved ${solved}/${list.length} (holds ${tally.holds}, violated ${tally.violated}), unknown ${tally.unknown}; total ${(tally.total / 1000).toFixed(1)} s (cpu ${(tally.cpu / 1000).toFixed(1)} s), longest ${(tally.worst / 1000).toFixed(1)} s`);
    report({ name: `${suite} ${strategy}: answered`, value: solved, unit: `of ${list.length}` });
  }
  const total = instances(suite).length;
  console.log(`\n  VNN-COMP 2021 published scores on ${suite} (${total} instances; answers between score/12 and score/10), for reference:`);
  for (const [tool, score] of PUBLISHED_SCORES[suite]!) console.log(`    ${tool.padEnd(10)} ${String(score).padStart(4)} points: ${Math.ceil(score / 12)}–${Math.min(total, Math.floor(score / 10))} answers`);
}

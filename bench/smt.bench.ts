import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Logic from 'logic-solver';
import { createRunContext } from '../src/engines/runContext.ts';
import { DEFAULT_OPTIONS } from '../src/engines/smt/api.ts';
import { writeDimacs, type Cnf } from '../src/engines/smt/formats/dimacs.ts';
import { graphColouring, parity, pigeonhole, randomKSat } from '../src/engines/smt/formats/families.ts';
import { randomLra } from '../src/engines/smt/formats/smtlib/random.ts';
import { runDimacs } from '../src/engines/smt/run/satRun.ts';
import { runSmtlib } from '../src/engines/smt/run/smtRun.ts';
import { startZ3, z3Check } from '../src/engines/smt/testkit/z3.ts';
import { geometricMean, report, time, timeAsync, type Benchmark } from './harness.ts';

/**
 * `npm run bench -- smt`: our CDCL against logic-solver (MiniSat compiled to JavaScript) and
 * Debian's native minisat on uniform random 3-SAT at ratio 4.26 (uf: satisfiable, uuf: not,
 * generated with a seeded generator) and structured families; our DPLL(T) against z3 (its
 * WebAssembly build on npm, and /usr/bin/z3 when installed) on random QF_LRA. Every time is
 * measured in this run; answers must agree or the bench says so.
 */
const MINISAT = '/usr/bin/minisat';
const Z3 = '/usr/bin/z3';
const dir = mkdtempSync(join(tmpdir(), 'latticework-smt-bench-'));

function ours(cnf: Cnf): string {
  const ctx = createRunContext({ maxSteps: Number.MAX_SAFE_INTEGER, maxMillis: 600_000 });
  return runDimacs({ input: { kind: 'dimacs', text: writeDimacs(cnf) }, mode: 'cdcl', theory: 'lazy', options: { ...DEFAULT_OPTIONS, record: false } }, ctx).summary.verdict;
}

function logicSolver(cnf: Cnf): string {
  const s = new Logic.Solver();
  for (const c of cnf.clauses) s.require(Logic.or(c.map((l) => (l > 0 ? `v${l}` : `-v${-l}`))));
  return s.solve() ? 'sat' : 'unsat';
}

/** Native minisat's answer and its own CPU time (process start excluded). */
function minisat(cnf: Cnf, name: string): { verdict: string; millis: number } {
  const path = join(dir, `${name}.cnf`);
  writeFileSync(path, writeDimacs(cnf));
  const r = spawnSync(MINISAT, ['-verb=1', path], { encoding: 'utf8' });
  const cpu = /CPU time\s*:\s*([\d.]+)/.exec(r.stdout);
  return { verdict: r.status === 10 ? 'sat' : r.status === 20 ? 'unsat' : 'unknown', millis: cpu ? Number(cpu[1]) * 1000 : NaN };
}

/**
 * CPU time of a call in this process (user + system), comparable with minisat's own "CPU time":
 * on a loaded machine wall-clock times would charge us for other processes' work.
 */
function cpu<T>(fn: () => T): { value: T; millis: number } {
  const start = process.cpuUsage();
  const value = fn();
  const d = process.cpuUsage(start);
  return { value, millis: (d.user + d.system) / 1000 };
}

interface Family {
  name: string;
  instances: Cnf[];
  /** Runs of each instance (for every solver alike): a family solved in a few milliseconds is timed over several, so one scheduler hiccup on a loaded machine does not decide its ratio. */
  runs: number;
}

/**
 * Random families take five instances each (seeds picked by their answer): on one instance a
 * solver's restart luck decides the ratio; the geometric mean of five per-instance ratios says
 * how the solvers compare on the family.
 */
const RANDOM_INSTANCES = 5;

function families(): Family[] {
  const uf = (n: number, want: 'sat' | 'unsat') => {
    const out: Cnf[] = [];
    for (let seed = 1; out.length < RANDOM_INSTANCES && seed < 500; seed++) {
      const cnf = randomKSat(n, Math.round(4.26 * n), 3, n * 1000 + seed);
      if (minisatOrOurs(cnf, `probe${n}-${seed}`) === want) out.push(cnf);
    }
    return out;
  };
  return [
    { name: 'uf200 (random 3-SAT, satisfiable)', instances: uf(200, 'sat'), runs: 1 },
    { name: 'uuf200 (random 3-SAT, unsatisfiable)', instances: uf(200, 'unsat'), runs: 1 },
    { name: 'uf250', instances: uf(250, 'sat'), runs: 1 },
    { name: 'uuf250', instances: uf(250, 'unsat'), runs: 1 },
    { name: 'pigeonhole 8 in 7', instances: [pigeonhole(8, 7)], runs: 5 },
    { name: 'graph colouring (60 nodes, p = 0.1, 4 colours)', instances: [1, 2, 3].map((s) => graphColouring(60, 0.1, 4, s)), runs: 5 },
    { name: 'parity (16 variables, two chains)', instances: [1, 2].map((s) => parity(16, s % 2 === 0, s)), runs: 5 },
  ];
}

/** Picks instances by their answer (minisat when installed, else ours): the answer is not known in advance. */
function minisatOrOurs(cnf: Cnf, name: string): string {
  return existsSync(MINISAT) ? minisat(cnf, name).verdict : ours(cnf);
}

/**
 * Untimed runs of both JavaScript solvers first (random 3-SAT at 150 variables and a small
 * pigeonhole), so the first family timed does not pay for their JIT compilation; native
 * minisat has none to pay.
 */
function warmUp(): void {
  const warm = [1, 2, 3].map((seed) => randomKSat(150, 639, 3, seed)).concat([pigeonhole(7, 6)]);
  for (const cnf of warm) {
    ours(cnf);
    logicSolver(cnf);
  }
}

async function satFamilies(): Promise<void> {
  warmUp();
  const native = existsSync(MINISAT);
  if (!native) console.log(`  (${MINISAT} is not installed: apt-get install minisat; native ratios are skipped)`);
  for (const f of families()) {
    const t = { ours: 0, logic: 0, native: 0 };
    /** Per instance: logic-solver's time over ours, and ours over minisat's. */
    const vsLogic: number[] = [];
    const vsNative: number[] = [];
    let disagree = 0;
    f.instances.forEach((cnf, i) => {
      const one = { ours: 0, logic: 0, native: 0 };
      for (let run = 0; run < f.runs; run++) {
        const a = cpu(() => ours(cnf));
        const b = cpu(() => logicSolver(cnf));
        one.ours += a.millis;
        one.logic += b.millis;
        if (a.value !== b.value) disagree++;
        if (native) {
          const m = minisat(cnf, `${f.name.split(' ')[0]}-${i}`);
          one.native += m.millis;
          if (m.verdict !== a.value) disagree++;
        }
      }
      t.ours += one.ours;
      t.logic += one.logic;
      t.native += one.native;
      vsLogic.push(one.logic / one.ours);
      if (native) vsNative.push(one.ours / one.native);
    });
    const note = `${f.instances.length} instances${f.runs > 1 ? ` x ${f.runs} runs` : ''}${disagree ? `, ${disagree} DISAGREEMENTS` : ''}`;
    const spread = (ratios: number[]) => (ratios.length > 1 ? `, geometric mean of per-instance ratios ${geometricMean(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})` : '');
    report({ name: `${f.name}: ours (CPU)`, value: t.ours, unit: 'ms', baseline: { name: 'logic-solver', value: t.logic }, lowerIsBetter: true, note: note + spread(vsLogic) });
    if (native) report({ name: `${f.name}: native minisat`, value: t.native, unit: 'ms', baseline: { name: 'ours', value: t.ours }, lowerIsBetter: true, note: `minisat CPU time; ratio >1 means minisat is faster${spread(vsNative)}` });
  }
}

async function lraSet(): Promise<void> {
  await startZ3();
  const scripts = Array.from({ length: 20 }, (_, i) => randomLra(6 + (i % 4), 28 + 2 * (i % 5), 7000 + i));
  let tOurs = 0;
  let tWasm = 0;
  let tNative = 0;
  let disagree = 0;
  for (const [i, text] of scripts.entries()) {
    const a = cpu(() => runSmtlib({ input: { kind: 'smtlib', text }, mode: 'cdcl', theory: 'lazy', options: { ...DEFAULT_OPTIONS, record: false } }, createRunContext()).summary.verdict);
    const b = await timeAsync(() => z3Check(text));
    tOurs += a.millis;
    tWasm += b.millis;
    if (a.value !== b.value) disagree++;
    if (existsSync(Z3)) {
      const path = join(dir, `lra-${i}.smt2`);
      writeFileSync(path, text);
      const c = time(() => spawnSync(Z3, [path], { encoding: 'utf8' }).stdout.trim());
      tNative += c.millis;
      if (c.value !== a.value) disagree++;
    }
  }
  const note = `${scripts.length} scripts${disagree ? `, ${disagree} DISAGREEMENTS` : ''}`;
  report({ name: 'random QF_LRA: ours (DPLL(T), float simplex checked exactly, CPU)', value: tOurs, unit: 'ms', baseline: { name: 'z3-solver (wasm, wall)', value: tWasm }, lowerIsBetter: true, note });
  if (existsSync(Z3)) report({ name: 'random QF_LRA: native z3 (incl. process start)', value: tNative, unit: 'ms', baseline: { name: 'ours', value: tOurs }, lowerIsBetter: true });
  else console.log(`  (${Z3} is not installed; native z3 is skipped)`);
}

const bench: Benchmark = {
  name: 'smt',
  async run() {
    await satFamilies();
    await lraSet();
  },
};
export default bench;

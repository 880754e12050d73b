import { readFile } from 'node:fs/promises';
import { createRunContext } from '../src/engines/runContext.ts';
import { engine, type ExploreSettings, type ExploreSummary, type LvarsResult } from '../src/engines/lvars/index.ts';
import { makeSet, setInsertEditing, setUnion, type SetValue } from '../src/engines/lvars/runtime/values.ts';
import { measure, measureAsync, report, timeAsync, type Benchmark } from './harness.ts';

const SETTINGS: ExploreSettings = { mode: 'exhaustive', reduction: true, por: false, dpor: false, maxStates: 5_000_000, schedules: 1, maxDepth: 100_000, localLimit: 100_000_000 };

async function explore(program: string, settings: Partial<ExploreSettings> = {}): Promise<ExploreSummary> {
  const r: LvarsResult = await engine.run({ program, explore: { ...SETTINGS, ...settings } }, 1, createRunContext({ maxSteps: 1e13, maxMillis: 600_000 }));
  if (r.summary.task !== 'explore') throw new Error('not an exploration');
  return r.summary;
}

const traversal = (graph: string) => `
fn neighbors(g, node) { lookupOr(g, node, []) }
fn traverse(g, startNode) {
  let seen = newEmptySet();
  let h = newHandler(seen, fn(node) { for v in neighbors(g, node) { insert(v, seen); } });
  insert(startNode, seen);
  quiesce(h);
  freeze(seen)
}
traverse(${graph}, 1)`;

const GRAPHS = {
  '8-node chain of diamonds': '{1: [2, 3], 2: [4], 3: [4], 4: [5], 5: [6, 7], 6: [8], 7: [8], 8: [1]}',
  '8-node dense DAG': '{1: [2, 3, 4], 2: [5], 3: [5, 6], 4: [6], 5: [7], 6: [7, 8], 7: [8], 8: [1]}',
  '9-node dense DAG': '{1: [2, 3, 4], 2: [5], 3: [5, 6], 4: [6], 5: [7, 9], 6: [7, 8], 7: [8], 8: [9], 9: [1]}',
};

const EMPTY_SET: SetValue = makeSet([]);

function nativeFib(n: number): number {
  return n < 2 ? n : nativeFib(n - 1) + nativeFib(n - 2);
}

/**
 * The LVars engine: how fast the interpreter reduces (against the same computation in native
 * JavaScript, measured in the same run), and what state caching, sleep sets and DPOR save on the
 * traversal examples and on many independent LVars.
 */
const bench: Benchmark = {
  name: 'lvars',
  async run() {
    // One thread: pure reductions. The baseline is native JavaScript computing the same fib(20),
    // credited with the same number of steps per run.
    const fib = 'fn fib(n) { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } } fib(20)';
    const interp = await measureAsync(async () => (await explore(fib)).steps, { minMillis: 2000 });
    const stepsPerRun = interp.units / interp.runs;
    const native = measure(() => (nativeFib(20), stepsPerRun));
    report({ name: 'interpreter reductions (fib 20, one thread)', value: interp.perSecond / 1e6, unit: 'M steps/s', baseline: { name: 'native JS, same fib', value: native.perSecond / 1e6 } });

    // Six threads inserting into one set: every insert is a scheduling point. The baseline is the
    // same inserts in one thread, so the ratio is the cost of scheduling.
    const inserts = (i: number) => `for x in range(${i * 40}, ${i * 40 + 40}) { insert(x, s); }`;
    const parallel = `let s = newEmptySet(); ${Array.from({ length: 6 }, (_, i) => `fork { ${inserts(i)} }`).join(' ')} 0`;
    const sequential = `let s = newEmptySet(); ${Array.from({ length: 6 }, (_, i) => inserts(i)).join(' ')} 0`;
    const threads = await measureAsync(async () => (await explore(parallel, { mode: 'random', schedules: 20 })).steps, { minMillis: 2000 });
    const alone = await measureAsync(async () => (await explore(sequential, { mode: 'random', schedules: 20 })).steps, { minMillis: 2000 });
    report({ name: 'interpreter reductions (6 threads, 240 inserts)', value: threads.perSecond / 1e6, unit: 'M steps/s', baseline: { name: 'same inserts, one thread', value: alone.perSecond / 1e6 } });
    // Scheduler steps (one shared operation each: here, one insert) per second, the figure issue 14 sets a goal for.
    // A random walk never comes back, so it changes its configuration in place (World.advance).
    const scheduled = await measureAsync(async () => (await explore(parallel, { mode: 'random', schedules: 20 })).transitions, { minMillis: 2000 });
    const scheduledAlone = await measureAsync(async () => (await explore(sequential, { mode: 'random', schedules: 20 })).transitions, { minMillis: 2000 });
    report({ name: 'scheduler steps (6 threads, 240 inserts)', value: scheduled.perSecond / 1e6, unit: 'M steps/s', baseline: { name: 'same inserts, one thread', value: scheduledAlone.perSecond / 1e6 }, note: 'wall clock' });
    report({ name: 'scheduler steps, per CPU second', value: scheduled.perCpuSecond / 1e6, unit: 'M steps/s', baseline: { name: 'same inserts, one thread', value: scheduledAlone.perCpuSecond / 1e6 }, note: 'CPU time of this process' });
    // What one of those steps cannot go below: its put, a persistent set's insert (the old state stays valid).
    const setInserts = measure(() => {
      let s: SetValue = EMPTY_SET;
      for (let x = 0; x < 240; x++) s = setUnion(s, makeSet([(x * 41) % 240]));
      return 240;
    });
    report({ name: '  floor: the same 240 set inserts alone', value: setInserts.perCpuSecond / 1e6, unit: 'M inserts/s', note: 'persistent B+ tree, CPU time' });
    // What a random walk's step does instead: the insert in place, under the walk's edit (./runtime/treeSet.ts).
    const editedInserts = measure(() => {
      let s: SetValue = EMPTY_SET;
      const edit = {};
      for (let x = 0; x < 240; x++) s = setInsertEditing(s, (x * 41) % 240, edit);
      return 240;
    });
    report({ name: '  floor: the same 240 inserts in place', value: editedInserts.perCpuSecond / 1e6, unit: 'M inserts/s', baseline: { name: 'persistent', value: setInserts.perCpuSecond / 1e6 }, note: 'transient B+ tree, CPU time' });

    for (const [name, graph] of Object.entries(GRAPHS)) {
      const program = traversal(graph);
      const reduced = await timeAsync(() => explore(program));
      const naive = await timeAsync(() => explore(program, { reduction: false }));
      const sleep = await timeAsync(() => explore(program, { reduction: false, por: true }));
      const both = await timeAsync(() => explore(program, { por: true }));
      const dpor = await timeAsync(() => explore(program, { dpor: true }));
      if (reduced.value.schedules !== naive.value.schedules || reduced.value.verdict !== naive.value.verdict)
        throw new Error(`${name}: the reduction changed the answer (${reduced.value.schedules} vs ${naive.value.schedules} schedules)`);
      for (const r of [sleep, both, dpor])
        if (JSON.stringify(r.value.outcomes.map((o) => o.text)) !== JSON.stringify(naive.value.outcomes.map((o) => o.text))) throw new Error(`${name}: partial-order reduction changed the outcomes`);
      console.log(`  traversal, ${name}: ${reduced.value.schedules.toLocaleString('en-US')} schedules, verdict ${reduced.value.verdict}`);
      const none = { name: 'no reduction', value: naive.value.states };
      report({ name: '  configurations, state caching', value: reduced.value.states, unit: 'states', baseline: none, lowerIsBetter: true });
      report({ name: '  configurations, sleep sets (no caching)', value: sleep.value.states, unit: 'states', baseline: none, lowerIsBetter: true });
      report({ name: '  configurations, DPOR (source sets + sleep sets)', value: dpor.value.states, unit: 'states', baseline: { name: 'caching + sleep sets', value: both.value.states }, lowerIsBetter: true });
      report({ name: '  steps taken, caching + sleep sets', value: both.value.transitions, unit: 'steps', baseline: { name: 'caching alone', value: reduced.value.transitions }, lowerIsBetter: true });
      report({ name: '  steps taken, DPOR', value: dpor.value.transitions, unit: 'steps', baseline: { name: 'caching + sleep sets', value: both.value.transitions }, lowerIsBetter: true });
      const slow = { name: 'no reduction', value: naive.millis };
      report({ name: '  time, state caching', value: reduced.millis, unit: 'ms', baseline: slow, lowerIsBetter: true });
      report({ name: '  time, caching + sleep sets', value: both.millis, unit: 'ms', baseline: slow, lowerIsBetter: true });
      report({ name: '  time, DPOR', value: dpor.millis, unit: 'ms', baseline: slow, lowerIsBetter: true });
    }

    // The library's examples: arrays of IVars and counters, maps of LVars (modify), cartesianProd.
    // Their updates commute and their met thresholds stay met (./explore/independence.ts).
    for (const id of ['nat-arrays', 'library-products']) {
      const example = JSON.parse(await readFile(new URL(`../public/examples/lvars/${id}.json`, import.meta.url), 'utf8')) as { config: { program: string } };
      const program = example.config.program;
      const cached = await timeAsync(() => explore(program));
      const both = await timeAsync(() => explore(program, { por: true }));
      const dpor = await timeAsync(() => explore(program, { dpor: true }));
      for (const r of [both, dpor])
        if (JSON.stringify(r.value.outcomes.map((o) => o.key)) !== JSON.stringify(cached.value.outcomes.map((o) => o.key))) throw new Error(`${id}: partial-order reduction changed the outcomes`);
      console.log(`  example ${id}: ${cached.value.schedules.toLocaleString('en-US')} schedules, verdict ${cached.value.verdict}`);
      report({ name: '  configurations, caching + sleep sets', value: both.value.states, unit: 'states', baseline: { name: 'caching alone', value: cached.value.states }, lowerIsBetter: true });
      report({ name: '  steps taken, caching + sleep sets', value: both.value.transitions, unit: 'steps', baseline: { name: 'caching alone', value: cached.value.transitions }, lowerIsBetter: true });
      report({ name: '  configurations, DPOR', value: dpor.value.states, unit: 'states', baseline: { name: 'caching + sleep sets', value: both.value.states }, lowerIsBetter: true, note: `${dpor.value.schedules.toLocaleString('en-US')} schedules` });
    }

    // Many independent LVars: n threads, each putting 3 times into its own LVar. Every
    // interleaving ends in the same configuration, but caching still visits all 4^n of them.
    for (const n of [4, 6, 8]) {
      const program = `${Array.from({ length: n }, (_, i) => `let v${i} = new(MaxNat); fork { put(v${i}, 1); put(v${i}, 2); put(v${i}, 3); }`).join(' ')} 0`;
      const cached = await timeAsync(() => explore(program, { por: true }));
      const dpor = await timeAsync(() => explore(program, { dpor: true }));
      if (JSON.stringify(dpor.value.outcomes.map((o) => o.key)) !== JSON.stringify(cached.value.outcomes.map((o) => o.key))) throw new Error(`${n} LVars: DPOR changed the outcomes`);
      console.log(`  ${n} threads, ${n} independent LVars, 3 puts each`);
      report({ name: '  configurations, DPOR', value: dpor.value.states, unit: 'states', baseline: { name: 'caching + sleep sets', value: cached.value.states }, lowerIsBetter: true });
      report({ name: '  time, DPOR', value: dpor.millis, unit: 'ms', baseline: { name: 'caching + sleep sets', value: cached.millis }, lowerIsBetter: true });
    }
  },
};
export default bench;

import type { DynamoConfig } from '../src/engines/dynamo/config.ts';
import { defaultConfig } from '../src/engines/dynamo/defaults.ts';
import { EventQueue } from '../src/engines/dynamo/sim/eventQueue.ts';
import { dynamoProtocol } from '../src/engines/dynamo/protocol.ts';
import { simRandom } from '../src/engines/dynamo/sim/random.ts';
import { Simulation } from '../src/engines/dynamo/simulation.ts';
import { createRunContext } from '../src/engines/runContext.ts';
import { summarize } from '../src/engines/dynamo/measure/summary.ts';
import { measure, report, time, type Benchmark } from './harness.ts';

/**
 * A production-sized ring: 100 nodes under strategy 3, (N, R, W) = (3, 2, 2), sloppy quorum,
 * read repair, hinted handoff, anti-entropy and gossip all on, 50 clients on 100,000 keys with
 * Zipf popularity, at 10,000 requests per simulated second.
 */
function ring(requests: number): DynamoConfig {
  const c = defaultConfig();
  c.cluster = { ...c.cluster, nodes: 100, strategy: 3, partitions: 1000, tokensPerNode: 8, seeds: 3 };
  c.membership = { gossipIntervalMs: 1000, failureTimeoutMs: 10000, retryMs: 2000 };
  c.repair = { ...c.repair, antiEntropyIntervalMs: 5000 };
  c.workload = { ...c.workload, clients: 50, keys: 100_000, requests, ratePerSecond: 10_000, readFraction: 0.5 };
  c.trace.maxEvents = 20_000;
  return c;
}

/**
 * The baseline: the agenda alone, in the classic hold model (pop an event, schedule one at an
 * exponential delay) with as many events pending as the simulation keeps. Everything the
 * simulation does beyond that is Dynamo.
 */
function hold(events: number, pending: number): number {
  const q = new EventQueue(1024);
  const rng = simRandom(1, 0);
  for (let i = 0; i < pending; i++) q.push(-Math.log(rng.nextOpen()), 0, i, 0, null);
  for (let i = 0; i < events; i++) {
    q.pop();
    q.push(q.now - Math.log(rng.nextOpen()), 0, q.a, 0, null);
  }
  return events;
}

/**
 * How many events the simulation's agenda holds, on average over its events (counted as each is
 * taken): the size of the heap the baseline must work on to be the same agenda. One run of its
 * own, outside the timed ones, with the queue's `pop` counted on that instance only.
 */
function meanPending(s: Simulation): number {
  const q = s.queue;
  const pop = q.pop.bind(q);
  let sum = 0;
  let pops = 0;
  q.pop = () => {
    sum += q.size;
    pops++;
    return pop();
  };
  s.run(createRunContext(), () => {});
  return Math.round(sum / pops);
}

/**
 * The memory the simulation holds after a full collection (the bench runs with --expose-gc): the
 * JavaScript heap and the typed arrays' buffers, which live outside it (state moved into typed
 * arrays must not look like a saving).
 */
function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the bench with --expose-gc (npm run bench does)');
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 2 ** 20;
}

/** The first checkpoint of the heap, in operations started; later ones double it. */
const FIRST_CHECKPOINT = 1_000_000;

/**
 * Runs the ring with `requests` operations, sampling the heap after GC at 1 M operations started,
 * 2 M, 4 M, … and once more at the end with the summary made: one run, so the samples show how
 * the heap grows (or not) with the run's length.
 */
function held(requests: number): { heap: { at: number; mb: number }[]; millis: number; cpuMillis: number; events: number; simulatedMs: number; requests: number } {
  const s = new Simulation(ring(requests), 1, dynamoProtocol);
  const heap: { at: number; mb: number }[] = [];
  let next = Math.min(FIRST_CHECKPOINT, requests);
  const cpu = process.cpuUsage();
  const run = time(() =>
    s.run(createRunContext({ maxSteps: 5e10, maxMillis: 6 * 3_600_000 }), (done) => {
      if (done < next) return;
      heap.push({ at: done, mb: heapAfterGc() });
      next *= 2;
    }),
  );
  const used = process.cpuUsage(cpu);
  const summary = summarize(s, false, 1);
  heap.push({ at: requests, mb: heapAfterGc() });
  return { heap, millis: run.millis, cpuMillis: (used.user + used.system) / 1000, events: s.events, simulatedMs: s.endTime, requests: summary.simulated.requests };
}

const bench: Benchmark = {
  name: 'dynamo',
  run(args) {
    const requests = Number(args[0] ?? 10_000_000);
    const sim = measure(
      () => {
        const s = new Simulation(ring(100_000), 1, dynamoProtocol);
        s.run(createRunContext(), () => {});
        return s.events;
      },
      { minMillis: 3000, warmupMillis: 500, minRuns: 2 },
    );
    // The baseline's heap holds as many events as the simulation's does on average (a larger one
    // would make the baseline slower and the ratio look better).
    const pending = meanPending(new Simulation(ring(100_000), 1, dynamoProtocol));
    const agenda = measure(() => hold(1_000_000, pending), { minMillis: 1000 });
    report({
      name: 'simulated events, 100 nodes, every mechanism on',
      value: sim.perCpuSecond / 1e6,
      unit: 'M events/CPU s',
      baseline: { name: 'the bare agenda (hold model)', value: agenda.perCpuSecond / 1e6 },
      note: `(${(sim.units / sim.runs).toLocaleString('en-US')} events per run; the agenda holds ${pending.toLocaleString('en-US')} events on average, and so does the baseline's)`,
    });

    // Memory: the heap after a full collection, sampled along one run; streaming metrics and bounded
    // windows keep it independent of the run's length once every key has been written.
    const full = held(requests);
    report({
      name: `100-node ring serving ${requests.toLocaleString('en-US')} requests`,
      value: full.cpuMillis / 1000,
      unit: 's CPU',
      baseline: { name: 'the simulated time', value: full.simulatedMs / 1000 },
      lowerIsBetter: true,
      note: `(${full.events.toLocaleString('en-US')} events, metrics and audit included, ${(full.millis / 1000).toFixed(0)} s wall; ratio = times faster than real time)`,
    });
    const first = full.heap[0]!;
    const last = full.heap[full.heap.length - 1]!;
    report({
      name: `memory held by a run of ${requests.toLocaleString('en-US')} requests, after GC (heap + typed arrays)`,
      value: last.mb,
      unit: 'MB',
      baseline: { name: `the same run at ${first.at.toLocaleString('en-US')}`, value: first.mb },
      lowerIsBetter: true,
      note: `(ratio near 1: memory independent of the run's length; ${full.heap.map((h) => `${(h.at / 1e6).toFixed(2)} M: ${h.mb.toFixed(0)} MB`).join(', ')})`,
    });
    report({ name: 'peak resident memory of the bench process', value: process.resourceUsage().maxRSS / 1024, unit: 'MB', lowerIsBetter: true });
    if (full.requests === 0) throw new Error('the run served no requests');
  },
};
export default bench;

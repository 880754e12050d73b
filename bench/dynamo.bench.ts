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

/** The heap in use after a full collection (the bench runs with --expose-gc). */
function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the bench with --expose-gc (npm run bench does)');
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** Runs the ring with `requests` operations; the largest heap after GC while the run is alive. */
function held(requests: number): { heapMb: number; millis: number; events: number; simulatedMs: number; requests: number } {
  const s = new Simulation(ring(requests), 1, dynamoProtocol);
  let heapMb = 0;
  let next = requests / 4;
  const run = time(() =>
    s.run(createRunContext({ maxSteps: 5e9, maxMillis: 3_600_000 }), (done) => {
      if (done < next) return;
      next += requests / 4;
      heapMb = Math.max(heapMb, heapAfterGc());
    }),
  );
  const summary = summarize(s, false, 1);
  heapMb = Math.max(heapMb, heapAfterGc());
  return { heapMb, millis: run.millis, events: s.events, simulatedMs: s.endTime, requests: summary.simulated.requests };
}

const bench: Benchmark = {
  name: 'dynamo',
  run(args) {
    const requests = Number(args[0] ?? 10_000_000);
    let pending = 0;
    const sim = measure(
      () => {
        const s = new Simulation(ring(100_000), 1, dynamoProtocol);
        s.run(createRunContext(), () => {});
        pending = Math.max(pending, s.queue.size, 4096);
        return s.events;
      },
      { minMillis: 3000, warmupMillis: 500, minRuns: 2 },
    );
    const agenda = measure(() => hold(1_000_000, pending), { minMillis: 1000 });
    report({
      name: 'simulated events, 100 nodes, every mechanism on',
      value: sim.perSecond / 1e6,
      unit: 'M events/s',
      baseline: { name: 'the bare agenda (hold model)', value: agenda.perSecond / 1e6 },
      note: `(${(sim.units / sim.runs).toLocaleString('en-US')} events per run)`,
    });

    // Memory: the heap after a full collection, held while the run is alive (sampled at each quarter of
    // its operations and once more with its summary made), at the full length and at a quarter of it:
    // streaming metrics and bounded windows make the two the same size.
    const quarter = held(Math.round(requests / 4));
    const full = held(requests);
    report({
      name: `100-node ring serving ${requests.toLocaleString('en-US')} requests`,
      value: full.millis / 1000,
      unit: 's',
      baseline: { name: 'the simulated time', value: full.simulatedMs / 1000 },
      lowerIsBetter: true,
      note: `(${full.events.toLocaleString('en-US')} events, metrics and audit included; ratio = times faster than real time)`,
    });
    report({
      name: `heap held by a run of ${requests.toLocaleString('en-US')} requests, after GC`,
      value: full.heapMb,
      unit: 'MB',
      baseline: { name: `a run of ${Math.round(requests / 4).toLocaleString('en-US')}`, value: quarter.heapMb },
      lowerIsBetter: true,
      note: '(ratio near 1: memory independent of the run\'s length)',
    });
    report({ name: 'peak resident memory of the bench process', value: process.resourceUsage().maxRSS / 1024, unit: 'MB', lowerIsBetter: true });
    if (full.requests === 0) throw new Error('the run served no requests');
  },
};
export default bench;

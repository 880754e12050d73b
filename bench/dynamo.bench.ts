import type { DynamoConfig } from '../src/engines/dynamo/config.ts';
import { defaultConfig } from '../src/engines/dynamo/defaults.ts';
import { engine } from '../src/engines/dynamo/engine.ts';
import { EventQueue } from '../src/engines/dynamo/sim/eventQueue.ts';
import { dynamoProtocol } from '../src/engines/dynamo/protocol.ts';
import { simRandom } from '../src/engines/dynamo/sim/random.ts';
import { Simulation } from '../src/engines/dynamo/simulation.ts';
import { createRunContext } from '../src/engines/runContext.ts';
import { measure, report, timeAsync, type Benchmark } from './harness.ts';

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

const bench: Benchmark = {
  name: 'dynamo',
  async run(args) {
    const requests = Number(args[0] ?? 1_000_000);
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

    const full = await timeAsync(async () => engine.run(ring(requests), 1, createRunContext({ maxSteps: 5e9, maxMillis: 600_000 })));
    const simulatedSeconds = full.value.summary.simulated.durationMs / 1000;
    report({
      name: `100-node ring serving ${requests.toLocaleString('en-US')} requests`,
      value: full.millis / 1000,
      unit: 's',
      baseline: { name: 'the simulated time', value: simulatedSeconds },
      lowerIsBetter: true,
      note: `(${full.value.summary.simulated.events.toLocaleString('en-US')} events, metrics and audit included; ratio = times faster than real time)`,
    });
    // Memory: the heap with the result still held, and the process's peak resident set (the run's high-water mark).
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    report({ name: `heap in use after ${requests.toLocaleString('en-US')} requests, result held`, value: heapMb, unit: 'MB', lowerIsBetter: true });
    report({ name: 'peak resident memory of the bench process', value: process.resourceUsage().maxRSS / 1024, unit: 'MB', lowerIsBetter: true });
    if (full.value.summary.simulated.requests === 0) throw new Error('the run served no requests');
  },
};
export default bench;

import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { engine } from '../engine.ts';

const run = async (cfg: DynamoConfig, seed = 5) => (await engine.run(cfg, seed, createRunContext())).summary;

/** A busy shopping cart: few keys, writes close together, no failures, N, R, W = 3, 2, 2. */
function busyCart(writersPerKey: number, writeMode: 'blind' | 'read-modify-write'): DynamoConfig {
  const cfg = defaultConfig();
  cfg.versioning.reconciliation = 'shopping-cart';
  cfg.workload = { ...cfg.workload, clients: 6, keys: 12, popularity: { kind: 'uniform' }, requests: 2500, ratePerSecond: 2000, readFraction: 0.3, writersPerKey, writeMode };
  cfg.trace.maxEvents = 0;
  return cfg;
}

describe('clients: one writer per key, blind writes, closed loops', () => {
  it('under read-modify-write one writer per key writes a chain of versions; four writers fork it', async () => {
    const one = await run(busyCart(1, 'read-modify-write'));
    const four = await run(busyCart(4, 'read-modify-write'));
    expect(one.availability.overall).toBe(1);
    expect(one.versionsPerRead.shares['1']).toBe(1);
    expect(four.versionsPerRead.shares['1']).toBeLessThan(0.97);
  });

  it('a blind cart write puts without reading first, so concurrent writers leave siblings', async () => {
    const blind = await run(busyCart(3, 'blind'));
    const rmw = await run(busyCart(3, 'read-modify-write'));
    const writes = (s: typeof blind) => s.availability.writes.requests;
    // A read-modify-write costs a get and a put; a blind write only the put.
    expect(blind.simulated.requests).toBe(blind.simulated.operations);
    expect(rmw.simulated.requests).toBe(rmw.simulated.operations + writes(rmw));
    expect(blind.versionsPerRead.shares['1']).toBeLessThan(0.97);
  });

  it('closed-loop clients wait for each answer, so two of them cannot keep up with a flood that open-loop clients serve', async () => {
    const flood = (closedLoop: boolean) => {
      const cfg = defaultConfig();
      cfg.workload = { ...cfg.workload, clients: 2, requests: 2000, ratePerSecond: 20000, closedLoop, settleMs: 500 };
      cfg.trace.maxEvents = 0;
      return cfg;
    };
    const open = await run(flood(false));
    const closed = await run(flood(true));
    expect(open.simulated.requests).toBeGreaterThan(1900);
    // Each client has one operation in flight: a few milliseconds each over 0.9 s of simulated time.
    expect(closed.simulated.requests).toBeLessThan(1000);
    expect(closed.availability.overall).toBe(1);
    // What could not start is said, not dropped silently: every started operation made one request
    // (a read, a blind write) or two (a read-modify-write's get and put), but for the one operation
    // each of the two clients may still have in flight when the run ends.
    const started = closed.simulated.operations - closed.simulated.neverStarted;
    expect(closed.simulated.neverStarted).toBeGreaterThan(1000);
    expect(started).toBeLessThanOrEqual(closed.simulated.requests + 2);
    expect(2 * started).toBeGreaterThanOrEqual(closed.simulated.requests);
  });
});

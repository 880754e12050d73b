import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import { runEngine } from '../../runEngine.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { engine } from '../engine.ts';
import { dynamoProtocol } from '../protocol.ts';
import { Simulation } from '../simulation.ts';
import { estimateEvents, MAX_EVENTS, workProblem } from './workEstimate.ts';

/** A run whose simulated duration is enormous: 100 operations at one per 100 s, nodes gossiping every microsecond. */
function enormous(): DynamoConfig {
  const c = defaultConfig();
  c.workload = { ...c.workload, requests: 100, ratePerSecond: 0.01, settleMs: 1e7 };
  c.membership = { ...c.membership, gossipIntervalMs: 0.001 };
  return c;
}

const eventsOf = (c: DynamoConfig) => {
  const sim = new Simulation(c, 1, dynamoProtocol);
  sim.run(createRunContext(), () => {});
  return sim.events;
};

describe('the work a Dynamo run will take is estimated before it starts', () => {
  it('refuses a run of enormous simulated duration at once, as bad input with the reason', async () => {
    const outcome = await runEngine(engine, { config: enormous(), seed: 1 });
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.error.kind).toBe('input');
    expect(outcome.error.message).toMatch(/at least [\d,]+ simulated events/);
    expect(outcome.error.message).toContain(`more than the ${MAX_EVENTS.toLocaleString('en-US')}`);
    expect(outcome.error.message).toContain('8 nodes gossip every 0.001 ms');
    // Refused before any event ran.
    expect(outcome.steps).toBe(0);
  });

  it('counts every variant, and the operations', () => {
    const c = defaultConfig();
    c.workload = { ...c.workload, requests: 5_000_000, ratePerSecond: 1e7 };
    const one = estimateEvents(c).events;
    c.compare = Array.from({ length: 8 }, (_, i) => ({ label: `v${i}`, set: { sloppy: false } }));
    expect(estimateEvents(c).events).toBeGreaterThan(8 * one);
    expect(workProblem(c, Infinity)).toMatch(/5,000,000 operations × 9 runs/);
  });

  it('never exceeds the events a run really takes (it is a lower bound), and lets ordinary runs through', () => {
    const cases: DynamoConfig[] = [defaultConfig()];
    const client = defaultConfig();
    client.coordination.mode = 'client';
    client.repair.antiEntropy = false;
    cases.push(client);
    const lonely = defaultConfig();
    lonely.cluster = { ...lonely.cluster, nodes: 1, seeds: 1 };
    lonely.quorum = { ...lonely.quorum, n: 1, r: 1, w: 1 };
    cases.push(lonely);
    for (const c of cases) {
      expect(estimateEvents(c).events).toBeLessThanOrEqual(eventsOf(c));
      expect(workProblem(c, Infinity)).toBeUndefined();
    }
  });

  it('respects a smaller step budget than the limit', () => {
    const c = defaultConfig();
    expect(workProblem(c, 100)).toMatch(/more than the 100 steps of the step budget/);
  });
});

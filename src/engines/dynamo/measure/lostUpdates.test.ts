import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import type { DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { engine } from '../engine.ts';

/** One writer per key putting blind, one write at a time, on a few hot keys; clocks up to `skew` ms off. */
function register(versions: 'vector-clocks' | 'timestamps', skew: number): DynamoConfig {
  const cfg = defaultConfig();
  cfg.cluster.clockSkewMs = skew;
  cfg.versioning.versions = versions;
  cfg.workload = { ...cfg.workload, keys: 10, popularity: { kind: 'uniform' }, requests: 800, ratePerSecond: 1000, readFraction: 0.3 };
  cfg.trace.maxEvents = 0;
  return cfg;
}

const run = async (cfg: DynamoConfig) => (await engine.run(cfg, 3, createRunContext())).summary;

describe('lost updates: last-write-wins with clock skew against vector clocks', () => {
  it('timestamps under skew let an earlier write overwrite a later one; vector clocks lose nothing, skew or not', async () => {
    const vector = await run(register('vector-clocks', 20));
    const exact = await run(register('timestamps', 0));
    const skewed = await run(register('timestamps', 20));
    expect(vector.replicas.durability.acknowledged).toBeGreaterThan(450);
    expect(vector.replicas.lostUpdates.overwrittenByEarlier).toBe(0);
    expect(vector.replicas.durability.lost).toBe(0);
    // Synchronised clocks order one writer's writes as they happened.
    expect(exact.replicas.lostUpdates.overwrittenByEarlier).toBe(0);
    expect(skewed.replicas.lostUpdates.overwrittenByEarlier).toBeGreaterThan(0);
    // Timestamp versions never fork: no siblings.
    expect(skewed.versionsPerRead.shares['1']).toBe(1);
  });

  it('concurrent shoppers: the cart’s union keeps almost every add; last-write-wins picks a sibling by its clock, under skew often the earlier write', async () => {
    const shoppers = (skew: number) => {
      const cfg = register('vector-clocks', skew);
      cfg.versioning.reconciliation = 'shopping-cart';
      cfg.workload = { ...cfg.workload, clients: 6, keys: 20, requests: 1500, ratePerSecond: 300, readFraction: 0.2, writersPerKey: 3, writeMode: 'read-modify-write', removeFraction: 0, items: 32 };
      return cfg;
    };
    const cart = (await run(shoppers(20))).replicas.lostUpdates;
    expect(cart.checked).toBeGreaterThan(300);
    // Only two concurrent puts with one context at one coordinator can lose an add: the second's
    // clock advances the same counter and so seems to descend from the first (what dotted version vectors fix).
    expect(cart.lost).toBeLessThan(0.02 * cart.checked);
    const lww = (skew: number) => {
      const cfg = register('vector-clocks', skew);
      cfg.workload = { ...cfg.workload, clients: 6, keys: 20, requests: 1500, ratePerSecond: 1500, readFraction: 0.2, writersPerKey: 3, writeMode: 'read-modify-write' };
      return cfg;
    };
    const synced = (await run(lww(0))).replicas.lostUpdates;
    const skewed = (await run(lww(20))).replicas.lostUpdates;
    expect(skewed.lwwChoices).toBeGreaterThan(50);
    expect(synced.lwwEarlierWins).toBe(0);
    expect(skewed.lwwEarlierWins).toBeGreaterThan(0.2 * skewed.lwwChoices);
  });
});

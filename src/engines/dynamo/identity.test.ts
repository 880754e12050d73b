import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRunContext } from '../runContext.ts';
import { fingerprint } from '../../testing/fingerprint.ts';
import type { DynamoConfig } from './config.ts';
import { defaultConfig } from './defaults.ts';
import { engine } from './engine.ts';

/**
 * Work on the engine's speed and memory must not change what it computes. Each scenario's whole
 * result (summary and trace, every bit) is pinned by its SHA-256, taken from the engine before
 * that work began (commit 3d45fe8). A change of behaviour that is meant must update the hash and
 * say why in its commit.
 */
const digest = async (cfg: DynamoConfig, seed: number) =>
  createHash('sha256').update(fingerprint(await engine.run(cfg, seed, createRunContext()))).digest('hex');

/**
 * A small production ring under load: strategy 3, Zipf keys whose hottest writers fall behind
 * (operations wait in their lanes), anti-entropy, a crash with hinted handoff, a node added
 * (keys transferred), lost messages.
 */
function ring(): DynamoConfig {
  const c = defaultConfig();
  c.cluster = { ...c.cluster, nodes: 24, strategy: 3, partitions: 96, tokensPerNode: 8, seeds: 3 };
  c.repair = { ...c.repair, antiEntropyIntervalMs: 400 };
  c.workload = { ...c.workload, clients: 12, keys: 3000, requests: 12_000, ratePerSecond: 4000 };
  c.failures = [
    { at: 600, kind: 'drop', probability: 0.01 },
    { at: 900, kind: 'crash', node: 5 },
    { at: 1800, kind: 'recover', node: 5 },
    { at: 2200, kind: 'add', capacity: 1 },
  ];
  c.trace.maxEvents = 3000;
  return c;
}

/** Carts written read-modify-write by several writers under last-write-wins with skewed clocks (timestamp versions). */
function skewedCarts(): DynamoConfig {
  const c = defaultConfig();
  c.cluster = { ...c.cluster, clockSkewMs: 40 };
  c.versioning = { ...c.versioning, reconciliation: 'last-write-wins', versions: 'timestamps' };
  c.workload = { ...c.workload, keys: 40, writersPerKey: 3, writeMode: 'read-modify-write', requests: 1500, ratePerSecond: 300 };
  c.failures = [{ at: 1500, kind: 'partition', groups: [[0, 1, 2, 3]], clientGroups: [[0, 1], [2, 3]] }, { at: 3000, kind: 'heal' }];
  return c;
}

/** A G-counter replicated by join, closed-loop clients, threshold reads, a crash. */
function counters(): DynamoConfig {
  const c = defaultConfig();
  c.lattice = { ...c.lattice, values: 'lattice', kind: 'g-counter', thresholdReads: { share: 0.3, pollMs: 20, timeoutMs: 400 } };
  c.workload = { ...c.workload, keys: 30, closedLoop: true, requests: 1200, ratePerSecond: 400 };
  c.failures = [{ at: 800, kind: 'crash', node: 2 }];
  c.compare = [{ label: 'R=1', set: { r: 1 } }];
  return c;
}

/** Client-coordinated writes by six writers per key: clocks of up to six pairs, truncated past five. */
function clientClocks(): DynamoConfig {
  const c = defaultConfig();
  c.coordination = { ...c.coordination, mode: 'client' };
  c.versioning = { ...c.versioning, clockThreshold: 5 };
  c.workload = { ...c.workload, clients: 6, keys: 20, writersPerKey: 6, writeMode: 'read-modify-write', requests: 1500, ratePerSecond: 300 };
  return c;
}

describe('the engine computes what it computed before its speed and memory work', () => {
  it('a loaded ring with failures, transfers and backlogged writers', async () => {
    expect(await digest(ring(), 7)).toBe('7d6365b22fb5c64d7b15775e2ab461d0275eb39a602378a865d1bd4db29f39f6');
  });
  it('read-modify-write carts under last-write-wins with skewed clocks', async () => {
    expect(await digest(skewedCarts(), 3)).toBe('c7f0c1bd28c1a0fe2b2b7d66c4ebbaf68f28d35d5d364e642ce3b593583ba9ed');
  });
  it('lattice counters with threshold reads and closed-loop clients', async () => {
    expect(await digest(counters(), 5)).toBe('9da772f477b832174cc379d57ff5a0f01e7b85663ef85212237c7878f4c3b28f');
  });
  it('client-coordinated writes with long, truncated clocks', async () => {
    expect(await digest(clientClocks(), 9)).toBe('c236c15f357af21b36110df857889899635a3850240f8ab4230d7f65dece7f3a');
  });
});

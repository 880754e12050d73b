import { describe, expect, it } from 'vitest';
import { decodeLink, encodeScenario, validateScenario } from '../../scenario/codec.ts';
import type { Scenario } from '../../scenario/types.ts';
import { defaultScenario, spec } from './scenario.ts';
import { MAX_NODES, MAX_REQUESTS } from '../../engines/dynamo/config.ts';

const roundTrip = (s: Scenario) => {
  const decoded = decodeLink(encodeScenario(s));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return validateScenario(decoded.value, spec);
};

describe('Dynamo scenarios', () => {
  it('the default scenario is valid and survives a link unchanged', () => {
    const checked = roundTrip(defaultScenario as unknown as Scenario);
    expect(checked.ok && checked.value).toEqual(defaultScenario);
  });

  it('refuses settings that contradict each other, naming the field', () => {
    const bad = structuredClone(defaultScenario);
    bad.config.quorum.r = 5;
    const checked = validateScenario(bad as unknown as Scenario, spec);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.error.message).toContain('quorum.r: R = 5 cannot exceed N = 3');
  });

  it('refuses unknown fields, wrong kinds and out-of-range numbers', () => {
    const cases: [(s: Record<string, unknown>) => void, string][] = [
      [(s) => ((s.config as { quorum: Record<string, unknown> }).quorum.q = 1), 'config.quorum.q: unknown field'],
      [(s) => ((s.config as { latency: Record<string, unknown> }).latency.default = { kind: 'gamma' }), 'config.latency.default.kind'],
      [(s) => ((s.config as { failures: unknown[] }).failures = [{ at: -1, kind: 'heal' }]), 'config.failures[0].at'],
      [(s) => ((s.config as { workload: Record<string, unknown> }).workload.readFraction = 2), 'config.workload.readFraction'],
      [(s) => ((s.view as Record<string, unknown>).tab = 'ring'), 'view.tab'],
    ];
    for (const [spoil, where] of cases) {
      const s = structuredClone(defaultScenario) as unknown as Record<string, unknown>;
      spoil(s);
      const checked = validateScenario(s as unknown as Scenario, spec);
      expect(checked.ok).toBe(false);
      expect(!checked.ok && checked.error.message).toContain(where);
    }
  });

  it('accepts a production-sized cluster: 1,000 nodes and 10 M requests', () => {
    const big = structuredClone(defaultScenario);
    big.config.cluster = { ...big.config.cluster, nodes: MAX_NODES, strategy: 3, partitions: 8000, tokensPerNode: 8 };
    big.config.workload = { ...big.config.workload, keys: 100_000, requests: MAX_REQUESTS, ratePerSecond: 10_000 };
    const checked = roundTrip(big as unknown as Scenario);
    expect(checked.ok && checked.value).toEqual(big);
  });

  it('fills view fields an older link lacks', () => {
    const s = structuredClone(defaultScenario) as unknown as Scenario;
    s.view = { position: 12 };
    const checked = validateScenario(s, spec);
    expect(checked.ok && checked.value.view).toEqual({ ...defaultScenario.view, position: 12 });
  });
});

import { describe, expect, it } from 'vitest';
import { configProblem, type DynamoConfig } from '../config.ts';
import { defaultConfig } from '../defaults.ts';
import { previewRing } from './initialRing.ts';
import { largestWithin, MAX_RING_ENTRIES, MAX_RING_TOKENS, ringTableEntries, ringTokens } from './ringSize.ts';

const withCluster = (cluster: Partial<DynamoConfig['cluster']>, more: (c: DynamoConfig) => void = () => {}): DynamoConfig => {
  const c = defaultConfig();
  c.cluster = { ...c.cluster, ...cluster };
  more(c);
  return c;
};

describe('the ring’s size is limited jointly, not per field', () => {
  it('refuses S = 256 nodes with T = 1024 tokens each (each inside its own range), naming S × T', () => {
    const problem = configProblem(withCluster({ nodes: 256, tokensPerNode: 1024, seeds: 2 }));
    expect(problem).toMatch(/^cluster\.tokensPerNode: 256 nodes × 1024 tokens = 262,144 tokens/);
    expect(problem).toContain(`at most ${MAX_RING_TOKENS.toLocaleString('en-US')}`);
  });

  it('accepts the largest ring within the limit, and counts capacities and added nodes', () => {
    expect(configProblem(withCluster({ nodes: 256, tokensPerNode: 256 }))).toBeUndefined();
    const doubled = withCluster({ nodes: 128, tokensPerNode: 256, capacity: [2] });
    expect(ringTokens(doubled)).toBe(128 * 256 + 256);
    const grown = withCluster({ nodes: 128, tokensPerNode: 512 }, (c) => c.failures.push({ at: 10, kind: 'add', capacity: 1 }));
    expect(ringTokens(grown)).toBe(129 * 512);
    expect(configProblem(grown)).toMatch(/^cluster\.tokensPerNode: 129 nodes/);
  });

  it('counts what the preview actually builds', () => {
    const c = withCluster({ nodes: 5, tokensPerNode: 7, capacity: [1, 2.5, 0.1] });
    expect(ringTokens(c)).toBe(previewRing(c, 1).tokens.length);
    const q = withCluster({ nodes: 5, strategy: 3, partitions: 40 });
    expect(ringTokens(q)).toBe(previewRing(q, 1).tokens.length);
    expect(ringTableEntries(q)).toBe(previewRing(q, 1).prefs.length);
  });

  it('bounds the preference tables over every ring version of the run', () => {
    const c = withCluster({ nodes: 64, strategy: 3, partitions: 65536 }, (x) => {
      x.quorum = { ...x.quorum, n: 16, r: 1, w: 1 };
      for (let i = 0; i < 10; i++) x.failures.push({ at: 100 + i, kind: 'add', capacity: 1 });
    });
    expect(ringTableEntries(c)).toBeGreaterThan(MAX_RING_ENTRIES);
    expect(configProblem(c)).toMatch(/^cluster\.partitions: 11 ring versions/);
    expect(configProblem(withCluster({ nodes: 64, strategy: 3, partitions: 65536 }))).toBeUndefined();
  });

  it('finds the largest value a field may take with the others fixed', () => {
    const c = withCluster({ nodes: 256, tokensPerNode: 4 });
    expect(largestWithin(1024, (t) => ringTokens({ ...c, cluster: { ...c.cluster, tokensPerNode: t } }) <= MAX_RING_TOKENS)).toBe(256);
    expect(largestWithin(1024, () => false)).toBe(0);
  });
});

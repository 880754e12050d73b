import { beforeAll, describe, expect, it } from 'vitest';
import { answersFor, reluQuery } from '../testkit/relu.ts';
import { startZ3 } from '../testkit/z3.ts';

beforeAll(startZ3, 120_000);

describe('exported ReLU queries (long run)', () => {
  it('agree lazily, eagerly, with z3 and with Reluplex, holding and violated', async () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      for (const threshold of ['0', '0.5']) {
        const a = await answersFor(reluQuery(seed, threshold, [2, 2]));
        seen.add(a.z3);
        expect(a.lazy, `seed ${seed}, threshold ${threshold}`).toBe(a.z3);
        expect(a.eager, `seed ${seed}, threshold ${threshold}`).toBe(a.z3);
        expect(a.reluplex, `seed ${seed}, threshold ${threshold}`).toBe(a.z3 === 'sat' ? 'violated' : 'holds');
      }
    }
    expect(seen).toEqual(new Set(['sat', 'unsat']));
  });

  it('agree lazily, with z3 and with Reluplex on a deeper network (7 ReLUs)', async () => {
    // The eager encoding of these takes tens of seconds each (the contrast the view measures).
    const seen = new Set<string>();
    for (const [seed, threshold] of [[3, '0'], [5, '0.5'], [8, '-0.25'], [11, '1'], [13, '0.1']] as const) {
      const a = await answersFor(reluQuery(seed, threshold, [4, 3]), { eager: false });
      seen.add(a.z3);
      expect(a.lazy, `seed ${seed}`).toBe(a.z3);
      expect(a.reluplex, `seed ${seed}`).toBe(a.z3 === 'sat' ? 'violated' : 'holds');
    }
    expect(seen).toEqual(new Set(['sat', 'unsat']));
  });
});

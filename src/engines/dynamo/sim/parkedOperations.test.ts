import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../../../testing/depth.ts';
import { ParkedOperations } from './parkedOperations.ts';
import { OP } from './workload.ts';

describe('parked operations', () => {
  it('find, keep and forget operations as a map would, through growth and deletions', () => {
    const step = fc.record({ add: fc.boolean(), i: fc.nat(5000) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 600 }), (steps) => {
        const table = new ParkedOperations();
        const model = new Map<number, number>();
        for (const { add, i } of steps) {
          if (add && !model.has(i)) {
            table.add(i, i * 3, i % 7, OP.put, i - 1, (i % 10) / 16);
            model.set(i, i);
          } else expect(table.delete(i)).toBe(model.delete(i));
          expect(table.size).toBe(model.size);
        }
        for (let i = 0; i <= 5000; i++) {
          const s = table.slot(i);
          expect(s >= 0).toBe(model.has(i));
          if (s < 0) continue;
          expect([table.key(s), table.client(s), table.op(s), table.item(s), table.pick(s)]).toEqual([i * 3, i % 7, OP.put, i - 1, (i % 10) / 16]);
        }
      }),
      { numRuns: runs(40, 400), seed: 15 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../../../testing/depth.ts';
import { KeyTable } from './keyTable.ts';

describe('the key table', () => {
  it('behaves as a Map: values, size, and iteration in insertion order through deletions and growth', () => {
    const step = fc.record({ del: fc.boolean(), bump: fc.boolean(), key: fc.nat(300), value: fc.integer() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 800 }), (steps) => {
        const table = new KeyTable<number>();
        const model = new Map<number, number>();
        for (const { del, bump, key, value } of steps) {
          if (del) expect(table.delete(key)).toBe(model.delete(key));
          else if (bump) {
            // A counter's next value: one more than the larger of the kept one (0 when absent) and the floor.
            const next = Math.max(model.get(key) ?? 0, value) + 1;
            expect(table.next(key, value)).toBe(next);
            model.set(key, next);
          } else {
            table.set(key, value);
            model.set(key, value);
          }
          expect(table.size).toBe(model.size);
          expect(table.get(key)).toBe(model.get(key));
          expect(table.has(key)).toBe(model.has(key));
        }
        const visited: [number, number][] = [];
        table.forEach((value, key) => visited.push([key, value]));
        expect(visited).toEqual([...model]);
        expect([...table]).toEqual([...model]);
      }),
      { numRuns: runs(40, 400), seed: 16 },
    );
  });
});

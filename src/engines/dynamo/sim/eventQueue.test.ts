import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './eventQueue.ts';

describe('the event queue', () => {
  it('pops in time order, and in scheduling order among equal times (a stable tie-break)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3000 }), (times) => {
        const q = new EventQueue(4);
        times.forEach((t, i) => q.push(t, i % 7, i, 1000 - i, i % 3 === 0 ? { i } : null));
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i);
        for (const e of expected) {
          expect(q.pop()).toBe(true);
          expect([q.now, q.a, q.b, q.kind]).toEqual([e.t, e.i, 1000 - e.i, e.i % 7]);
          expect(q.payload).toEqual(e.i % 3 === 0 ? { i: e.i } : null);
        }
        expect(q.pop()).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('interleaves pushes and pops like a sorted list', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(-1)), { maxLength: 2000 }), (ops) => {
        const q = new EventQueue(2);
        const model: { t: number; s: number }[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op >= 0) {
            q.push(op, 0, seq, 0, null);
            model.push({ t: op, s: seq++ });
          } else if (model.length > 0) {
            model.sort((a, b) => a.t - b.t || a.s - b.s);
            const head = model.shift()!;
            q.pop();
            expect([q.now, q.a]).toEqual([head.t, head.s]);
          }
          expect(q.size).toBe(model.length);
        }
      }),
      { numRuns: 40 },
    );
  });
});

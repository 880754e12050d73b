import { describe, expect, it } from 'vitest';
import { AckedWrites, AUDITED_WRITES } from './ackedWrites.ts';
import { DECREMENT } from './lostUpdates.ts';

describe('the record of acknowledged writes', () => {
  it('keeps every write up to its limit, then an evenly spaced sample; counts stay exact', () => {
    const acked = new AckedWrites(10);
    const total = 3 * AUDITED_WRITES + 5;
    for (let i = 0; i < total; i++) acked.add(i % 10, [0, i, 0], i, i % 7 === 0 ? DECREMENT : -1);
    expect(acked.count).toBe(total);
    expect(acked.stride).toBe(4);
    expect(acked.length).toBe(Math.ceil(total / 4));
    for (let i = 0; i < acked.length; i++) expect(acked.ids[i]).toBe(i * acked.stride);
    const decrements = Math.ceil(total / 7);
    expect(acked.net).toBe(total - 2 * decrements);
  });

  it('below the limit, it is the whole record, in order', () => {
    const acked = new AckedWrites(4);
    for (let i = 0; i < 1000; i++) acked.add(i % 4, [1, i + 1, 0], i + 1, i % 3);
    expect([acked.count, acked.length, acked.stride]).toEqual([1000, 1000, 1]);
    expect(Array.from(acked.ids.subarray(0, 1000))).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });
});

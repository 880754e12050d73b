import { describe, expect, it } from 'vitest';
import { messageWindow } from './messageWindow.ts';

/** Requests every 10 ms from 0 to 100 ms, each message taking 2 ms. */
const traffic = Array.from({ length: 11 }, (_, k) => ({ sent: 10 * k, time: 10 * k + 2, inFlight: false }));

describe('the Lamport diagram’s time window', () => {
  it('stays on the visible messages when the cursor sits on a hidden event long after them', () => {
    // The end of a run: only gossip and anti-entropy (hidden) during the settle time.
    const { t0, t1, shown } = messageWindow(traffic, 1100);
    expect(shown.length).toBeGreaterThan(0);
    expect(t1 - t0).toBeGreaterThan(20);
    for (const a of shown) {
      expect(a.sent).toBeGreaterThanOrEqual(t0);
      expect(a.time).toBeLessThanOrEqual(t1);
    }
    expect(shown.at(-1)).toEqual(traffic.at(-1));
  });

  it('ends at the cursor when messages lead up to it', () => {
    const { t0, t1, shown } = messageWindow(traffic, 103);
    expect(t1).toBeGreaterThanOrEqual(103);
    expect(t0).toBeLessThanOrEqual(shown[0]!.sent);
    expect(shown).toContainEqual(traffic.at(-1));
  });

  it('keeps no more than a few dozen typical delays, so arrows do not turn into vertical lines', () => {
    const { t0, t1, shown } = messageWindow(traffic, 103);
    expect(t1 - t0).toBeLessThan(30 * 2 * 1.2);
    expect(shown.length).toBeLessThan(traffic.length);
  });

  it('keeps messages still in flight at the cursor', () => {
    const flying = [...traffic, { sent: 101, time: 140, inFlight: true }];
    const { t1, shown } = messageWindow(flying, 105);
    expect(shown).toContainEqual(flying.at(-1));
    expect(t1).toBeGreaterThanOrEqual(105);
  });

  it('shows a short stretch before the cursor when there is nothing to show', () => {
    const { t0, t1, shown } = messageWindow([], 50);
    expect(shown).toEqual([]);
    expect(t0).toBeLessThan(50);
    expect(t1).toBeGreaterThanOrEqual(50);
    expect(t1 - t0).toBeGreaterThanOrEqual(1);
  });
});

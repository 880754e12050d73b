import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../scenario/types.ts';
import { memoryStorage } from '../testing/memoryStorage.ts';
import { beginBoot, BOOTING_KEY, RESPONSIVE_MS, watchBoot, withoutRun } from './safeBoot.ts';

const shown: Scenario = { version: 1, lab: 'dynamo', title: 'mine', seed: 3, config: { nodes: 8 }, view: { ran: true, position: 40 } };

describe('safe boot', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const now = () => clock;
  /** Lets `ms` pass with the page answering: timers fire on time. */
  const responsive = (ms: number) => {
    for (let t = 0; t < ms; t += 50) {
      clock += 50;
      vi.advanceTimersByTime(50);
    }
  };

  it('a first boot is normal and leaves the marker until the page has been responsive for a while', () => {
    const store = memoryStorage();
    expect(beginBoot(store)).toBe(false);
    expect(store.getItem(BOOTING_KEY)).not.toBeNull();
    watchBoot(store, now);
    responsive(RESPONSIVE_MS - 500);
    expect(store.getItem(BOOTING_KEY)).not.toBeNull();
    responsive(1000);
    expect(store.getItem(BOOTING_KEY)).toBeNull();
    expect(beginBoot(store)).toBe(false);
  });

  it('a boot that froze keeps the marker, so the next boot knows', () => {
    const store = memoryStorage();
    beginBoot(store);
    watchBoot(store, now);
    responsive(RESPONSIVE_MS / 2);
    // The main thread blocks for a minute: the next timer fires a minute late.
    clock += 60_000;
    vi.advanceTimersByTime(50);
    responsive(RESPONSIVE_MS / 2);
    expect(store.getItem(BOOTING_KEY)).not.toBeNull();
    // The page was closed or crashed before it recovered: the marker stops beating, and the next boot knows.
    vi.setSystemTime(Date.now() + 5_000);
    expect(beginBoot(store)).toBe(true);
  });

  it('a stopped watch never clears the marker (the page went away first)', () => {
    const store = memoryStorage();
    beginBoot(store);
    const stop = watchBoot(store, now, new EventTarget());
    stop();
    responsive(2 * RESPONSIVE_MS);
    expect(beginBoot(store)).toBe(true);
  });

  it('a second tab opened while the first is still starting is not taken for a freeze', () => {
    const store = memoryStorage();
    beginBoot(store);
    watchBoot(store, now, new EventTarget());
    responsive(1000);
    expect(beginBoot(store)).toBe(false);
  });

  it('a page that goes away normally (reload, another link) clears the marker at once', () => {
    const store = memoryStorage();
    const page = new EventTarget();
    beginBoot(store);
    watchBoot(store, now, page);
    responsive(500);
    page.dispatchEvent(new Event('pagehide'));
    expect(beginBoot(store)).toBe(false);
  });

  it('opening without running clears the lab’s “run on open” flag and keeps everything else', () => {
    expect(withoutRun(shown)).toEqual({ ...shown, view: { ran: false, position: 40 } });
    const idle = { ...shown, view: { ran: false } };
    expect(withoutRun(idle)).toBe(idle);
    expect(withoutRun({ ...shown, view: null })).toEqual({ ...shown, view: null });
  });

  it('works without storage (blocked by the browser)', () => {
    expect(beginBoot(undefined)).toBe(false);
    const blocked = { ...memoryStorage(), getItem: () => { throw new Error('blocked'); } } as Storage;
    expect(beginBoot(blocked)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { AttackSchedule } from './attackSchedule.ts';

describe('AttackSchedule', () => {
  it('doubles the gap while descents do not lower the least violation, and resets it when one does', () => {
    const s = new AttackSchedule(2, 16, 64);
    s.observe(0, 0.5, 0, false);
    s.startCase(10);
    expect(s.due(25)).toBe(false);
    expect(s.due(26)).toBe(true);
    s.observe(0, 0.7, 26, true);
    expect(s.due(57)).toBe(false);
    expect(s.due(58)).toBe(true);
    s.observe(0, 0.6, 58, true);
    s.observe(0, 0.6, 122, true);
    s.observe(0, 0.6, 186, true);
    expect(s.due(249)).toBe(false);
    expect(s.due(250)).toBe(true);
    s.observe(0, 0.4, 250, true);
    expect(s.due(266)).toBe(true);
  });

  it('keeps each case its own least violation and starts each case at the first gap', () => {
    const s = new AttackSchedule(2, 16, 64);
    s.observe(0, 0.1, 0, false);
    s.startCase(0);
    s.observe(1, 0.9, 16, true);
    expect(s.due(32)).toBe(true);
    s.observe(1, 0.9, 32, true);
    expect(s.due(63)).toBe(false);
    s.startCase(100);
    expect(s.due(116)).toBe(true);
  });
});

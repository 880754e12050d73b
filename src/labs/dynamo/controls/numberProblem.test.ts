import { describe, expect, it } from 'vitest';
import { numberProblem } from './numberProblem.ts';

describe('why a number field refuses what was typed', () => {
  const tokens = { min: 1, max: 256, integer: true, maxReason: 'the ring holds at most 65,536 tokens (S × T)' };
  it('accepts a value in range', () => {
    expect(numberProblem('12', tokens)).toBeUndefined();
    expect(numberProblem(' 256 ', tokens)).toBeUndefined();
    expect(numberProblem('0.5', { min: 0, max: 1 })).toBeUndefined();
  });
  it('names the problem: empty, not a number, not whole, below or above the range (with the joint reason)', () => {
    expect(numberProblem('', tokens)).toBe('enter a number from 1 to 256');
    expect(numberProblem('abc', tokens)).toBe('not a number: enter a whole number from 1 to 256');
    expect(numberProblem('2.5', tokens)).toBe('whole numbers only');
    expect(numberProblem('0', tokens)).toBe('at least 1');
    expect(numberProblem('1024', tokens)).toBe('at most 256: the ring holds at most 65,536 tokens (S × T)');
    expect(numberProblem('2000000', { min: 0, max: 1e6 })).toBe('at most 1,000,000');
    expect(numberProblem('-1', { min: 0.001 })).toBe('at least 0.001');
  });
});

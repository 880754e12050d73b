import { describe, expect, it } from 'vitest';
import { clockText } from './names.ts';

describe('clockText', () => {
  it("writes a vector clock in the paper's notation, nodes and clients named", () => {
    // Triples (actor, counter, time): node A at 2, client c0 (endpoint 3 of a 3-node ring) at 1.
    expect(clockText([0, 2, 10, 3, 1, 20], 3)).toBe('[(A, 2), (c0, 1)]');
  });

  it('writes a timestamp version as the reading it compares, to two decimals', () => {
    expect(clockText([-1, 795.830257795122, 12], 8)).toBe('[timestamp 795.83]');
  });
});

import { describe, expect, it } from 'vitest';
import { differences } from './diff.ts';

describe('compare: differences between two configs', () => {
  it('names each changed field by its path, and stops at the limit', () => {
    const a = { quorum: { n: 3, r: 1, w: 1 }, backends: ['naive', 'fused'], program: 'x' };
    const b = { quorum: { n: 3, r: 2, w: 2 }, backends: ['naive', 'parallel'], extra: true, program: 'x' };
    expect(differences(a, b)).toEqual([
      { path: 'quorum.r', a: '1', b: '2' },
      { path: 'quorum.w', a: '1', b: '2' },
      { path: 'backends[1]', a: '"fused"', b: '"parallel"' },
      { path: 'extra', a: '(none)', b: 'true' },
    ]);
    expect(differences(a, b, 2)).toHaveLength(2);
    expect(differences(a, a)).toEqual([]);
    expect(differences([1, 2], [1, 2, 3])).toEqual([{ path: '(all)', a: '[1,2]', b: '[1,2,3]' }]);
  });
});

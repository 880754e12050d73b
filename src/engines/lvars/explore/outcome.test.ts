import { describe, expect, it } from 'vitest';
import { explore } from '../test/run.ts';

/** The verdict names what it rests on: the value, and each kind of failure with its line. */
describe('the verdict, explained', () => {
  it('always fails: the kind of error and its line', async () => {
    const e = await explore('let x = newIVar();\nfork { put(x, 1); }\nput(x, 2);\nget(x)');
    expect(e.verdict).toBe('always-fails');
    expect(e.value).toBeUndefined();
    expect(e.failures).toEqual([{ kind: 'conflicting-put', line: expect.any(Number), count: e.schedules }]);
    expect(e.explanation).toMatch(/^always fails: conflicting put on line [23]$/);
  });

  it('quasi-deterministic: which outcome is the value, and which errors the others are', async () => {
    const e = await explore('let s = newEmptySet();\nfork { insert(4, s); }\ninsert(3, s);\nfreeze(s)');
    expect(e.verdict).toBe('quasi-deterministic');
    expect(e.value).toBe('{3, 4}');
    expect(e.failures).toEqual([{ kind: 'put-after-freeze', line: 2, count: 1 }]);
    expect(e.explanation).toBe('quasi-deterministic: the value {3, 4}, or put after freeze on line 2');
  });

  it('a schedule cut at the longest schedule counts as the budget, blocked threads as blocked', async () => {
    const cut = await explore('let c = newCounter(); fork { for i in range(0, 50) { bump(c, 1); } } 0', { maxDepth: 10 });
    expect(cut.failures.map((f) => f.kind)).toEqual(['budget']);
    const blocked = await explore('let i = newIVar();\nget(i)');
    expect(blocked.explanation).toBe('always fails: blocked on line 2');
  });

  it('a deterministic program has no failures', async () => {
    const e = await explore('let c = newCounter(); fork { bump(c, 1); } bump(c, 2); get(c, {3})');
    expect(e).toMatchObject({ verdict: 'deterministic', value: '3', failures: [], explanation: 'deterministic: the value 3 in every schedule' });
  });
});

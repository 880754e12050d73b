import { describe, expect, it } from 'vitest';
import { checkGate } from './useLvarsCheck.ts';

describe('checkGate: only the program blocks a run', () => {
  it('errors in the program block it', () => {
    expect(checkGate(2, undefined)).toEqual({ blockedBy: 'Fix the 2 errors in the program first.' });
    expect(checkGate(1, { kind: 'timeout', message: 'x' }).blockedBy).toBe('Fix the error in the program first.');
  });

  it('a failure about the program blocks it with its message', () => {
    expect(checkGate(0, { kind: 'input', message: 'The program is too large.' })).toEqual({ blockedBy: 'The program is too large.' });
    expect(checkGate(0, { kind: 'budget', message: 'The run went too deep.' })).toEqual({ blockedBy: 'The run went too deep.' });
  });

  it('a check stopped by the watchdog, crashed or failed in the engine does not block, and says so', () => {
    for (const kind of ['timeout', 'crash', 'engine'] as const) {
      const gate = checkGate(0, { kind, message: 'The run did not stop within its 10 s budget, so it was stopped.' });
      expect(gate.blockedBy).toBeUndefined();
      expect(gate.unchecked).toContain('within its 10 s budget');
      expect(gate.unchecked).toContain('Explore still runs');
    }
  });

  it('a failure marked in the editor, or none, leaves nothing to say', () => {
    expect(checkGate(0, { kind: 'input', message: 'bad', at: { line: 1, column: 2 } })).toEqual({});
    expect(checkGate(0, undefined)).toEqual({});
  });
});

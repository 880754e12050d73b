import { describe, expect, it } from 'vitest';
import { solveAndCheckEran } from '../testkit/eran.ts';

/** eran's sigmoid network (6 layers of 200): a violated instance, answered by the attack before any bound. */
describe('eran ffnnSIGMOID__Point_6x200', () => {
  it('finds a counterexample that the network confirms', async () => {
    const { summary } = await solveAndCheckEran('ffnnSIGMOID__Point_6x200.onnx', 'mnist_spec_idx_7259_eps_0.01200.vnnlib', 40);
    expect(summary.strategy).toBe('bab');
    expect(summary.verdict).toBe('violated');
  });
});

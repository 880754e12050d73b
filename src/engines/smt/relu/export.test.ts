import { beforeAll, describe, expect, it } from 'vitest';
import { answersFor, reluQuery } from '../testkit/relu.ts';
import { startZ3 } from '../testkit/z3.ts';
import { exportReluQuery } from './export.ts';

beforeAll(startZ3, 120_000);

describe('a ReLU network query exported to SMT-LIB', () => {
  it('writes every unfixed ReLU as a disjunction, with interval bounds on every neuron', () => {
    const out = exportReluQuery(reluQuery(3, '0', [4, 3]));
    expect(out.relus.split + out.relus.active + out.relus.inactive).toBe(7);
    expect(out.text.match(/\(or \(and \(<= z/g)?.length ?? 0).toBe(out.relus.split);
    expect(out.text).toMatch(/^\(set-logic QF_LRA\)$/m);
  });

  it('gets the same answer lazily, eagerly, from z3 and from the lab’s Reluplex', async () => {
    const a = await answersFor(reluQuery(3, '0', [4]));
    expect(a.lazy).toBe(a.z3);
    expect(a.eager).toBe(a.z3);
    expect(a.reluplex).toBe(a.z3 === 'sat' ? 'violated' : 'holds');
  });

  it('refuses activations that linear arithmetic cannot express', () => {
    const q = reluQuery(3, '0', [3]);
    const spec = q.network.kind === 'generated' ? q.network.spec : undefined;
    expect(() => exportReluQuery({ ...q, network: { kind: 'generated', spec: { ...spec!, activation: 'tanh' } } })).toThrow(/only ReLU and identity/);
  });
});

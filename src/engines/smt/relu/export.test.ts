import { beforeAll, describe, expect, it } from 'vitest';
import { createRunContext } from '../../runContext.ts';
import { DEFAULT_OPTIONS } from '../api.ts';
import { runSmtlib } from '../run/smtRun.ts';
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

  it('charges the eager search by the work of its pivots, so a step budget bounds its time', () => {
    const { text } = exportReluQuery(reluQuery(3, '0', [4]));
    const run = (maxSteps: number) => {
      const ctx = createRunContext({ maxSteps, maxMillis: 1e9 });
      const r = runSmtlib({ input: { kind: 'smtlib', text }, mode: 'cdcl', theory: 'eager', options: { ...DEFAULT_OPTIONS, record: false, compare: true } }, ctx);
      return { verdict: r.summary.verdict, steps: ctx.steps(), eager: r.summary.contrast![1]!.counts };
    };
    const full = run(1e12);
    expect(full.verdict).not.toBe('unknown');
    // A pivot on a tableau of dozens of rows does hundreds of rational operations: it costs that many steps.
    expect(full.steps).toBeGreaterThan(20 * (full.eager.pivots! + full.eager.nodes!));
    expect(run(Math.floor(full.steps / 2)).verdict).toBe('unknown');
  });

  it('refuses activations that linear arithmetic cannot express', () => {
    const q = reluQuery(3, '0', [3]);
    const spec = q.network.kind === 'generated' ? q.network.spec : undefined;
    expect(() => exportReluQuery({ ...q, network: { kind: 'generated', spec: { ...spec!, activation: 'tanh' } } })).toThrow(/only ReLU and identity/);
  });
});

import { createRunContext } from '../../runContext.ts';
import { engine as solverEngine } from '../../solver/engine.ts';
import type { SolverRequest } from '../../solver/config.ts';
import type { SolverResult } from '../../solver/result.ts';
import { exportReluQuery, type ReluQuery } from '../relu/export.ts';
import { solveSmt } from './solve.ts';
import { z3Check } from './z3.ts';

/** A small random ReLU network (2 inputs, 2 outputs) and the property "Y_0 - Y_1 >= threshold somewhere on the square". */
export const reluQuery = (seed: number, threshold: string, hidden: number[]): ReluQuery => ({
  network: { kind: 'generated', spec: { preset: 'random', seed, hidden, activation: 'relu', inputs: 2, outputs: 2 } },
  property: `(declare-const X_0 Real)\n(declare-const X_1 Real)\n(declare-const Y_0 Real)\n(declare-const Y_1 Real)\n(assert (>= X_0 -1))\n(assert (<= X_0 1))\n(assert (>= X_1 -1))\n(assert (<= X_1 1))\n(assert (>= (- Y_0 Y_1) ${threshold}))\n`,
  units: 'network',
});

async function reluplex(q: ReluQuery): Promise<string> {
  const request: SolverRequest = { ...q, strategy: 'reluplex', timeoutSeconds: 60, attack: false, splitThreshold: 5, tightening: 'interval' };
  const r = (await solverEngine.run(request, 1, createRunContext({ maxSteps: 1e9, maxMillis: 60_000 }))) as SolverResult;
  return r.summary.verdict;
}

/** The exported query's answers: lazy, eager (unless switched off), z3 (sat/unsat) and the lab's Reluplex (holds/violated). */
export async function answersFor(q: ReluQuery, { eager = true } = {}): Promise<{ lazy: string; eager?: string; z3: string; reluplex: string }> {
  const { text } = exportReluQuery(q);
  return {
    lazy: solveSmt(text, 'lazy').summary.verdict,
    eager: eager ? solveSmt(text, 'eager').summary.verdict : undefined,
    z3: await z3Check(text),
    reluplex: await reluplex(q),
  };
}

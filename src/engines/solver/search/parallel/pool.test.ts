import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSolverThread } from '../../../../cli/solverPool.ts';
import { runs } from '../../../../testing/depth.ts';
import { sharedDataDir } from '../../../../testing/sharedData.ts';
import { createRunContext } from '../../../runContext.ts';
import type { SolverRequest } from '../../config.ts';
import { createSolverEngine } from '../../engine.ts';
import { acasNetworkFile, acasProperty } from '../../formats/acas.ts';
import { randomRequest } from '../../testkit/randomProperty.ts';
import { createWorkerPool } from './workerPool.ts';

const threads = createWorkerPool(() => spawnSolverThread());
const pooled = createSolverEngine(threads);
afterAll(() => threads.dispose());

/** The random cases' step budget, in boxes bounded (not milliseconds): small networks keep it well under a second of CPU. */
const BOX_BUDGET = 20_000;

/** One run with `workers` workers, within a step budget (never a time budget). */
async function verdictWith(workers: number, request: SolverRequest, maxSteps: number) {
  const { summary } = await pooled.run({ ...request, workers }, 1, createRunContext({ maxSteps, maxMillis: 1e9 }));
  return summary;
}

describe('parallel input splitting (work stealing over worker threads)', () => {
  it('gives the verdict of one worker with two and three, and when it holds the same node count, on random small networks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 1e6 }),
        fc.array(fc.integer({ min: 3, max: 5 }), { minLength: 1, maxLength: 2 }),
        fc.array(fc.integer({ min: -8, max: 4 }).map((v) => v / 8), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 16 }).map((v) => v / 8),
        async (seed, hidden, lo, width) => {
          const request = randomRequest(seed, hidden, lo, width);
          const one = await verdictWith(1, request, BOX_BUDGET);
          // The bound is a sampled margin: where the output touches it exactly, no split closes the box
          // within the budget (one worker says unknown); compare verdicts only where one worker decides.
          fc.pre(one.verdict !== 'unknown');
          for (const workers of [2, 3]) {
            const many = await verdictWith(workers, request, BOX_BUDGET);
            expect(many.verdict, `${workers} workers`).toBe(one.verdict);
            expect(many.workers).toHaveLength(workers);
            expect(many.workers!.reduce((sum, w) => sum + w.nodes, 0)).toBe(many.stats.nodes);
            if (many.verdict === 'holds') expect(many.stats.covered).toBeCloseTo(1, 9);
            // Boxes travel with their parents' bounds, so every box is bounded as one worker bounds
            // it: a search that holds visits the same boxes, however they were shared out.
            if (many.verdict === 'holds') expect(many.stats.nodes, `${workers} workers`).toBe(one.stats.nodes);
          }
        },
      ),
      { numRuns: runs(3, 30), seed: 16 },
    );
  });

  it('gives the published ACAS Xu answers with two and three workers (property 1 on N(1,1) holds, 2 on N(2,1) is violated)', async () => {
    for (const [property, a, b, published] of [[1, 1, 1, 'holds'], [2, 2, 1, 'violated']] as const) {
      const file = acasNetworkFile(a, b);
      const request: SolverRequest = {
        network: { kind: 'file', name: file, format: 'nnet', sha256: '0'.repeat(64), size: 0 },
        networkData: { text: readFileSync(join(sharedDataDir(), 'acasxu', file), 'utf8') },
        property: acasProperty(property).text,
        units: 'original',
        strategy: 'symbolic',
        timeoutSeconds: 1e6,
        attack: true,
        splitThreshold: 5,
        tightening: 'symbolic',
      };
      for (const workers of [2, 3]) {
        const summary = await verdictWith(workers, request, 100_000);
        expect(summary.verdict, `property ${property}, ${workers} workers`).toBe(published);
        if (published === 'violated') expect(summary.counterexample?.margin).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResourceLimits } from 'node:worker_threads';
import { spawnSolverThread } from '../../../../cli/solverPool.ts';
import { createRunContext } from '../../../runContext.ts';
import type { SolverRequest } from '../../config.ts';
import { createSolverEngine } from '../../engine.ts';
import { openSession } from '../../session.ts';
import { randomRequest } from '../../testkit/randomProperty.ts';
import { caseLeaves } from './leaf.ts';
import type { FromWorker, ToWorker } from './messages.ts';
import { createWorkerPool, type WorkerPool } from './workerPool.ts';

/** Step budgets in boxes bounded, never milliseconds (maxMillis is out of reach). */
const budget = (maxSteps: number) => ({ maxSteps, maxMillis: 1e9 });

/** Real solver threads, counted, each message they send recorded by type (in arrival order, stale ones included); `limits` caps a thread's memory by its spawn number. */
function countedPool(limits: (n: number) => ResourceLimits | undefined = () => undefined, idleMillis?: number) {
  const seen: FromWorker['type'][][] = [];
  let spawned = 0;
  const pool = createWorkerPool(() => {
    const thread = spawnSolverThread(limits(spawned));
    const mine: FromWorker['type'][] = [];
    seen.push(mine);
    spawned++;
    thread.onMessage((m) => mine.push(m.type));
    return thread;
  }, idleMillis === undefined ? {} : { idleMillis });
  return { pool, seen, spawned: () => spawned };
}

let open: WorkerPool[] = [];
afterEach(() => {
  for (const p of open) p.dispose();
  open = [];
  vi.useRealTimers();
});
const track = <T extends { pool: WorkerPool }>(t: T) => (open.push(t.pool), t);

const one = createSolverEngine();
const verdict = async (engine: ReturnType<typeof createSolverEngine>, request: SolverRequest, workers: number) =>
  (await engine.run({ ...request, workers }, 1, createRunContext(budget(20_000)))).summary;

/** Random small properties that one worker decides within the budget, with its verdict. */
async function decided(count: number): Promise<{ request: SolverRequest; verdict: string; nodes: number }[]> {
  const found = [];
  for (let seed = 1; found.length < count; seed++) {
    const request = randomRequest(seed, [4, 4], [-0.5, 0, 0.25], 1);
    const s = await verdict(one, request, 1);
    if (s.verdict !== 'unknown') found.push({ request, verdict: s.verdict, nodes: s.stats.nodes });
  }
  return found;
}

describe('the worker pool (threads kept across parallel runs)', () => {
  it('starts its threads once: later runs reuse them and answer as one worker does', async () => {
    const { pool, spawned } = track(countedPool());
    const engine = createSolverEngine(pool);
    for (const { request, verdict: expected, nodes } of await decided(4)) {
      const s = await verdict(engine, request, 2);
      expect(s.verdict).toBe(expected);
      if (expected === 'holds') expect(s.stats.nodes).toBe(nodes);
      expect(spawned()).toBe(2);
      expect(pool.size()).toBe(2);
    }
    // A run that needs more threads than the pool holds starts only the difference.
    const { request, verdict: expected } = (await decided(1))[0]!;
    expect((await verdict(engine, request, 3)).verdict).toBe(expected);
    expect(spawned()).toBe(3);
  });

  it("stops a released thread's search before its next job, and the next run hears nothing of the old one", async () => {
    const { pool, seen, spawned } = track(countedPool());
    // Let go of at once: the thread has not even loaded the solver when its flag reads RELEASED.
    const long = randomRequest(3, [5, 5], [-1, -1, -1], 2);
    const start = (request: SolverRequest, flag: SharedArrayBuffer): ToWorker => ({ type: 'start', request, seed: 1, budget: budget(10_000_000), flag });
    const leaves = (request: SolverRequest) => caseLeaves(openSession(request, 1, createRunContext(budget(1)), false).problem.cases);

    const [first] = pool.lease(1);
    const early: FromWorker[] = [];
    first!.listen((m) => early.push(m), (e) => expect.unreachable(e.message));
    first!.post(start(long, new SharedArrayBuffer(4)));
    first!.post({ type: 'work', leaves: leaves(long), attack: false });
    first!.release();

    const { request, verdict: expected, nodes } = (await decided(1))[0]!;
    const [second] = pool.lease(1);
    const answer = new Promise<FromWorker>((resolve, reject) => second!.listen(resolve, reject));
    second!.post(start(request, new SharedArrayBuffer(4)));
    second!.post({ type: 'work', leaves: leaves(request), attack: true });
    const m = await answer;
    second!.release();

    expect(spawned()).toBe(1);
    expect(early).toEqual([]);
    // The old search answered 'released' (it stopped), and only then did the new one run.
    expect(seen[0]).toEqual(['released', 'idle']);
    expect(m.type).toBe('idle');
    if (m.type !== 'idle') return;
    expect(m.result.verdict).toBe(expected);
    if (expected === 'holds') expect(m.result.stats.nodes).toBe(nodes);
  });

  it('replaces a crashed thread: its run fails with the reason, the next run gets a new thread', async () => {
    // The first thread runs out of memory (a cap far below what loading the solver needs); the rest are normal.
    const { pool, spawned } = track(countedPool((n) => (n === 0 ? { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 } : undefined)));
    const engine = createSolverEngine(pool);
    const { request, verdict: expected } = (await decided(1))[0]!;
    await expect(verdict(engine, request, 2)).rejects.toThrow(/memory/);
    expect(pool.size()).toBe(1);
    expect((await verdict(engine, request, 2)).verdict).toBe(expected);
    expect(spawned()).toBe(3);
    expect(pool.size()).toBe(2);
  });

  it('terminates its threads once idle for its idle time, and starts new ones for the next run', async () => {
    const { pool, spawned } = track(countedPool(undefined, 60_000));
    const engine = createSolverEngine(pool);
    const { request, verdict: expected } = (await decided(1))[0]!;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    expect((await verdict(engine, request, 2)).verdict).toBe(expected);
    vi.advanceTimersByTime(59_999);
    expect(pool.size()).toBe(2);
    vi.advanceTimersByTime(1);
    expect(pool.size()).toBe(0);
    expect((await verdict(engine, request, 2)).verdict).toBe(expected);
    expect(spawned()).toBe(4);
  });
});

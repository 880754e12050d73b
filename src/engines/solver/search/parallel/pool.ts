import type { Budget } from '../../../contract.ts';
import type { SolverRequest } from '../../config.ts';
import type { SolverResult, WorkerReport } from '../../result.ts';
import type { Session } from '../../session.ts';
import { summarise } from '../../summary.ts';
import { addCaseNodes } from '../../trace/tree.ts';
import { certifyCounterexample } from '../certification.ts';
import { emptyStats, type SearchResult, type SearchStats } from '../env.ts';
import { caseLeaves, type Leaf } from './leaf.ts';
import { STEAL_NONE, STEAL_WANTED, type FromWorker } from './messages.ts';
import type { LeasedThread, WorkerPool } from './workerPool.ts';

export interface PoolOptions {
  workers: number;
  /** Where the threads come from (and go back to when the run ends). */
  pool: WorkerPool;
  budget: Budget;
}

/** The strategies a pool runs: the ones that split the input box. */
export const runsInPool = (session: Pick<Session, 'strategy' | 'problem'>): boolean =>
  (session.strategy === 'symbolic' || session.strategy === 'interval') && session.problem.cases.length > 0;

interface Member {
  thread: LeasedThread;
  flag: Int32Array;
  busy: boolean;
  result: SearchResult | undefined;
  checkpoints: number;
  report: WorkerReport;
}

/**
 * Input splitting over a pool of workers with work stealing. The coordinator holds no search of
 * its own: it sends each case's box to a worker, and whenever a worker is idle and no leaf is
 * waiting, it raises a busy worker's flag; that worker hands over every second open box of its
 * frontier at its next step, and the coordinator passes them on.
 *
 * The verdict does not depend on the schedule: `violated` as soon as any worker finds a
 * counterexample (checked again here against the network), `holds` only when every worker closed
 * every box it was given with sound bounds, `unknown` otherwise. Node counts, the split of work
 * and which counterexample is found may differ from run to run. The trace holds the case nodes
 * only: each worker's subtree stays in that worker.
 */
export function searchInParallel(request: SolverRequest, seed: number, session: Session, options: PoolOptions): Promise<SolverResult> {
  if (!runsInPool(session)) throw new Error(`a parallel search splits the input box; ${session.strategy} does not`);
  return new Pool(request, seed, session, options).run();
}

class Pool {
  private readonly members: Member[];
  private readonly queue: Leaf[] = [];
  /** The worker whose flag is raised, if any (one request at a time). */
  private asked: number | undefined;
  /** Where the next steal request goes (round robin over busy workers). */
  private victim = 0;
  private finish!: (result: SolverResult) => void;
  private fail!: (error: Error) => void;
  private done = false;

  constructor(
    private readonly request: SolverRequest,
    seed: number,
    private readonly session: Session,
    options: PoolOptions,
  ) {
    this.members = options.pool.lease(Math.max(1, options.workers)).map((thread, i) => {
      const flag = new SharedArrayBuffer(4);
      const member: Member = { thread, flag: new Int32Array(flag), busy: false, result: undefined, checkpoints: 0, report: { nodes: 0, given: 0, taken: 0 } };
      thread.listen(
        (m) => this.receive(i, m),
        (e) => this.abort(e),
      );
      // Each worker its own random stream (the attack's restarts); worker 0 the run's seed.
      thread.post({ type: 'start', request, seed: seed + i, budget: options.budget, flag });
      return member;
    });
  }

  run(): Promise<SolverResult> {
    const { cases } = this.session.problem;
    const promise = new Promise<SolverResult>((resolve, reject) => {
      this.finish = resolve;
      this.fail = reject;
    });
    // Every case's whole box, one leaf each; worker 0 also runs the attack on all of them first.
    const roots = caseLeaves(cases);
    this.send(0, [roots.shift()!], this.request.attack);
    this.queue.push(...roots);
    this.dispatch();
    return promise;
  }

  private send(i: number, leaves: Leaf[], attack: boolean): void {
    const m = this.members[i]!;
    m.busy = true;
    m.report.taken += leaves.length;
    m.thread.post({ type: 'work', leaves, attack });
  }

  /** Waiting leaves to idle workers, shared evenly; then, if a worker is still idle, a steal request. */
  private dispatch(): void {
    const idle = () => this.members.map((m, i) => (m.busy ? -1 : i)).filter((i) => i >= 0);
    let free = idle();
    while (this.queue.length > 0 && free.length > 0) {
      const i = free.shift()!;
      this.send(i, this.queue.splice(0, Math.ceil(this.queue.length / (free.length + 1))), false);
    }
    free = idle();
    const busy = this.members.map((m, i) => (m.busy ? i : -1)).filter((i) => i >= 0);
    if (busy.length === 0) return this.settle();
    if (free.length > 0 && this.asked === undefined) {
      const v = busy[this.victim++ % busy.length]!;
      this.asked = v;
      Atomics.store(this.members[v]!.flag, 0, STEAL_WANTED);
    }
  }

  private receive(i: number, m: FromWorker): void {
    if (this.done) return;
    const member = this.members[i]!;
    if (m.type === 'error') return this.abort(new Error(m.message));
    // Only a run that has let go of the thread raises its release flag, and that run hears no more from it.
    if (m.type === 'released') return;
    if (m.type === 'stolen') {
      if (this.asked === i) this.asked = undefined;
      member.report.given += m.leaves.length;
      this.queue.push(...m.leaves);
      return this.dispatch();
    }
    member.busy = false;
    member.result = m.result;
    member.checkpoints = m.checkpoints;
    member.report.nodes = m.result.stats.nodes;
    if (this.asked === i) {
      Atomics.store(member.flag, 0, STEAL_NONE);
      this.asked = undefined;
    }
    if (m.result.verdict === 'violated') return this.settle(m.result);
    this.dispatch();
  }

  /** The run's answer, once a counterexample is found or no worker is busy and no leaf waits. */
  private settle(found?: SearchResult): void {
    this.stopAll();
    const results = this.members.map((m) => m.result).filter((r) => r !== undefined);
    const stats = results.reduce((sum, r) => addStats(sum, r.stats), emptyStats());
    let outcome: SearchResult;
    const cex = found?.counterexample;
    if (cex) {
      const { model, spec } = this.session;
      const checked = certifyCounterexample(model, spec, this.request.units, cex.caseIndex, cex.input);
      if (!checked) return this.fail(new Error('a worker reported a counterexample that does not check on the network'));
      outcome = { verdict: 'violated', counterexample: checked, stats };
    } else {
      const stopped = results.find((r) => r.stopped)?.stopped;
      outcome = { verdict: results.every((r) => r.verdict === 'holds') && !stopped ? 'holds' : 'unknown', stats };
      if (stopped) outcome.stopped = stopped;
    }
    const checkpoints = this.members.reduce((sum, m) => sum + m.checkpoints, 0);
    const summary = summarise(this.request, this.session, outcome, checkpoints);
    summary.workers = this.members.map((m) => m.report);
    summary.explanation += ` ${this.members.length} workers shared the search, each taking open boxes from a busy one when idle (work stealing).`;
    const { tree, events, details } = this.session;
    addCaseNodes(tree, events, this.session.problem.cases.length);
    this.finish({ summary, trace: { tree: tree.finish(), events: events.finish(), details: details.finish() } });
  }

  private abort(error: Error): void {
    if (this.done) return;
    this.stopAll();
    this.fail(error);
  }

  /** Every thread back to the pool; a busy one stops at its next box, before it takes the next run's work. */
  private stopAll(): void {
    this.done = true;
    for (const m of this.members) m.thread.release();
  }
}

/** The pool's stats: counts add up, depth is the deepest, coverage adds (each worker's closed share). */
function addStats(a: SearchStats, b: SearchStats): SearchStats {
  const sum = { ...a };
  for (const key of Object.keys(b) as (keyof SearchStats)[]) sum[key] = key === 'maxDepth' ? Math.max(a[key], b[key]) : a[key] + b[key];
  return sum;
}

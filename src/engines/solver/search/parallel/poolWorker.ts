import { createRunContext } from '../../../runContext.ts';
import { errorMessage } from '../../../../errors.ts';
import { openSession } from '../../session.ts';
import { InputSplitting, inputSplitOptions } from '../inputSplitting.ts';
import { SearchReleased, type WorkSharing } from './leaf.ts';
import { RELEASED, STEAL_NONE, STEAL_WANTED, type PoolWorkerPort, type ToWorker } from './messages.ts';

/**
 * One worker of a parallel input-splitting search: opens its own session over the request (the
 * same problem as every other worker), then searches each batch of leaves it is sent, giving up
 * every second open box whenever the coordinator raises its flag. A thread serves one run after
 * another (workerPool.ts): each 'start' replaces the last run's session, and a search whose flag
 * reads RELEASED stops at its next box and answers 'released'.
 */
export function servePoolWorker(port: PoolWorkerPort): void {
  let search: InputSplitting | undefined;
  /** Why the last 'start' failed: told in answer to the work that follows it (a 'start' gets no reply). */
  let failure: string | undefined;
  let checkpoints = () => 0;
  let flag: Int32Array<ArrayBufferLike> = new Int32Array(1);
  const sharing: WorkSharing = {
    wanted: () => Atomics.load(flag, 0) === STEAL_WANTED,
    released: () => Atomics.load(flag, 0) === RELEASED,
    give: (leaves) => {
      // Only a steal request is cleared: a release raised meanwhile stays.
      Atomics.compareExchange(flag, 0, STEAL_WANTED, STEAL_NONE);
      port.post({ type: 'stolen', leaves });
    },
  };
  const start = (m: Extract<ToWorker, { type: 'start' }>) => {
    search = undefined;
    failure = undefined;
    flag = new Int32Array(m.flag);
    try {
      const session = openSession(m.request, m.seed, createRunContext(m.budget), false);
      if (session.strategy !== 'symbolic' && session.strategy !== 'interval') throw new Error(`a parallel search splits the input box; ${session.strategy} does not`);
      search = new InputSplitting(session.env, inputSplitOptions(session.strategy, m.request.attack));
      checkpoints = session.checkpoints;
    } catch (e) {
      failure = errorMessage(e);
    }
  };
  const work = (m: Extract<ToWorker, { type: 'work' }>) => {
    try {
      if (!search) throw new Error(failure ?? 'a pool worker was sent work before it was started');
      const result = search.searchLeaves(m.leaves, sharing, m.attack);
      port.post({ type: 'idle', result, checkpoints: checkpoints() });
    } catch (e) {
      if (e instanceof SearchReleased) {
        search = undefined;
        port.post({ type: 'released' });
      }
      else port.post({ type: 'error', message: errorMessage(e) });
    }
  };
  port.onMessage((m) => (m.type === 'start' ? start(m) : work(m)));
}

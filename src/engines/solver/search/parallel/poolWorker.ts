import { createRunContext } from '../../../runContext.ts';
import { errorMessage } from '../../../../errors.ts';
import { openSession } from '../../session.ts';
import { InputSplitting, inputSplitOptions } from '../inputSplitting.ts';
import type { WorkSharing } from './leaf.ts';
import { STEAL_NONE, STEAL_WANTED, type PoolWorkerPort, type ToWorker } from './messages.ts';

/**
 * One worker of a parallel input-splitting search: opens its own session over the request (the
 * same problem as every other worker), then searches each batch of leaves it is sent, giving up
 * every second open box whenever the coordinator raises its flag.
 */
export function servePoolWorker(port: PoolWorkerPort): void {
  let search: InputSplitting | undefined;
  let checkpoints = () => 0;
  let flag: Int32Array<ArrayBufferLike> = new Int32Array(1);
  const sharing: WorkSharing = {
    wanted: () => Atomics.load(flag, 0) === STEAL_WANTED,
    give: (leaves) => {
      Atomics.store(flag, 0, STEAL_NONE);
      port.post({ type: 'stolen', leaves });
    },
  };
  const handle = (m: ToWorker) => {
    if (m.type === 'start') {
      const session = openSession(m.request, m.seed, createRunContext(m.budget), false);
      if (session.strategy !== 'symbolic' && session.strategy !== 'interval') throw new Error(`a parallel search splits the input box; ${session.strategy} does not`);
      search = new InputSplitting(session.env, inputSplitOptions(session.strategy, m.request.attack));
      checkpoints = session.checkpoints;
      flag = new Int32Array(m.flag);
      return;
    }
    if (!search) throw new Error('a pool worker was sent work before it was started');
    const result = search.searchLeaves(m.leaves, sharing, m.attack);
    port.post({ type: 'idle', result, checkpoints: checkpoints() });
  };
  port.onMessage((m) => {
    try {
      handle(m);
    } catch (e) {
      port.post({ type: 'error', message: errorMessage(e) });
    }
  });
}

import { RELEASED, type FromWorker, type PoolThread, type ToWorker } from './messages.ts';

/** A thread lent to one parallel run (pool.ts): its messages, and only that run's, reach the run's handlers. */
export interface LeasedThread {
  post(message: ToWorker): void;
  /** The run's handlers: a message of an earlier run on the same thread never reaches them. */
  listen(onMessage: (message: FromWorker) => void, onError: (error: Error) => void): void;
  /** Back to the pool. A search still running on it is stopped by its flag before the thread's next job. */
  release(): void;
}

/**
 * Worker threads kept across parallel runs, so a run does not pay for starting them (a node
 * thread loads the CLI's bundle first: about 0.4 s, more than most ACAS Xu instances take).
 * Threads start on demand, return when their run ends, and are terminated once the whole pool has
 * been idle for `idleMillis`. A thread that crashes fails the run it serves and leaves the pool:
 * the next run that needs one starts a new one.
 */
export interface WorkerPool {
  /** `count` threads for one run: idle ones first, new ones for the rest. */
  lease(count: number): LeasedThread[];
  /** Threads alive (leased or idle), for tests and reports. */
  size(): number;
  /** Terminates every thread now. */
  dispose(): void;
}

export interface WorkerPoolOptions {
  /** How long the pool may sit idle before its threads are terminated. */
  idleMillis?: number;
}

/** An idle pool keeps its threads this long: longer than the gap between a benchmark's instances. */
const IDLE_MILLIS = 30_000;

interface Slot {
  thread: PoolThread;
  leased: boolean;
  /** Replies still owed to earlier runs ('idle', 'released' or 'error', one per job sent): messages before the last of them are stale. */
  stale: number;
  /** Replies owed to the current run. */
  owed: number;
  /** The current run's steal flag (from its 'start'), raised to RELEASED when the run lets go of a busy thread. */
  flag: Int32Array | undefined;
  onMessage: (message: FromWorker) => void;
  onError: (error: Error) => void;
  ending: boolean;
}

const isReply = (m: FromWorker) => m.type !== 'stolen';
const ignore = () => {};

export function createWorkerPool(spawn: () => PoolThread, options: WorkerPoolOptions = {}): WorkerPool {
  const idleMillis = options.idleMillis ?? IDLE_MILLIS;
  const slots: Slot[] = [];
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const remove = (slot: Slot) => {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
  };
  const end = (slot: Slot) => {
    slot.ending = true;
    remove(slot);
    slot.thread.terminate();
  };
  const start = (): Slot => {
    const slot: Slot = { thread: spawn(), leased: false, stale: 0, owed: 0, flag: undefined, onMessage: ignore, onError: ignore, ending: false };
    slot.thread.onMessage((m) => {
      if (slot.stale > 0) {
        if (isReply(m)) slot.stale--;
        return;
      }
      if (isReply(m)) slot.owed--;
      slot.onMessage(m);
    });
    slot.thread.onError((e) => {
      if (slot.ending) return;
      // Crashed: out of the pool (the next run starts a new thread), and the run it serves fails.
      slot.ending = true;
      remove(slot);
      // A node thread that stopped is gone; a Web Worker that raised an error may still run: end it.
      slot.thread.terminate();
      slot.onError(e);
    });
    slots.push(slot);
    return slot;
  };
  const scheduleTeardown = () => {
    if (slots.some((s) => s.leased)) return;
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = undefined;
      for (const s of slots.filter((s) => !s.leased)) end(s);
    }, idleMillis);
    // In node, an idle pool's timer does not keep the process alive (nor do its unreferenced threads).
    (idleTimer as { unref?: () => void }).unref?.();
  };
  const lend = (slot: Slot): LeasedThread => {
    slot.leased = true;
    slot.thread.keepAlive(true);
    return {
      post: (m) => {
        if (m.type === 'start') slot.flag = new Int32Array(m.flag);
        if (m.type === 'work') slot.owed++;
        slot.thread.post(m);
      },
      listen: (onMessage, onError) => {
        slot.onMessage = onMessage;
        slot.onError = onError;
      },
      release: () => {
        if (!slot.leased) return;
        slot.leased = false;
        slot.onMessage = ignore;
        slot.onError = ignore;
        if (slot.owed > 0 && slot.flag) Atomics.store(slot.flag, 0, RELEASED);
        slot.stale += slot.owed;
        slot.owed = 0;
        slot.flag = undefined;
        slot.thread.keepAlive(false);
        scheduleTeardown();
      },
    };
  };

  return {
    lease(count) {
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      idleTimer = undefined;
      // Threads whose last run has ended first (a stopped search answers within one box), then new ones.
      const free = slots.filter((s) => !s.leased && !s.ending).sort((a, b) => a.stale - b.stale);
      const chosen = free.slice(0, count);
      while (chosen.length < count) chosen.push(start());
      return chosen.map(lend);
    },
    size: () => slots.length,
    dispose() {
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      idleTimer = undefined;
      for (const s of [...slots]) end(s);
    },
  };
}

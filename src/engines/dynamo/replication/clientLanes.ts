import type { DynamoConfig } from '../config.ts';
import type { Requests } from '../concerns.ts';

/**
 * Which of a client's operations may be in flight at once. A key's writer issues its writes to
 * that key one at a time, so "one writer per key" means one write at a time, under
 * read-modify-write too (a write's get, reconciliation and put form one operation). A
 * closed-loop client issues one operation at a time, whatever the key. An operation that must
 * wait joins its lane's queue and starts when the lane's operation is answered.
 */

/** The lane of requests that wait for nothing (an open-loop read, a probe). */
export const NO_LANE = -2;
/** A closed-loop client's single lane. */
const WHOLE_CLIENT = -1;

export function laneOf(cfg: DynamoConfig, write: boolean, key: number): number {
  if (cfg.workload.closedLoop) return WHOLE_CLIENT;
  return write ? key : NO_LANE;
}

/** Takes the lane for operation `index`: true if it may start now, false if it was queued. */
export function enterLane(sim: Requests, client: number, lane: number, index: number): boolean {
  if (lane === NO_LANE) return true;
  const c = sim.clients[client]!;
  if (!c.busy.has(lane)) {
    c.busy.add(lane);
    return true;
  }
  const queue = c.waiting.get(lane);
  if (queue) queue.push(index);
  else c.waiting.set(lane, [index]);
  return false;
}

/** The lane's operation is answered: returns the next waiting operation (which keeps the lane), or -1. */
export function leaveLane(sim: Requests, client: number, lane: number): number {
  if (lane === NO_LANE) return -1;
  const c = sim.clients[client]!;
  const queue = c.waiting.get(lane);
  if (queue && queue.length > 0) {
    const next = queue.shift()!;
    if (queue.length === 0) c.waiting.delete(lane);
    return next;
  }
  c.busy.delete(lane);
  return -1;
}

/** Operations still queued behind their lane (a key's writer, a closed-loop client): they never started. */
export function waitingInLanes(sim: Requests): number {
  let n = 0;
  for (const c of sim.clients) for (const queue of c.waiting.values()) n += queue.length;
  return n;
}

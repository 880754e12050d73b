import type { Cluster } from '../concerns.ts';
import { EV } from '../sim/events.ts';
import type { State } from '../../lvars/lattice/lattice.ts';
import type { Siblings } from '../versioning/versions.ts';
import { startPoll } from './coordinator.ts';

/**
 * Threshold reads on replicated lattice state (an LVar `get`, WoDet'14): the client reads, merges
 * the replies by join (the coordinator does), and is done once the merged state passes the
 * threshold; otherwise it reads again `pollMs` later, until `timeoutMs` after the first read.
 * A generated wait (item −1) waits for the key's latest acknowledged write as it stood when the
 * wait began; a scripted `wait` uses the lattice's threshold on its item.
 */
export function startWait(sim: Cluster, client: number, key: number, item: number, lane: number): void {
  const element = item >= 0 ? null : (sim.thresholdReads.latestAcked(key) ?? null);
  // Nothing acknowledged yet: a generated wait is an ordinary read.
  if (item < 0 && element === null) return startPoll(sim, client, key, lane, -1);
  const id = sim.thresholdReads.start({ key, client, started: sim.now, lane, element, item, polls: 0 });
  poll(sim, id);
}

function poll(sim: Cluster, id: number): void {
  const w = sim.thresholdReads.get(id);
  if (!w) return;
  w.polls++;
  sim.thresholdReads.polled();
  startPoll(sim, w.client, w.key, w.lane, id);
}

export function onThresholdPoll(sim: Cluster, id: number): void {
  poll(sim, id);
}

/** A read of the wait answered. Returns true when the wait is over (passed or timed out). */
export function pollAnswered(sim: Cluster, id: number, ok: boolean, versions: Siblings): boolean {
  const w = sim.thresholdReads.get(id);
  const lat = sim.lattice;
  if (!w || !lat) return true;
  const state = versions[0]?.value.element ?? lat.lattice.bottom;
  const passed = ok && (w.element !== null ? lat.lattice.leq(w.element, state as State) : lat.passes(state as State, w.item));
  const { pollMs, timeoutMs } = sim.cfg.lattice.thresholdReads;
  if (passed || sim.now + pollMs - w.started > timeoutMs) {
    sim.thresholdReads.end(id, passed, sim.now);
    return true;
  }
  sim.queue.push(sim.now + pollMs, EV.thresholdPoll, id, 0, null);
  return false;
}

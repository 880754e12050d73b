import type { Nodes, Observation, Replicas, Routing, Serving } from '../concerns.ts';
import { STORE_CAUSE } from '../measure/traceRecorder.ts';
import { buffersPut, storeVersion } from '../replication/replica.ts';
import { EV } from '../sim/events.ts';
import { MSG, type Message, type MessageType } from '../sim/messages.ts';
import type { FlushBatch } from './objectBuffer.ts';

/** What the service model sees of the simulation. */
type ServeSim = Serving & Nodes & Routing & Replicas & Observation;

/** The operations that reach a node's storage engine and wait for it: replica gets and puts. */
export const needsService = (type: MessageType): boolean => type === MSG.put || type === MSG.get;

/** Background tasks' messages whose keys the receiver writes to storage (§6.5): hand-offs and anti-entropy's key exchanges. */
export const carriesBackgroundKeys = (type: MessageType): boolean => type === MSG.handoff || type === MSG.merkleDiff || type === MSG.merklePush;

/** A node's capacity: what the latest ring gives it, or the scenario's. */
export function capacityOf(sim: ServeSim, node: number): number {
  return sim.rings[sim.latestRing]!.capacity[node] || (sim.cfg.cluster.capacity[node] ?? 1);
}

/**
 * Whether a replica operation is served from memory (§6.1): a write into the object buffer, or a
 * read the buffer answers. It takes `bufferMs` and does not queue for the storage engine (the
 * writer thread, not the request, writes to disk). Hinted writes are written durably (they are
 * the only copy a node keeps for another).
 */
export function inMemory(sim: ServeSim, node: number, msg: Message): boolean {
  if (!sim.cfg.service.bufferedWrites) return false;
  return msg.type === MSG.put ? buffersPut(sim, node, msg) : sim.buffers[node]!.has(msg.key);
}

/** How long a replica operation takes at `node`: memory time, or one storage-engine access. */
export function jobDuration(sim: ServeSim, node: number, memory: boolean): number {
  const cap = capacityOf(sim, node);
  return memory ? sim.cfg.service.bufferMs / cap : sim.service!.diskTime(cap);
}

/** The writer thread's tick: it takes the buffer and writes it to storage, one sequential write in the node's queue. */
export function onFlush(sim: ServeSim, node: number): void {
  const buffer = sim.buffers[node]!;
  if (buffer.size > 0) {
    const batch = buffer.batch();
    const duration = sim.service!.diskTime(capacityOf(sim, node));
    const start = sim.service!.admit(node, sim.now, duration);
    sim.queue.push(start + duration, EV.flushed, node, sim.epoch[node]!, { batch, arrived: sim.now, start });
    sim.counters.flushes++;
  }
  sim.again(EV.flush, node, sim.cfg.service.flushIntervalMs);
}

export interface FlushJob {
  batch: FlushBatch;
  arrived: number;
  start: number;
}

/** The batch is on disk (unless the node crashed meanwhile: then it was lost with the buffer). */
export function onFlushed(sim: ServeSim, node: number, epoch: number, job: FlushJob): void {
  sim.service!.record(node, job.arrived, job.start, sim.now);
  if (sim.up[node] === 0 || sim.epoch[node] !== epoch) return;
  for (const { key, versions } of job.batch) for (const v of versions) storeVersion(sim, node, key, v, -1, STORE_CAUSE.put, node);
  sim.buffers[node]!.flushed(job.batch);
}

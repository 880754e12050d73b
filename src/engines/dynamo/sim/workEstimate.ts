import { applyVariant, type DynamoConfig } from '../config.ts';

/**
 * How much work a run will take, estimated from the config before anything runs, so that a
 * scenario whose simulated duration is enormous (a rate of one request a minute, timers every
 * microsecond) is refused with a reason instead of running until the time budget stops it.
 * The estimate is a lower bound on the events the simulation processes (one step each): it
 * counts only the timers every node surely fires and the fewest messages an operation needs.
 */
export const MAX_EVENTS = 100_000_000;

export interface WorkEstimate {
  /** Events over all runs (the base and every variant). */
  events: number;
  /** Simulated milliseconds of one run. */
  durationMs: number;
  /** Events of one run from periodic timers (gossip, hand-off, anti-entropy, view refreshes). */
  timerEvents: number;
  /** Events of one run from operations. */
  operationEvents: number;
  runs: number;
}

/** The run's end, as the simulation computes it, with the operations' expected last arrival. */
function duration(c: DynamoConfig): number {
  const w = c.workload;
  const generated = w.requests > 0 && w.ratePerSecond > 0 ? (w.requests / w.ratePerSecond) * 1000 : 0;
  const scripted = w.script.reduce((t, s) => Math.max(t, s.at), 0);
  const lastFailure = c.failures.reduce((t, f) => Math.max(t, f.at), 0);
  return Math.max(generated, scripted, lastFailure) + w.settleMs + c.timeoutMs;
}

/** Events one run surely takes: timer rounds and a gossip message per round, the fewest messages per operation. */
function runEvents(c: DynamoConfig, durationMs: number): { timers: number; operations: number } {
  const { membership, repair, coordination, quorum, cluster, workload } = c;
  const perRound = cluster.nodes > 1 ? 2 : 1; // the timer, then (with a peer) the gossip message
  const perNodeMs = perRound / membership.gossipIntervalMs + (repair.hintedHandoff ? 1 / repair.handoffIntervalMs : 0) + (repair.antiEntropy ? 1 / repair.antiEntropyIntervalMs : 0);
  const refreshes = coordination.mode === 'client' ? workload.clients / coordination.refreshMs : 0;
  const timers = durationMs * (cluster.nodes * perNodeMs + refreshes);
  // An operation: its start, then at least one replica's reply for every R (or W) the coordinator waits for.
  const operations = (workload.requests + workload.script.length) * (1 + Math.min(quorum.r, quorum.w));
  return { timers, operations };
}

export function estimateEvents(c: DynamoConfig): WorkEstimate {
  const durationMs = duration(c);
  const base = runEvents(c, durationMs);
  let events = base.timers + base.operations;
  for (const v of c.compare) {
    const variant = runEvents(applyVariant(c, v.set), durationMs);
    events += variant.timers + variant.operations;
  }
  return { events, durationMs, timerEvents: base.timers, operationEvents: base.operations, runs: 1 + c.compare.length };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** Why the run is refused (its estimated work exceeds MAX_EVENTS or the step budget), or undefined. */
export function workProblem(c: DynamoConfig, maxSteps: number): string | undefined {
  const e = estimateEvents(c);
  const limit = Math.min(MAX_EVENTS, maxSteps);
  if (e.events <= limit) return undefined;
  const what = limit === MAX_EVENTS ? `the ${count(MAX_EVENTS)} a run may take` : `the ${count(limit)} steps of the step budget`;
  const runs = e.runs > 1 ? ` × ${e.runs} runs` : '';
  const seconds = (e.durationMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 });
  const ops = c.workload.requests + c.workload.script.length;
  const cause =
    e.timerEvents >= e.operationEvents
      ? `over ${seconds} s of simulated time, ${c.cluster.nodes} nodes gossip every ${c.membership.gossipIntervalMs} ms, with their hand-off and anti-entropy timers`
      : `${count(ops)} operations${runs} need that many messages`;
  return `The run would take at least ${count(e.events)} simulated events, more than ${what}: ${cause}. Shorten the run (fewer operations, a higher rate, less time to settle) or make the timers less frequent.`;
}

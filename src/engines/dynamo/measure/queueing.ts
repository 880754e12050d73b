import type { DynamoConfig } from '../config.ts';
import type { Simulation } from '../simulation.ts';
import { backgroundSummary, type BackgroundSummary } from '../service/backgroundSummary.ts';

/** Per node: how busy it was and how many operations it held, while the workload ran. */
export interface NodeQueueing {
  node: number;
  /** Replica operations (and flushes) served. */
  jobs: number;
  /** ρ: the share of the time the node was serving. */
  utilisation: number;
  /** L: the time-average number of operations at the node, waiting or in service. */
  meanJobs: number;
  maxWaitMs: number;
  /** M/M/1's L = ρ / (1 − ρ) at the measured ρ, where its assumptions hold (null elsewhere). */
  mm1Jobs: number | null;
}

export interface QueueingSummary {
  enabled: boolean;
  /** Why M/M/1 applies or not, in one sentence. */
  assumption: string;
  /** Measured over [0, measuredMs): while operations arrive (the settling time after is idle). */
  measuredMs: number;
  perNode: NodeQueueing[];
  buffered: { flushes: number; lostFromBuffers: number; heldAtEnd: number };
  /** Background tasks on the storage engine and admission control (§6.5). */
  background: BackgroundSummary;
}

/**
 * When a node is an M/M/1 queue: Poisson arrivals (open-loop clients at a constant rate, blind
 * writes; thinning a Poisson stream by key and delaying each arrival independently keeps it
 * Poisson), exponential service, and nothing else taking the node's time (no object buffer, no
 * failures). Returns the reason it does not hold, or undefined.
 */
export function mm1Violation(c: DynamoConfig): string | undefined {
  if (c.service.time.kind !== 'exponential') return 'service times are not exponential';
  if (c.service.bufferedWrites) return 'buffered writes mix memory and disk service times and add flushes';
  if (c.workload.diurnal.amplitude > 0) return 'the rate follows a daily cycle (no steady state)';
  if (c.workload.closedLoop || c.workload.writeMode !== 'blind') return 'closed-loop clients or read-modify-writes make arrivals depend on answers';
  if (c.failures.length > 0) return 'failures change who serves what';
  if (c.service.background.keyMs > 0) return 'background tasks take the storage engine’s time too';
  return undefined;
}

export function queueing(sim: Simulation): QueueingSummary {
  const svc = sim.service;
  const violation = mm1Violation(sim.cfg);
  const buffered = {
    flushes: sim.counters.flushes,
    lostFromBuffers: sim.counters.bufferedLost,
    heldAtEnd: sim.buffers.reduce((s, b) => s + b.size, 0),
  };
  const background = backgroundSummary(sim);
  if (!svc) return { enabled: false, assumption: 'nodes answer at once (service off)', measuredMs: 0, perNode: [], buffered, background };
  const B = svc.buckets;
  const loaded = Math.max(1, Math.min(B, Math.floor(sim.workload.lastTime / svc.bucketMs)));
  const measuredMs = loaded * svc.bucketMs;
  const perNode = Array.from({ length: sim.M }, (_, node) => {
    let busy = 0;
    let area = 0;
    for (let b = 0; b < loaded; b++) {
      busy += svc.busyMs[node * B + b]!;
      area += svc.jobArea[node * B + b]!;
    }
    const rho = busy / measuredMs;
    return {
      node,
      jobs: svc.jobs[node]!,
      utilisation: rho,
      meanJobs: area / measuredMs,
      maxWaitMs: svc.maxWaitMs[node]!,
      mm1Jobs: violation || rho >= 1 ? null : rho / (1 - rho),
    };
  });
  const assumption = violation
    ? `M/M/1 does not apply: ${violation}`
    : 'Each node is an M/M/1 queue: Poisson arrivals, exponential service, one operation at a time, first come first served; L = ρ/(1−ρ), mean time at the node 1/(μ−λ)';
  return { enabled: true, assumption, measuredMs, perNode, buffered, background };
}

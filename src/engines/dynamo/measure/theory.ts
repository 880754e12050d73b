import type { DynamoConfig } from '../config.ts';
import { simRandom, STREAM } from '../sim/random.ts';
import { locality } from './coordinatorLocality.ts';
import { missAllK } from './quorumOverlap.ts';
import { warsVisibility } from './wars.ts';

/**
 * What PBS (Bailis et al., VLDB'12) predicts for a run, printed only where its assumptions hold.
 * `closed-form`: writes reach only W replicas, so a read's chance to miss the latest write does
 * not depend on time (quorumOverlap.ts). `wars`: writes go to all N and staleness depends on the
 * time since the commit (the WARS model, wars.ts). `none`: an assumption fails; `violated` says which.
 */
export interface StalenessTheory {
  method: 'closed-form' | 'wars' | 'none';
  /** The expression or computation, in words, with its value where it has one. */
  expression: string;
  /** What the prediction rests on; all of it holds unless the method is `none`. */
  assumptions: string[];
  /** The assumptions this run breaks. */
  violated: string[];
  /** P(a read misses the latest committed write): exact (closed form) or an upper bound (WARS, t = 0). */
  missProbability: number | null;
  missIsBound: boolean;
  /** Closed form: P(within k versions of the latest) for k = 1, 2, … */
  withinK: number[] | null;
  /** P(a read t ms after the commit sees it), at each t-visibility bin's time (`visibilityTimes`). */
  tVisibility: number[] | null;
  strictQuorum: boolean;
}

/** Monte Carlo trials of the WARS computation: its standard error is below 0.0025. */
export const WARS_TRIALS = 40_000;

/** The t at which each t-visibility bin is predicted: a probe's delay, or a bin's middle. */
export function visibilityTimes(edges: Float64Array, probes: boolean): number[] {
  return Array.from(edges, (e, i) => (probes || i + 1 >= edges.length ? e : (e + edges[i + 1]!) / 2));
}

export function stalenessTheory(cfg: DynamoConfig, visEdges: Float64Array, kMax: number, seed: number): StalenessTheory {
  const { n, r, w } = cfg.quorum;
  const where = locality(cfg);
  const quorumOnly = cfg.quorum.propagation === 'quorum-only';
  const { assumptions, violated } = check(cfg, quorumOnly);
  const none: StalenessTheory = {
    method: 'none', expression: '', assumptions, violated, missProbability: null, missIsBound: false, withinK: null, tVisibility: null, strictQuorum: r + w > n,
  };
  if (violated.length > 0) return none;
  const times = visibilityTimes(visEdges, cfg.workload.probeDelaysMs.length > 0);
  if (quorumOnly) {
    const miss = missAllK(where, r, w, kMax);
    const p = miss[0]!;
    const expression =
      cfg.coordination.mode === 'client'
        ? `C(N−W,R)/C(N,R) = ${p.toFixed(4)}`
        : `Σ over read sets RS of P(RS)·P(miss | RS), with replica 1 coordinating ${(where.read![0]!).toFixed(3)} of requests = ${p.toFixed(4)}`;
    return { ...none, method: 'closed-form', expression, missProbability: p, withinK: miss.map((m) => 1 - m), tVisibility: times.map(() => 1 - p) };
  }
  const vis = warsVisibility({ locality: where, r, w, quorumOnly, latency: cfg.latency }, WARS_TRIALS, simRandom(seed, STREAM.theory));
  return {
    ...none,
    method: 'wars',
    expression: `WARS (PBS §5) by Monte Carlo, ${WARS_TRIALS.toLocaleString('en-US')} trials; at t = 0 a read sees the write with probability ${vis(0).toFixed(4)}`,
    missProbability: 1 - vis(0),
    missIsBound: true,
    tVisibility: times.map(vis),
  };
}

/** The assumptions of the prediction for this run, and those that fail. */
function check(cfg: DynamoConfig, quorumOnly: boolean): { assumptions: string[]; violated: string[] } {
  const assumptions: string[] = [];
  const violated: string[] = [];
  const need = (holds: boolean, text: string, why: string) => {
    assumptions.push(text);
    if (!holds) violated.push(why);
  };
  need(cfg.failures.length === 0, 'no failures: every node up and reachable, no drops, no slow nodes', `${cfg.failures.length} failure event(s) are injected`);
  need(!cfg.repair.readRepair, 'no read repair', 'read repair copies versions beyond the write quorum');
  need(!cfg.repair.antiEntropy, 'no anti-entropy', 'anti-entropy copies versions beyond the write quorum');
  const w = cfg.workload;
  const scriptedWrites = w.script.some((s) => s.op !== 'get');
  need(
    w.writersPerKey === 1 && w.writeMode === 'blind' && !scriptedWrites,
    'one writer per key, writing blind one write at a time: a key’s versions form a chain',
    w.writeMode !== 'blind' ? 'writes read first (read-modify-write), so a stale read forks the versions' : 'a key has more than one writer, so its versions fork',
  );
  assumptions.push(
    cfg.coordination.mode === 'server'
      ? `server-driven coordination: of ${cfg.cluster.nodes} nodes, the load balancer’s pick coordinates if it is a home replica, else replica 1 does; a coordinator uses its own copy`
      : cfg.versioning.reconciliation === 'last-write-wins'
        ? 'client-driven coordination with timestamps: the client coordinates reads and writes, no replica is favoured'
        : 'client-driven coordination: the client coordinates reads, a home replica chosen at random coordinates a write',
  );
  assumptions.push(
    quorumOnly
      ? 'writes reach only their W replicas, so time after the commit does not matter'
      : 'writes go to all N replicas; message delays independent, drawn from the latency settings (WARS)',
  );
  assumptions.push('requests are answered within the timeout');
  return { assumptions, violated };
}

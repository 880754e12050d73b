import type { Simulation } from '../simulation.ts';

/** Background tasks and admission control over the run (SOSP'07 §6.5), per metric bucket for the views. */
export interface BackgroundSummary {
  /** Whether background tasks take storage-engine time at all (service on, `background.keyMs` > 0). */
  costed: boolean;
  /** Whether admission control paced them (only where they cost something). */
  admission: boolean;
  targetMs: number;
  tasks: number;
  keys: number;
  /** Sends not repeated while the same one still waited for its storage engine. */
  skipped: number;
  bucketMs: number;
  /** [bucket] the share of the nodes' time background tasks held the storage engine. */
  busyShare: number[];
  /** [bucket] the worst node's 99th percentile of foreground disk reads over the windows ending there (null: none). */
  readP99Ms: (number | null)[];
  /** [bucket] the controller's mean allowance in slices per window (null: no window ended). */
  slices: (number | null)[];
  /** [bucket] what background work has still to do: hinted versions held, keys whose replicas disagree (null: not sampled). */
  hintsPending: number[];
  divergent: (number | null)[];
  /** When hinted handoff had delivered every hint, for good (0: there was none; null: not by the end). */
  hintsClearedMs: number | null;
}

const nullIfNaN = (x: number) => (Number.isNaN(x) ? null : x);

export function backgroundSummary(sim: Simulation): BackgroundSummary {
  const m = sim.metrics;
  const B = m.buckets;
  const bg = sim.background;
  const cfg = sim.cfg.service.background;
  const hintsPending = Array.from({ length: B }, (_, b) => {
    let t = 0;
    for (let n = 0; n < sim.M; n++) t += m.hints[n * B + b]!;
    return t;
  });
  const divergent = Array.from(m.divergent, (d) => (d < 0 ? null : d));
  let last = -1;
  for (let b = 0; b < B; b++) if (hintsPending[b]! > 0) last = b;
  const nodeMs = sim.cfg.cluster.nodes * m.bucketMs;
  return {
    costed: bg !== null,
    admission: bg !== null && cfg.admission,
    targetMs: cfg.targetMs,
    tasks: bg?.jobs ?? 0,
    keys: bg?.keys ?? 0,
    skipped: bg?.skipped ?? 0,
    bucketMs: m.bucketMs,
    busyShare: bg ? Array.from(bg.busyMs, (ms) => ms / nodeMs) : [],
    readP99Ms: bg ? Array.from(bg.admission.p99, nullIfNaN) : [],
    slices: bg ? Array.from(bg.admission.slices, nullIfNaN) : [],
    hintsPending,
    divergent,
    hintsClearedMs: last === B - 1 ? null : (last + 1) * m.bucketMs,
  };
}

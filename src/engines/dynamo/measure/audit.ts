import type { Observation, Replicas, Routing } from '../concerns.ts';
import { covers, sameSiblings } from '../versioning/versions.ts';

/** What the audit sees of the simulation. */
type AuditSim = Routing & Replicas & Observation;

/** At the end of each metric bucket: hinted backlog per node and, when affordable, divergence. */
export function onSample(sim: AuditSim, bucket: number): void {
  const B = sim.metrics.buckets;
  for (let n = 0; n < sim.M; n++) sim.metrics.hints[n * B + bucket] = sim.stores[n]!.hintCount;
  if (sim.sampleDivergence) sim.metrics.divergent[bucket] = divergentKeys(sim);
}

/** Keys whose home replicas (top N of the latest ring) do not hold identical versions. */
export function divergentKeys(sim: AuditSim): number {
  const v = sim.latestRing;
  let count = 0;
  for (let key = 0; key < sim.cfg.workload.keys; key++) {
    const homes = sim.homes(v, key);
    const first = sim.stores[homes[0]!]!.get(key);
    for (let i = 1; i < homes.length; i++) {
      if (!sameSiblings(first, sim.stores[homes[i]!]!.get(key))) {
        count++;
        break;
      }
    }
  }
  return count;
}

export interface Durability {
  /** Writes that reached W replicas (the coordinator acknowledged them). */
  acknowledged: number;
  /** Those the audit examined, which the counts below are of: all up to AUDITED_WRITES, an evenly spaced sample past it (ackedWrites.ts). */
  audited: number;
  /** Acknowledged writes reflected on all N home replicas of the latest ring. */
  fullyReplicated: number;
  /** Reflected on at least one home replica. */
  onHomeReplica: number;
  /** Reflected on fewer than W home replicas (an acknowledged write had W copies). */
  belowW: number;
  /** Reflected only in hinted replicas still waiting for hand-off. */
  onlyInHints: number;
  /** Reflected on a node that is no longer a home replica (data not yet moved). */
  misplaced: number;
  /** Reflected nowhere: an acknowledged write was lost. */
  lost: number;
}

/**
 * The durability audit at the end of a run: where is every acknowledged write now? A write
 * counts as present on a replica when some version there descends from it (a later version
 * that includes it is as good as the write itself).
 */
export function auditDurability(sim: AuditSim): Durability {
  const v = sim.latestRing;
  const w = sim.cfg.quorum.w;
  const acked = sim.acked;
  const out: Durability = { acknowledged: acked.count, audited: acked.length, fullyReplicated: 0, onHomeReplica: 0, belowW: 0, onlyInHints: 0, misplaced: 0, lost: 0 };
  for (let i = 0; i < acked.length; i++) {
    const key = acked.keys[i]!;
    const clock = acked.clocks[i]!;
    const homes = sim.homes(v, key);
    let holders = 0;
    for (const h of homes) if (covers(sim.stores[h]!.get(key), clock)) holders++;
    if (holders === homes.length) out.fullyReplicated++;
    if (holders < w) out.belowW++;
    if (holders > 0) {
      out.onHomeReplica++;
      continue;
    }
    if (sim.stores.some((s) => covers(s.get(key), clock))) out.misplaced++;
    else if (sim.stores.some((s) => [...s.hints.values()].some((m) => covers(m.get(key) ?? [], clock)))) out.onlyInHints++;
    else out.lost++;
  }
  return out;
}

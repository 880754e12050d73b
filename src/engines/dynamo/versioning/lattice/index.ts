import type { LatticeConfig } from '../../config.ts';
import type { WriteKind } from '../../sim/workload.ts';
import { holdsItems } from '../values.ts';
import type { Reconciliation } from '../../config.ts';
import { builtinReplicated } from './builtin.ts';
import type { ReplicatedLattice } from './replicated.ts';
import { userReplicated } from './user.ts';

/** The scenario's replicated lattice, or null under vector clocks. A user lattice whose laws fail is refused (InputError). */
export function replicatedLattice(cfg: LatticeConfig): ReplicatedLattice | null {
  if (cfg.values !== 'lattice') return null;
  return cfg.kind === 'user' ? userReplicated(cfg.source) : builtinReplicated(cfg.kind);
}

/** What the generated writes are, for the value type in use. */
export function writeKind(lat: ReplicatedLattice | null, policy: Reconciliation): WriteKind {
  if (!lat) return holdsItems(policy) ? 'items' : 'register';
  if (lat.holdsItems) return 'items';
  return lat.kind === 'pn-counter' ? 'counter' : 'register';
}

import { NO_VERSIONS, type Siblings, type Version } from '../versioning/versions.ts';
import { SIBLINGS, type VersionMerge } from '../versioning/lattice/join.ts';
import { KeyTable } from './keyTable.ts';

/**
 * A node's durable storage (it survives a crash): the versions of the keys it replicates, the
 * hinted replicas it keeps for nodes that were down (SOSP'07 §4.6, kept apart from its own data
 * and handed back later), and its per-key counters for vector clocks. Versions are folded in by
 * `fold`: syntactic reconciliation into siblings, or a lattice's join into one state.
 */
export class NodeStore {
  constructor(private readonly fold: VersionMerge = SIBLINGS) {}

  /**
   * Lattice values: per key, the last state this node wrote as a coordinator, kept even where it
   * is not a replica of the key, so each write it coordinates includes all its earlier ones (its
   * clock counter k then stands for its first k writes, and its counter entries only grow).
   */
  readonly own = new Map<number, Version>();
  readonly data = new KeyTable<Siblings>();
  /** intended node → key → versions. */
  readonly hints = new Map<number, Map<number, Siblings>>();
  /** The last counter this node used in a clock, per key. */
  readonly counters = new KeyTable<number>();
  /** Hinted versions held (the hand-off backlog). */
  hintCount = 0;

  get(key: number): Siblings {
    return this.data.get(key) ?? NO_VERSIONS;
  }

  /** Applies a version with syntactic reconciliation; true when the store changed. */
  put(key: number, v: Version): boolean {
    const before = this.get(key);
    const after = this.fold.add(before, v);
    if (after === before) return false;
    this.data.set(key, after);
    return true;
  }

  /** Merges a sibling set in; true when anything changed. */
  merge(key: number, versions: Siblings): boolean {
    const before = this.get(key);
    const after = this.fold.merge(before, versions);
    if (after === before) return false;
    this.data.set(key, after);
    return true;
  }

  /** Keeps a version for `intended`, to hand back when it recovers. */
  putHint(intended: number, key: number, v: Version): boolean {
    let forNode = this.hints.get(intended);
    if (!forNode) this.hints.set(intended, (forNode = new Map()));
    const before = forNode.get(key) ?? NO_VERSIONS;
    const after = this.fold.add(before, v);
    if (after === before) return false;
    forNode.set(key, after);
    this.hintCount += after.length - before.length;
    return true;
  }

  /** What a read sees here: the node's own versions and any hinted ones for the key. */
  read(key: number): Siblings {
    let out = this.get(key);
    if (this.hintCount === 0) return out;
    for (const forNode of this.hints.values()) {
      const hinted = forNode.get(key);
      if (hinted) out = this.fold.merge(out, hinted);
    }
    return out;
  }

  /** Forgets hinted versions that were delivered (those the delivered set covers). */
  dropDelivered(intended: number, key: number, delivered: Siblings): void {
    const forNode = this.hints.get(intended);
    const held = forNode?.get(key);
    if (!forNode || !held) return;
    const remaining = held.filter((v) => !delivered.includes(v));
    this.hintCount -= held.length - remaining.length;
    if (remaining.length === 0) forNode.delete(key);
    else forNode.set(key, remaining);
    if (forNode.size === 0) this.hints.delete(intended);
  }
}

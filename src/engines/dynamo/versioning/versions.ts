import { combine, mix32 } from '../ring/hash.ts';
import { compare, descends, ORDER, type VectorClock } from './vectorClock.ts';
import type { Value } from './values.ts';

/** One version of an object: its vector clock, its value, and who wrote it when. */
export interface Version {
  readonly clock: VectorClock;
  readonly value: Value;
  /** Unique per put, in the order puts were coordinated. */
  readonly id: number;
  /** The coordinator’s clock at the put (the timestamp last-write-wins compares; skewed by cluster.clockSkewMs). */
  readonly time: number;
  /** The client that wrote it. */
  readonly writer: number;
  /**
   * The sibling set of this version alone: the usual state of a key at a replica, shared by every
   * replica (and message) that holds only this version, so a key written once costs one array, not
   * one per replica. Set by `newVersion`; a version built otherwise gets a fresh array (`alone`).
   */
  readonly only?: Siblings;
}

/** The versions a replica keeps for a key: causally unrelated siblings (usually one). */
export type Siblings = readonly Version[];

export const NO_VERSIONS: Siblings = Object.freeze([]);

/** A new version, with its one-version sibling set. */
export function newVersion(clock: VectorClock, value: Value, id: number, time: number, writer: number): Version {
  const v: { -readonly [K in keyof Version]: Version[K] } = { clock, value, id, time, writer, only: undefined };
  v.only = [v];
  return v;
}

/** The sibling set holding `v` alone. */
export function alone(v: Version): Siblings {
  return v.only ?? [v];
}

/**
 * Syntactic reconciliation (SOSP'07 §4.4): a new version replaces every version it descends
 * from and is dropped if an existing version descends from it; otherwise it becomes a sibling.
 * Returns the same array when nothing changed, so callers can tell.
 */
export function addVersion(siblings: Siblings, v: Version): Siblings {
  // Bit i: sibling i is superseded (a replica rarely holds more than a few siblings; past 31 the
  // rest are compared again below).
  let superseded = 0;
  let survivors = 0;
  for (let i = 0; i < siblings.length; i++) {
    const o = compare(siblings[i]!.clock, v.clock);
    if (o === ORDER.equal || o === ORDER.after) return siblings;
    if (o === ORDER.before) {
      if (i < 31) superseded |= 1 << i;
    } else survivors++;
  }
  if (survivors === 0) return alone(v);
  // The result is built at its exact size: it is what a replica keeps for the key.
  const out = new Array<Version>(survivors + 1);
  let n = 0;
  for (let i = 0; i < siblings.length; i++) {
    const existing = siblings[i]!;
    if (i < 31 ? (superseded & (1 << i)) === 0 : compare(existing.clock, v.clock) !== ORDER.before) out[n++] = existing;
  }
  out[n] = v;
  return out;
}

/** Syntactic reconciliation of two sibling sets. */
export function mergeSiblings(a: Siblings, b: Siblings): Siblings {
  let out = a;
  for (let i = 0; i < b.length; i++) out = addVersion(out, b[i]!);
  return out;
}

/** True when both hold the same versions (by clock). */
export function sameSiblings(a: Siblings, b: Siblings): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x) => b.some((y) => compare(x.clock, y.clock) === ORDER.equal));
}

/** True when some version descends from `clock`: the write with that clock is reflected. */
export function covers(siblings: Siblings, clock: VectorClock): boolean {
  for (let i = 0; i < siblings.length; i++) if (descends(siblings[i]!.clock, clock)) return true;
  return false;
}

/** The versions of `mine` that `theirs` lacks (what a repair has to send). */
export function missingFrom(theirs: Siblings, mine: Siblings): Siblings {
  // Every read repair asks this of every replica that answered, and most hold everything already:
  // that answer allocates nothing.
  if (theirs === mine) return NO_VERSIONS;
  let missing: Version[] | null = null;
  for (let i = 0; i < mine.length; i++) if (!covers(theirs, mine[i]!.clock)) (missing ??= []).push(mine[i]!);
  return missing ?? NO_VERSIONS;
}

/** An order-independent digest of a sibling set, for Merkle trees (§4.7). */
export function siblingsDigest(siblings: Siblings): number {
  let h = 0;
  for (const v of siblings) {
    let d = 0x811c9dc5;
    for (let i = 0; i < v.clock.length; i += 3) d = combine(combine(d, v.clock[i]!), v.clock[i + 1]!);
    h = (h + mix32(d)) | 0;
  }
  return h >>> 0;
}

import type { DynamoConfig } from '../config.ts';
import { preferenceLength } from './initialRing.ts';
import { tokenCount } from './ring.ts';

/**
 * How large a ring may be. The limits are joint (S × T, Q × ring versions), not per field: 256
 * nodes and 1024 tokens per node are each reasonable, but together they make a ring of 262,144
 * tokens whose preference tables take hundreds of megabytes and that no one can look at.
 */

/** Tokens on the ring: S × T (with capacities, counting added nodes) under strategies 1 and 2, Q under 3. */
export const MAX_RING_TOKENS = 65_536;
/** Preference-table entries over every ring version of a run (2 bytes each: 32 MB). */
export const MAX_RING_ENTRIES = 16_777_216;

const count = (n: number) => n.toLocaleString('en-US');

/** Capacities of every node that ever joins: the initial ones, then one per `add`, in order. */
function capacities(c: DynamoConfig): number[] {
  const initial = Array.from({ length: c.cluster.nodes }, (_, i) => c.cluster.capacity[i] ?? 1);
  const added = [...c.failures].sort((a, b) => a.at - b.at).flatMap((f) => (f.kind === 'add' ? [f.capacity] : []));
  return [...initial, ...added];
}

/** The most tokens the ring holds during the run (added nodes bring their own under strategies 1 and 2). */
export function ringTokens(c: DynamoConfig): number {
  if (c.cluster.strategy === 3) return c.cluster.partitions;
  return capacities(c).reduce((sum, cap) => sum + tokenCount(c.cluster.tokensPerNode, cap), 0);
}

/** Ring versions a run builds: the first, then one per node added or removed. */
const ringVersions = (c: DynamoConfig): number => 1 + c.failures.filter((f) => f.kind === 'add' || f.kind === 'remove').length;

/** Key ranges of the ring: one per token under strategy 1, the Q partitions under 2 and 3. */
const ringRanges = (c: DynamoConfig): number => (c.cluster.strategy === 1 ? ringTokens(c) : c.cluster.partitions);

/** Preference-list entries over every ring version (ranges × list length × versions), an upper bound. */
export const ringTableEntries = (c: DynamoConfig): number => ringVersions(c) * ringRanges(c) * preferenceLength(c);

/** The first size limit the config breaks, as one sentence naming the field, or undefined. */
export function ringSizeProblem(c: DynamoConfig): string | undefined {
  const tokens = ringTokens(c);
  if (c.cluster.strategy !== 3 && tokens > MAX_RING_TOKENS) {
    const nodes = capacities(c).length;
    return `cluster.tokensPerNode: ${nodes} nodes × ${c.cluster.tokensPerNode} tokens = ${count(tokens)} tokens${
      c.cluster.capacity.length > 0 ? ' (with the capacities)' : ''
    }; the ring holds at most ${count(MAX_RING_TOKENS)} tokens (S × T), so lower the nodes S or the tokens T`;
  }
  const entries = ringTableEntries(c);
  if (entries > MAX_RING_ENTRIES) {
    const field = c.cluster.strategy === 1 ? 'cluster.tokensPerNode' : 'cluster.partitions';
    return `${field}: ${ringVersions(c)} ring versions (the first, one per node added or removed) × ${count(ringRanges(c))} key ranges × ${preferenceLength(
      c,
    )} preference-list entries = ${count(entries)} entries, more than the ${count(MAX_RING_ENTRIES)} a run may keep; use fewer ${
      c.cluster.strategy === 1 ? 'tokens' : 'partitions'
    } or fewer nodes added and removed`;
  }
  return undefined;
}

/** The largest integer v in [1, max] with ok(v), for a monotone ok (0 when even 1 fails): a field's joint maximum. */
export function largestWithin(max: number, ok: (v: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

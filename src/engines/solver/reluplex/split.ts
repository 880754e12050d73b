import type { SearchEnv, SearchStats } from '../search/env.ts';
import { Ev } from '../trace/events.ts';
import { NodeKind } from '../trace/tree.ts';
import type { Encoding } from './encoding.ts';

/** A node waiting on the search's stack: its bounds, the pairs fixed by splits, and its place in the tree. */
export interface Frame {
  lo: Float64Array;
  hi: Float64Array;
  fixed: Int8Array;
  node: number;
  anchor: number;
  share: number;
  depth: number;
}

/**
 * ReluSplit (Katz et al., CAV'17, §3): two child frames, one with the pair fixed active (b ≥ 0,
 * f = b, i.e. aux = 0), the other inactive (b ≤ 0, f = 0). For sigmoid and tanh, a range split
 * (b ≤ m, b ≥ m) that narrows both children's bands. False if the pair cannot be split.
 */
export function reluSplit(env: SearchEnv, enc: Encoding, frame: Frame, p: number, lo: Float64Array, hi: Float64Array, value: Float64Array, stack: Frame[], stats: SearchStats): boolean {
  const { tree, events } = env;
  const pair = enc.pairs[p]!;
  const share = frame.share / 2;
  const children: { lo: Float64Array; hi: Float64Array; fixed: Int8Array; side: number; value: number }[] = [];
  if (pair.kind === 'relu') {
    if (frame.fixed[p] !== 0 || lo[pair.b]! >= 0 || hi[pair.b]! <= 0) return false;
    const active = { lo: lo.slice(), hi: hi.slice(), fixed: frame.fixed.slice(), side: 1, value: 0 };
    active.lo[pair.b] = 0;
    active.hi[pair.aux] = 0;
    active.fixed[p] = 1;
    const inactive = { lo: lo.slice(), hi: hi.slice(), fixed: frame.fixed.slice(), side: 0, value: 0 };
    inactive.hi[pair.b] = 0;
    inactive.hi[pair.f] = 0;
    inactive.fixed[p] = -1;
    // The phase the current assignment leans to is explored first (pushed last).
    if (value[pair.b]! >= 0) children.push(inactive, active);
    else children.push(active, inactive);
  } else {
    const l = lo[pair.b]!;
    const u = hi[pair.b]!;
    if (!(u - l > 1e-9 * (1 + Math.abs(l) + Math.abs(u)))) return false;
    const mid = l + (u - l) / 2;
    const below = { lo: lo.slice(), hi: hi.slice(), fixed: frame.fixed.slice(), side: 0, value: mid };
    below.hi[pair.b] = mid;
    const above = { lo: lo.slice(), hi: hi.slice(), fixed: frame.fixed.slice(), side: 1, value: mid };
    above.lo[pair.b] = mid;
    children.push(above, below);
  }
  stats.splits++;
  events.push(Ev.split, frame.node, pair.neuron, pair.kind === 'relu' ? NodeKind.relu : NodeKind.range, children[0]!.value);
  for (const child of children) {
    const node = tree.add(frame.node, pair.kind === 'relu' ? NodeKind.relu : NodeKind.range, pair.neuron, child.side, child.value, share, events.next);
    stack.push({ lo: child.lo, hi: child.hi, fixed: child.fixed, node, anchor: node >= 0 ? node : frame.anchor, share, depth: frame.depth + 1 });
  }
  return true;
}

/** The undecided pair with the widest pre-activation range (for sigmoid/tanh: the widest output gap). */
export function widestUnfixed(enc: Encoding, lo: Float64Array, hi: Float64Array, fixed: Int8Array): number {
  let best = -1;
  let width = 0;
  enc.pairs.forEach((p, i) => {
    if (fixed[i] !== 0) return;
    if (p.kind === 'relu' && (lo[p.b]! >= 0 || hi[p.b]! <= 0)) return;
    const w = p.kind === 'relu' ? hi[p.b]! - lo[p.b]! : hi[p.f]! - lo[p.f]!;
    if (w > width) {
      width = w;
      best = i;
    }
  });
  return best;
}

/**
 * The pair Marabou's "polarity" rule splits (Wu et al., CAV'20): in the earliest layer that still
 * has an undecided ReLU, the one whose range is most balanced around zero, |lo + hi| / (hi − lo)
 * smallest, so both children tighten the layers after it. −1 when no ReLU is undecided.
 */
export function balancedEarliest(enc: Encoding, lo: Float64Array, hi: Float64Array, fixed: Int8Array): number {
  let best = -1;
  let bestLayer = Infinity;
  let bestScore = Infinity;
  enc.pairs.forEach((p, i) => {
    if (fixed[i] !== 0 || p.kind !== 'relu') return;
    const l = lo[p.b]!;
    const u = hi[p.b]!;
    if (l >= 0 || u <= 0) return;
    const layer = enc.table.layer[p.b]!;
    if (layer > bestLayer) return;
    const score = Number.isFinite(l) && Number.isFinite(u) ? Math.abs(l + u) / (u - l) : 1;
    if (layer < bestLayer || score < bestScore) {
      best = i;
      bestLayer = layer;
      bestScore = score;
    }
  });
  return best;
}

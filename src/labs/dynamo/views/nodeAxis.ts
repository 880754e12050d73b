import { nodeName } from '../names.ts';

/**
 * The x axis of a chart with one bar per node, bar i centred at i + 0.5: a tick per node, or per
 * k-th node where names 22 px apart would not fit the plot's width.
 */
export function nodeAxis(members: readonly number[], width: number): { xTicks: number[]; xFormat: (v: number) => string } {
  const every = Math.ceil(members.length / Math.max(1, Math.floor(width / 22)));
  return {
    xTicks: members.map((_, i) => i + 0.5).filter((_, i) => i % every === 0),
    xFormat: (v) => nodeName(members[Math.floor(v)] ?? 0),
  };
}

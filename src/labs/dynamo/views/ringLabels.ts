import { BOLD_EM, LINE_EM, largestFittingSize } from '../../../ui/chart/labelLayout.ts';

/** The node names' type size range in SVG px: 15 as drawn normally, never under 11 (presentation mode zooms the ring so 10.5 reaches the floor). */
export const NODE_LABEL_MAX = 15;
export const NODE_LABEL_MIN = 11;

/**
 * How far a node's marks reach past its centre: the partition ring (disc + 7), the rank badge
 * (up-left of the disc, or outwards on a crowded ring), the hinted-versions badge (up-right) and
 * the "slow ×k" note under the disc (`slowGap` below it, 0 when no node is slow).
 */
export function rimReach(badge: number, rankR: number, crowded: boolean, slowGap: number): number {
  const rank = crowded ? badge + 2 * rankR + 1 : badge * 0.95 + rankR;
  const hints = badge * 0.95 + Math.max(9, badge * 0.55);
  const slow = slowGap > 0 ? badge + slowGap + 4 : 0;
  return Math.max(badge + 7, rank, hints, slow) + 1;
}

/**
 * The names' type size: the largest at which every name fits its disc (of radius `badge`) and no
 * two names' boxes meet, where the names sit on the discs' centres. Two-letter names (past 26
 * nodes) on a crowded ring are what this keeps apart.
 */
export function nodeLabelSize(anchors: readonly { x: number; y: number; text: string }[], badge: number): number {
  const longest = Math.max(1, ...anchors.map((a) => a.text.length));
  const inDisc = Math.min((2 * badge - 2) / (longest * BOLD_EM), (2 * badge) / LINE_EM);
  const max = Math.max(NODE_LABEL_MIN, Math.min(NODE_LABEL_MAX, inDisc));
  return largestFittingSize(anchors, NODE_LABEL_MIN, max);
}

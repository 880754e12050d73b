import { describe, expect, it } from 'vitest';
import { collisions, labelBox } from '../../../ui/chart/labelLayout.ts';
import { NODE_LABEL_MAX, NODE_LABEL_MIN, nodeLabelSize, rimReach } from './ringLabels.ts';

/** Thirty nodes on two alternating circles, as RingView lays out a crowded ring. */
function crowdedRing(badge: number, outer: number, inner: number) {
  const names = Array.from({ length: 30 }, (_, i) => (i < 26 ? String.fromCharCode(65 + i) : `A${String.fromCharCode(65 + i - 26)}`));
  return names.map((text, i) => {
    const a = (i / 30) * 2 * Math.PI - Math.PI / 2;
    const r = i % 2 === 1 ? inner : outer;
    return { x: r * Math.cos(a), y: r * Math.sin(a), text };
  });
}

describe('the ring’s node names', () => {
  it('on a crowded 30-node ring take a size at which no two names touch and each fits its disc', () => {
    const badge = 11.5;
    const anchors = crowdedRing(badge, 110, 110 - badge * 2.6);
    const size = nodeLabelSize(anchors, badge);
    expect(size).toBeGreaterThanOrEqual(NODE_LABEL_MIN);
    expect(collisions(anchors.map((a) => labelBox(a.x, a.y, a.text, size)))).toEqual([]);
    expect(labelBox(0, 0, 'AA', size).width).toBeLessThanOrEqual(2 * badge);
  });

  it('keep the full size on a roomy ring of one-letter names', () => {
    const anchors = Array.from({ length: 8 }, (_, i) => ({ x: 100 * Math.cos(i), y: 100 * Math.sin(i), text: String.fromCharCode(65 + i) }));
    expect(nodeLabelSize(anchors, 24)).toBe(NODE_LABEL_MAX);
  });

  it('reach past the disc as far as the rank badge, which a crowded ring puts outwards', () => {
    const badge = 12;
    const rankR = 8;
    expect(rimReach(badge, rankR, false, 0)).toBeGreaterThanOrEqual(badge * 0.95 + rankR);
    expect(rimReach(badge, rankR, true, 0)).toBeGreaterThanOrEqual(badge + 2 * rankR + 1);
    expect(rimReach(badge, rankR, false, 11)).toBeGreaterThan(rimReach(badge, rankR, false, 0));
  });
});

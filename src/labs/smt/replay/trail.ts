import type { SmtEvent } from '../../../engines/smt/api.ts';

/** One assigned literal on the trail, as the solver held it at some point of the recorded run. */
export interface TrailEntry {
  lit: number;
  level: number;
  /** The clause that implied it; null for a decision. */
  reason: number | null;
  /** Event index that assigned it. */
  at: number;
}

/**
 * The trail after event `position` (inclusive), rebuilt by replaying the recorded events: decisions
 * and propagations push, a backjump or restart pops every literal above the level it returns to.
 * Stepping back is just replaying fewer events.
 */
export function trailAt(events: readonly SmtEvent[], position: number): TrailEntry[] {
  const trail: TrailEntry[] = [];
  const assigned = new Set<number>();
  const popAbove = (level: number) => {
    while (trail.length > 0 && trail[trail.length - 1]!.level > level) assigned.delete(Math.abs(trail.pop()!.lit));
  };
  const push = (lit: number, level: number, reason: number | null, at: number) => {
    if (assigned.has(Math.abs(lit))) return;
    assigned.add(Math.abs(lit));
    trail.push({ lit, level, reason, at });
  };
  const end = Math.min(position, events.length - 1);
  for (let i = 0; i <= end; i++) {
    const e = events[i]!;
    switch (e.kind) {
      case 'decide':
        push(e.lit, e.level, null, i);
        break;
      case 'propagate':
        push(e.lit, e.level, e.reason, i);
        break;
      case 'theory-propagate':
        push(e.lit, trail.length > 0 ? trail[trail.length - 1]!.level : 0, e.reason, i);
        break;
      case 'backjump':
        popAbove(e.to);
        break;
      case 'backtrack':
        // DPLL: `to` is the level whose decision is flipped; the flipped literal comes as a decide event.
        popAbove(e.to - 1);
        break;
      case 'restart':
        popAbove(0);
        break;
      default:
        break;
    }
  }
  return trail;
}

/** The current decision level: that of the last literal on the trail (0 when empty). */
export const levelOf = (trail: readonly TrailEntry[]): number => (trail.length > 0 ? trail[trail.length - 1]!.level : 0);

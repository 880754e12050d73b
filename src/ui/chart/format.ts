/**
 * Number formats for every chart, axis and label, so the same quantity reads the same way in
 * every lab.
 */

/** A share as a percentage with fixed decimals ("12.5%"); "–" when it is not a number. */
export const percent = (share: number, digits = 1): string => (Number.isFinite(share) ? `${(100 * share).toFixed(digits)}%` : '–');

/**
 * A share as a percentage that never rounds a proof away: 100% only when complete, 0% only when
 * nothing, small and nearly complete shares with the digits that show they are not.
 */
export function completion(share: number): string {
  if (share >= 1) return '100%';
  if (share > 0.999) return `${(100 * share).toFixed(3)}%`;
  if (share > 0 && share < 0.001) return `${(100 * share).toPrecision(2)}%`;
  return `${(100 * share).toFixed(1)}%`;
}

/** How many ticks fit on an axis `length` pixels long with about `spacing` pixels between them. */
export const tickCount = (length: number, spacing: number): number => Math.max(2, Math.floor(length / spacing));

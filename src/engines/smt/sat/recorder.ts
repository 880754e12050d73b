import type { SmtEvent } from '../api.ts';

/**
 * Collects the events the views replay, up to a cap (bounded memory); past the cap it only
 * notes that the trace was cut. With recording off, `on` is false and callers skip building
 * events at all, so a fast run pays nothing.
 */
export class Recorder {
  readonly events: SmtEvent[] = [];
  truncated = false;
  on: boolean;

  constructor(
    record: boolean,
    readonly cap: number,
  ) {
    this.on = record && cap > 0;
  }

  push(e: SmtEvent): void {
    if (!this.on) return;
    if (this.events.length >= this.cap) {
      this.truncated = true;
      this.on = false;
      return;
    }
    this.events.push(e);
  }
}

/** Internal literal (2v + sign) to the DIMACS literal the views see. */
export const toDimacs = (l: number): number => ((l & 1) === 0 ? (l >> 1) + 1 : -((l >> 1) + 1));
/** DIMACS literal to internal. */
export const fromDimacs = (d: number): number => (d > 0 ? (d - 1) << 1 : ((-d - 1) << 1) | 1);

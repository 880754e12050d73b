import { bisectRight } from '../../../engines/bisect.ts';
import type { SmtEvent } from '../../../engines/smt/api.ts';

type Learn = Extract<SmtEvent, { kind: 'learn' }>;
type TheoryConflict = Extract<SmtEvent, { kind: 'theory-conflict' }>;

/**
 * Every conflict of the recorded run, with the analysis that followed it: for a Boolean conflict
 * the falsified clause and the `learn` event (first-UIP cut, learnt clause, backjump level); for a
 * theory conflict the simplex's explanation (itself a clause, which is then analysed the same way).
 */
export interface ConflictRecord {
  at: number;
  kind: 'clause' | 'theory';
  /** The falsified clause (Boolean) or the explanation clause (theory). */
  clause: number;
  level: number;
  theory?: TheoryConflict;
  learnAt: number;
  learn?: Learn;
}

export function listConflicts(events: readonly SmtEvent[]): ConflictRecord[] {
  const out: ConflictRecord[] = [];
  events.forEach((e, i) => {
    if (e.kind === 'conflict') {
      // A theory conflict's explanation clause is reported again as a falsified clause: one record.
      const last = out[out.length - 1];
      if (last && last.kind === 'theory' && last.learnAt < 0 && last.clause === e.clause) {
        last.level = e.level;
        return;
      }
      out.push({ at: i, kind: 'clause', clause: e.clause, level: e.level, learnAt: -1 });
    } else if (e.kind === 'theory-conflict') {
      out.push({ at: i, kind: 'theory', clause: e.clause, level: -1, theory: e, learnAt: -1 });
    } else if (e.kind === 'learn') {
      const last = out[out.length - 1];
      if (last && last.learnAt < 0) {
        last.learnAt = i;
        last.learn = e;
      }
    }
  });
  return out;
}

/** The conflict the views focus on at `position`: the latest one at or before it (or undefined). */
export function conflictAt(conflicts: readonly ConflictRecord[], starts: ArrayLike<number>, position: number): ConflictRecord | undefined {
  const i = bisectRight(starts, position);
  return i > 0 ? conflicts[i - 1] : undefined;
}

/** The event indices of the conflicts, for `conflictAt`. */
export const conflictStarts = (conflicts: readonly ConflictRecord[]): Int32Array => Int32Array.from(conflicts, (c) => c.at);

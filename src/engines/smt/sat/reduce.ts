import type { Solver } from './solver.ts';

/**
 * Learnt-clause deletion by literal block distance (Audemard & Simon, "Predicting learnt clauses
 * quality in modern SAT solvers", IJCAI'09): keep every "glue" clause (LBD <= 2) and every clause
 * that is the reason of an assignment; of the rest, delete the worse half (highest LBD, then
 * longest). Then the arena is compacted and the watches rebuilt, so memory stays bounded.
 */
export function reduceDb(s: Solver): void {
  const { arena } = s;
  const locked = (c: number) => {
    const v = arena.lit(c, 0) >> 1;
    return s.reason[v] === c && s.value(arena.lit(c, 0)) === 1;
  };
  const candidates = s.learnts.filter((c) => arena.lbd(c) > 2 && !locked(c));
  candidates.sort((a, b) => arena.lbd(b) - arena.lbd(a) || arena.size(b) - arena.size(a) || a - b);
  const half = candidates.length >> 1;
  const removed: number[] | null = s.rec.on ? [] : null;
  for (let i = 0; i < half; i++) {
    arena.remove(candidates[i]!);
    removed?.push(arena.id(candidates[i]!));
  }
  s.stats.deleted += half;
  arena.compact((forward) => {
    let kept = 0;
    for (const c of s.learnts) {
      const moved = forward(c);
      if (moved >= 0) s.learnts[kept++] = moved;
    }
    s.learnts.length = kept;
    for (let v = 0; v < s.nVars; v++) if (s.reason[v]! >= 0) s.reason[v] = forward(s.reason[v]!);
  });
  s.wsize.fill(0);
  for (const c of arena.live()) if (arena.size(c) > 1) s.watch(c);
  if (removed) s.rec.push({ kind: 'reduce', removed, kept: s.learnts.length });
}

/**
 * When to reduce: when the learnt clauses (less those that are reasons on the trail) reach a
 * limit that starts at max(1000, clauses / 3) and grows by 10% at conflicts 100, 250, 475, ...
 * (MiniSat's learntsize schedule, Eén & Sörensson 2003). The size of the database bounds the
 * cost of every propagation (the watch lists), so it grows with the search, slowly; which
 * clauses go is Glucose's choice by LBD (reduceDb).
 */
export class ReduceSchedule {
  private limit = -1;
  private adjustAt = 100;
  private adjustGap = 100;

  due(s: Pick<Solver, 'nextId' | 'learnts' | 'trailSize' | 'stats'>): boolean {
    if (this.limit < 0) this.limit = Math.max(1000, s.nextId / 3);
    if (s.stats.conflicts >= this.adjustAt) {
      this.adjustGap *= 1.5;
      this.adjustAt += this.adjustGap;
      this.limit *= 1.1;
    }
    return s.learnts.length - s.trailSize >= this.limit;
  }

  /** Glue clauses are never deleted: when they fill half the limit, the limit makes room (else every conflict would reduce). */
  reduced(kept: number): void {
    if (2 * kept > this.limit) this.limit = 2 * kept;
  }
}

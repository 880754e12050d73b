import { describe, expect, it } from 'vitest';
import type { SmtEvent, SmtTrace } from '../api.ts';
import { pigeonhole, randomKSat } from '../formats/families.ts';
import { solveCnfText } from '../testkit/solve.ts';

type Learn = Extract<SmtEvent, { kind: 'learn' }>;

/** Replays the trail from the events, as the views do. */
function replay(trace: SmtTrace) {
  const level = new Map<number, number>();
  const checks: { learn: Learn; levels: Map<number, number> }[] = [];
  let current = 0;
  for (const e of trace.events) {
    if (e.kind === 'decide' || e.kind === 'propagate') {
      level.set(Math.abs(e.lit), e.level);
      current = e.level;
    } else if (e.kind === 'learn') {
      checks.push({ learn: e, levels: new Map(level) });
    } else if (e.kind === 'backjump' || e.kind === 'backtrack') {
      // A backjump keeps level `to`; a DPLL backtrack re-opens level `to` with the flipped decision.
      for (const [v, l] of [...level]) if (l > e.to || (e.kind === 'backtrack' && l === e.to)) level.delete(v);
      current = e.to;
    } else if (e.kind === 'restart') {
      level.clear();
      current = 0;
    }
  }
  return { checks, current };
}

describe('the recorded trace', () => {
  const r = solveCnfText(pigeonhole(5, 4), 'cdcl', { record: true, traceCap: 1_000_000 });
  const trace = r.trace!;

  it('lists the input clauses and ends with the verdict', () => {
    expect(trace.clauses).toHaveLength(pigeonhole(5, 4).clauses.length);
    expect(trace.events.at(-1)).toEqual({ kind: 'done', verdict: 'unsat' });
    expect(trace.truncated).toBe(false);
  });

  it('gives each learnt clause a first-UIP cut: exactly one reason-side node at the conflict level', () => {
    const { checks } = replay(trace);
    expect(checks.length).toBe(r.summary.sat.learnt);
    for (const { learn, levels } of checks) {
      const conflictLevel = Math.max(...learn.cut.graph.map((n) => n.level));
      const atTop = learn.cut.reasonSide.filter((l) => levels.get(Math.abs(l)) === conflictLevel);
      expect(atTop).toEqual([learn.cut.uip]);
      // The learnt clause is the negated reason side, less what minimisation removed.
      const negated = new Set(learn.cut.reasonSide.map((l) => -l));
      for (const l of learn.lits) expect(negated.has(l)).toBe(true);
      expect(learn.lits.length + learn.minimisedAway.length).toBe(learn.cut.reasonSide.length);
      expect(learn.lits[0]).toBe(-learn.cut.uip);
      // Conflict-side nodes are all at the conflict level and were implied, not decided.
      for (const l of learn.cut.conflictSide) expect(learn.cut.graph.find((n) => n.lit === l)!.reason).not.toBeNull();
      // Backjump to the second-highest level of the clause.
      const others = learn.lits.slice(1).map((l) => levels.get(Math.abs(l))!);
      expect(learn.backjumpTo).toBe(others.length ? Math.max(...others) : 0);
    }
  });

  it('names the reason of every propagation by a clause that exists', () => {
    const known = new Set(trace.clauses.map((c) => c.id));
    for (const e of trace.events) {
      if (e.kind === 'learn') known.add(e.clause);
      if (e.kind === 'propagate') expect(known.has(e.reason)).toBe(true);
    }
  });

  it('names as the reason of each propagation a clause that holds its literal, every other literal false at that moment', () => {
    const cnf = randomKSat(60, 256, 3, 6060);
    const run = solveCnfText(cnf, 'cdcl', { record: true, traceCap: 1_000_000 });
    const lits = new Map(run.trace!.clauses.map((c) => [c.id, c.lits]));
    const assigned = new Map<number, { lit: number; level: number }>();
    let checked = 0;
    for (const e of run.trace!.events) {
      if (e.kind === 'learn') lits.set(e.clause, e.lits);
      else if (e.kind === 'backjump' || e.kind === 'restart') {
        const to = e.kind === 'backjump' ? e.to : 0;
        for (const [v, a] of [...assigned]) if (a.level > to) assigned.delete(v);
      } else if (e.kind === 'decide' || e.kind === 'propagate') {
        if (e.kind === 'propagate') {
          const clause = lits.get(e.reason)!;
          expect(clause).toContain(e.lit);
          for (const l of clause) if (l !== e.lit) expect(assigned.get(Math.abs(l))?.lit).toBe(-l);
          checked++;
        }
        assigned.set(Math.abs(e.lit), { lit: e.lit, level: e.level });
      }
    }
    expect(checked).toBeGreaterThan(500);
    expect(run.trace!.truncated).toBe(false);
  });

  it('leaves the search as it is: recorded or not, the same verdict and the same counts', () => {
    for (const cnf of [pigeonhole(6, 5), randomKSat(60, 256, 3, 6061)]) {
      const on = solveCnfText(cnf, 'cdcl', { record: true, traceCap: 1_000_000 });
      const off = solveCnfText(cnf, 'cdcl', { record: false });
      expect(on.summary.verdict).toBe(off.summary.verdict);
      expect(on.summary.sat).toEqual(off.summary.sat);
    }
  });

  it('stops recording at the cap and says so, while the search goes on', () => {
    const capped = solveCnfText(pigeonhole(5, 4), 'cdcl', { record: true, traceCap: 100 });
    expect(capped.trace!.events).toHaveLength(100);
    expect(capped.trace!.truncated).toBe(true);
    expect(capped.summary.verdict).toBe('unsat');
  });

  it('records reductions of the clause database with the ids removed', () => {
    const big = solveCnfText(pigeonhole(8, 7), 'cdcl', { record: true, traceCap: 2_000_000 });
    const reductions = big.trace!.events.filter((e) => e.kind === 'reduce');
    expect(big.summary.sat.conflicts).toBeGreaterThan(2000);
    expect(reductions.length).toBeGreaterThan(0);
    expect(reductions.reduce((n, e) => n + (e.kind === 'reduce' ? e.removed.length : 0), 0)).toBe(big.summary.sat.deleted);
  });

  it('in DPLL mode records chronological backtracks and no learnt clauses', () => {
    const d = solveCnfText(pigeonhole(4, 3), 'dpll', { record: true, traceCap: 100_000 });
    expect(d.summary.verdict).toBe('unsat');
    expect(d.trace!.events.some((e) => e.kind === 'backtrack')).toBe(true);
    expect(d.trace!.events.some((e) => e.kind === 'learn')).toBe(false);
  });
});

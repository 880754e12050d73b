import { describe, expect, it } from 'vitest';
import { createRunContext } from '../../engines/runContext.ts';
import type { SmtConfig, SmtResult, SmtTrace } from '../../engines/smt/api.ts';
import { engine } from '../../engines/smt/engine.ts';
import { pigeonhole, randomKSat } from '../../engines/smt/formats/families.ts';
import { writeDimacs } from '../../engines/smt/formats/dimacs.ts';
import { validateScenario } from '../../scenario/codec.ts';
import type { Scenario } from '../../scenario/types.ts';
import { detectKind } from './formulaFile.ts';
import { layoutImplication } from './layout/implication.ts';
import { compareDelta, parseDeltaRational, readableDelta } from './replay/bounds.ts';
import { clauseIndex } from './replay/clauses.ts';
import { clauseSeries } from './replay/clauseDb.ts';
import { listConflicts } from './replay/conflicts.ts';
import { withContext } from './replay/context.ts';
import { trailAt } from './replay/trail.ts';
import { buildSearchTree } from './replay/tree.ts';
import { defaultScenario, spec } from './scenario.ts';

const solve = async (text: string, mode: SmtConfig['mode'] = 'cdcl'): Promise<SmtTrace> => {
  const config: SmtConfig = { ...defaultScenario.config, mode, input: { kind: 'dimacs', text } };
  const r = (await engine.run(config, 1, createRunContext({ maxSteps: 1e8, maxMillis: 1e9 }))) as SmtResult;
  return r.trace!;
};

const FORMULAS: [string, string][] = [
  ['the default example', defaultScenario.config.input.text],
  ['pigeonhole 4 into 3', writeDimacs(pigeonhole(4, 3))],
  ['random 3-SAT, 30 variables', writeDimacs(randomKSat(30, 128, 3, 5))],
];

describe('SAT/SMT view: replaying a recorded run', () => {
  it('starts from a valid scenario', () => {
    expect(validateScenario(JSON.parse(JSON.stringify(defaultScenario)) as Scenario, spec).ok).toBe(true);
  });

  for (const [label, text] of FORMULAS) {
    for (const mode of ['cdcl', 'dpll'] as const) {
      it(`${label}, ${mode}: at every conflict the trail falsifies the conflict clause; after every backjump nothing is left above its level`, async () => {
        const trace = await solve(text, mode);
        const clauses = clauseIndex(trace);
        trace.events.forEach((e, i) => {
          if (e.kind === 'conflict') {
            const onTrail = new Set(trailAt(trace.events, i).map((t) => t.lit));
            for (const l of clauses.get(e.clause)!) expect(onTrail.has(-l), `event ${i}: ¬${l} on the trail`).toBe(true);
          }
          if (e.kind === 'backjump') for (const t of trailAt(trace.events, i)) expect(t.level).toBeLessThanOrEqual(e.to);
        });
        // The trail's literals are distinct variables, and each decision level starts with its decision.
        const end = trailAt(trace.events, trace.events.length - 1);
        expect(new Set(end.map((t) => Math.abs(t.lit))).size).toBe(end.length);
      });
    }

    it(`${label}: the search tree has one node per decision; a conflict's backjump returns above it`, async () => {
      const trace = await solve(text);
      const tree = buildSearchTree(trace.events);
      expect(tree.nodes.length - 1).toBe(trace.events.filter((e) => e.kind === 'decide').length);
      for (const n of tree.nodes) if (n.jumpAt >= 0) expect(n.jumpTo).toBeLessThan(n.level);
      const series = clauseSeries(trace.events);
      const learnt = trace.events.filter((e) => e.kind === 'learn').length;
      const removed = trace.events.reduce((s, e) => s + (e.kind === 'reduce' ? e.removed.length : 0), 0);
      expect(series.learnt[trace.events.length - 1]).toBe(learnt - removed);
    });

    it(`${label}: the edges across the drawn cut are exactly the learnt clause's reason side`, async () => {
      const trace = await solve(text);
      const clauses = clauseIndex(trace);
      for (const c of listConflicts(trace.events)) {
        if (!c.learn) continue;
        const cut = withContext(c.learn.cut, trailAt(trace.events, c.at), clauses, c.level);
        const layout = layoutImplication(cut, clauses.get(c.clause)!, c.level, 800, 400);
        const tails = new Set(layout.edges.filter((e) => e.cut).map((e) => e.from.lit));
        expect([...tails].sort()).toEqual([...new Set(c.learn.cut.reasonSide)].sort());
        const kappa = layout.nodes.find((n) => n.lit === 0)!;
        for (const n of layout.nodes) expect(n.x).toBeLessThanOrEqual(kappa.x);
        // The context reaches back to the conflict level's decision.
        expect(layout.nodes.some((n) => n.decision && n.level === c.level)).toBe(true);
      }
    });
  }

  it('compares delta-rationals exactly', () => {
    const v = (s: string) => parseDeltaRational(s)!;
    expect(compareDelta(v('3/2'), v('1.5'))).toBe(0);
    expect(compareDelta(v('5-δ'), v('5'))).toBe(-1);
    expect(compareDelta(v('5+δ'), v('5'))).toBe(1);
    expect(compareDelta(v('-7/3'), v('-2.3'))).toBe(-1);
    expect(parseDeltaRational('x')).toBeUndefined();
    expect(readableDelta('3/2')).toBe('3/2');
    expect(readableDelta('-524146979/72000000-δ')).toBe('≈-7.27982-δ');
  });

  it('tells DIMACS from SMT-LIB by name, else by content', () => {
    expect(detectKind('uf20-01.cnf', '')).toBe('dimacs');
    expect(detectKind('query.smt2', '')).toBe('smtlib');
    expect(detectKind('pasted', '  (declare-const x Real)')).toBe('smtlib');
    expect(detectKind('pasted', 'p cnf 1 1\n1 0\n')).toBe('dimacs');
  });
});

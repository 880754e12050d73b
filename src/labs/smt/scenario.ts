import { DEFAULT_OPTIONS, type SmtConfig } from '../../engines/smt/api.ts';
import type { SolverConfig } from '../../engines/solver/config.ts';
import { bool, int, literal, nullable, object, optional, str } from '../../scenario/schema.ts';
import type { LabScenarioSpec, Scenario } from '../../scenario/types.ts';
import { spec as solverSpec } from '../solver/scenario.ts';

/**
 * The SAT/SMT view's scenario: the engine's config (the formula's text and the solver's options)
 * and where the views stand. A link carries the formula whole, so its size is bounded.
 */
export interface SmtView {
  /** A run was shown: opening the scenario re-runs it (deterministically) and seeks to `position`. */
  ran: boolean;
  /** The Player's position in the recorded events. */
  position: number;
  /** The search tree as a node-link tree, or decision level over time (for long runs). */
  tree: 'auto' | 'tree' | 'levels';
  /**
   * The Solver-lab query this formula was exported from (its config), so the same query can be run
   * by the lab's Reluplex beside the eager and lazy SMT approaches; null for formulas typed or opened here.
   */
  origin: SolverConfig | null;
}

/** The longest formula a scenario carries (a link is bounded again, after compression). */
export const MAX_FORMULA_CHARS = 300_000;

export const spec: LabScenarioSpec<SmtConfig, SmtView> = {
  lab: 'smt',
  config: object({
    input: object({
      kind: literal('dimacs', 'smtlib'),
      text: str({ max: MAX_FORMULA_CHARS }),
      name: optional(str({ max: 200 }), undefined as unknown as string),
    }),
    mode: literal('cdcl', 'dpll'),
    theory: literal('lazy', 'eager'),
    options: object({
      record: optional(bool(), DEFAULT_OPTIONS.record),
      traceCap: optional(int({ min: 100, max: 200_000 }), DEFAULT_OPTIONS.traceCap),
      restarts: optional(literal('luby', 'glucose', 'none'), DEFAULT_OPTIONS.restarts),
      deletion: optional(literal('lbd', 'none'), DEFAULT_OPTIONS.deletion),
      minimise: optional(bool(), DEFAULT_OPTIONS.minimise),
      phaseSaving: optional(bool(), DEFAULT_OPTIONS.phaseSaving),
      theoryPropagation: optional(bool(), DEFAULT_OPTIONS.theoryPropagation),
      compare: optional(bool(), DEFAULT_OPTIONS.compare),
    }),
  }) as LabScenarioSpec<SmtConfig, SmtView>['config'],
  view: object({
    ran: optional(bool(), false),
    position: optional(int({ min: 0 }), 0),
    tree: optional(literal('auto', 'tree', 'levels'), 'auto'),
    origin: optional(nullable(solverSpec.config), null),
  }),
};

export const defaultView: SmtView = { ran: false, position: 0, tree: 'auto', origin: null };

/** A small CNF whose first conflict teaches first-UIP learning (the example "instructive-conflict"). */
const INSTRUCTIVE = `c An instructive first conflict (after Marques-Silva and Sakallah's GRASP).
c The solver decides x1, x2, x3 false in turn. At level 3, x4 follows, then x5,
c x8 and x6, and clause 6 is falsified. The first UIP is x4, not the decision:
c the learnt clause (-x4 or x1) jumps back to level 1, over level 2.
p cnf 8 6
2 7 0
3 4 0
-4 1 5 0
-4 8 0
-8 6 0
-5 -6 0
`;

export const defaultScenario: Scenario<SmtConfig, SmtView> = {
  version: 1,
  lab: 'smt',
  title: 'A small CNF with an instructive conflict',
  seed: 1,
  config: { input: { kind: 'dimacs', text: INSTRUCTIVE }, mode: 'cdcl', theory: 'lazy', options: { ...DEFAULT_OPTIONS } },
  view: defaultView,
};

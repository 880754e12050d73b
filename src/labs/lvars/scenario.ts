import type { LvarsConfig } from '../../engines/lvars/index.ts';
import { bool, int, list, literal, object, optional, str } from '../../scenario/schema.ts';
import type { LabScenarioSpec, Scenario } from '../../scenario/types.ts';

/** Where the views stand: reproduced exactly by a link. */
export interface LvarsView {
  /** An exploration was shown: opening the link runs it again (it is deterministic). */
  ran: boolean;
  /** The schedule in the Player: a witness, or the one the user is building as the scheduler. */
  schedule: string[];
  /** The user is the scheduler (adversarial mode). */
  adversarial: boolean;
  /** The Player's position. */
  step: number;
  /** The LVar whose lattice is drawn. */
  lvar: string;
}

export const DEFAULT_EXPLORE: LvarsConfig['explore'] = {
  mode: 'exhaustive',
  reduction: true,
  por: false,
  dpor: false,
  maxStates: 200_000,
  schedules: 2_000,
  maxDepth: 5_000,
  localLimit: 5_000_000,
};

/** The longest program a scenario (and so autosave and a link) carries, in characters. */
export const PROGRAM_LIMIT = 100_000;

export const spec: LabScenarioSpec<LvarsConfig, LvarsView> = {
  lab: 'lvars',
  config: object({
    program: str({ max: PROGRAM_LIMIT }),
    explore: object({
      mode: literal('exhaustive', 'random'),
      reduction: bool(),
      por: optional(bool(), false),
      dpor: optional(bool(), false),
      maxStates: int({ min: 1, max: 5_000_000 }),
      schedules: int({ min: 1, max: 1_000_000 }),
      maxDepth: int({ min: 1, max: 1_000_000 }),
      localLimit: int({ min: 1_000, max: 100_000_000 }),
    }),
  }),
  view: object({
    ran: optional(bool(), false),
    schedule: optional(list(str({ max: 400 }), { max: 100_000 }), []),
    adversarial: optional(bool(), false),
    step: optional(int({ min: 0 }), 0),
    lvar: optional(str({ max: 400 }), ''),
  }),
};

const TRAVERSAL = `// Graph traversal with a handler, quiesce and freeze (LVish, POPL'14 section 2).
// Every node reachable from startNode is visited, in whatever order the handlers run.

fn neighbors(g, node) { lookupOr(g, node, []) }

fn traverse(g, startNode) {
  let seen = newEmptySet();
  let h = newHandler(seen, fn(node) {
    for v in neighbors(g, node) { insert(v, seen); }
  });
  insert(startNode, seen);
  quiesce(h);
  freeze(seen)
}

let g = {1: [2, 3], 2: [4], 3: [4], 4: [1]};
traverse(g, 1)
`;

export const defaultScenario: Scenario<LvarsConfig, LvarsView> = {
  version: 1,
  lab: 'lvars',
  title: 'Graph traversal with handlers',
  seed: 1,
  config: { program: TRAVERSAL, explore: DEFAULT_EXPLORE },
  view: { ran: false, schedule: [], adversarial: false, step: 0, lvar: '' },
};

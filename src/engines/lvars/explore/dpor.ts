import { BudgetExceeded, type RunContext } from '../../contract.ts';
import { Mode } from '../runtime/machine.ts';
import type { Config, World } from '../runtime/world.ts';
import { exhaustiveResult, type Exploration, type ExploreOptions, type StateGraph } from './explore.ts';
import { initials, racesOf, stepFootprint, type Clock, type Event } from './happensBefore.ts';
import { footprint, independent } from './independence.ts';
import { Keyer } from './keyer.ts';
import { endingOf, Outcomes, type Ending } from './outcome.ts';
import { Yielder } from './yielder.ts';

/**
 * Source-set DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas, "Optimal dynamic partial
 * order reduction", POPL'14, Algorithm 1). Stateless: one execution is followed to its end, its
 * races are found from happens-before (./happensBefore.ts), and each race adds to a backtrack set
 * an initial of the reversed order. Of all the interleavings of independent steps, at least one
 * per class is explored, and every outcome is found, while caching alone visits every
 * configuration (exponentially many with many independent LVars).
 *
 * Three rules make it sound where LVars steps can disable others, which the paper's setting
 * (no disabling) does not cover:
 * - a failing step (conflicting put, put after freeze, ...) ends the program, so it disables every
 *   other thread: the configuration before it also tries every thread that could move there;
 * - a thread left waiting at the end on a condition other steps can take away (quiesce, the end of
 *   freezeAfter) is tried at every earlier configuration where it could move;
 * - a schedule cut short (it came back to a configuration on its own path, or passed the longest
 *   schedule) has races after the cut that were never seen: every configuration on its path tries
 *   every thread.
 */

interface Frame {
  config: Config;
  id: number;
  runnable: string[];
  /** The paper's backtrack(E): threads to take from here (those taken included). */
  backtrack: Set<string>;
  sleep: Set<string>;
  taken: Set<string>;
  /** Vector clock of each thread here (a thread's last event's, or its creator's). */
  clocks: Map<string, Clock>;
  key: string;
}

export async function exploreDpor(world: World, options: ExploreOptions, ctx: RunContext): Promise<Exploration> {
  const keyer = new Keyer();
  const outcomes = new Outcomes();
  const counts = new Map<number, number>();
  const graph: StateGraph = { nodes: [], edges: [] };
  let keepGraph = true;
  const stack: Frame[] = [];
  const events: Event[] = [];
  const path: string[] = [];
  /** Configurations on the current path, by key: coming back to one means a schedule that runs forever. */
  const onPath = new Map<string, number>();
  let states = 0;
  let transitions = 0;
  let pruned = 0;
  let stoppedBy: Exploration['stoppedBy'];

  const end = (ending: Ending, id: number) => {
    const o = outcomes.add(ending, () => [...path]);
    counts.set(o, (counts.get(o) ?? 0) + 1);
    if (keepGraph && id < graph.nodes.length) graph.nodes[id]!.outcome = o;
  };

  /** Pushes the frame for `config`, or records how the schedule ends there. */
  const enter = (config: Config, clocks: Map<string, Clock>, sleep: Set<string>, thread: string | undefined) => {
    const id = states++;
    if (keepGraph) {
      if (id < options.graphLimit) graph.nodes.push({ depth: stack.length, outcome: null });
      else keepGraph = false;
    }
    if (thread !== undefined && keepGraph) graph.edges.push({ from: stack[stack.length - 1]!.id, to: id, thread });
    const runnable = world.runnable(config);
    if (runnable.length === 0) {
      end(endingOf(world, config), id);
      return leaveTerminal(config);
    }
    const key = keyer.config(config);
    if (onPath.has(key) || stack.length >= options.maxDepth) {
      end(
        onPath.has(key)
          ? { kind: 'diverges', message: 'Runs forever: this schedule comes back to a configuration it was already in.', budget: false }
          : { kind: 'diverges', message: `Still running after ${options.maxDepth} steps.`, budget: true },
        id,
      );
      for (const f of stack) for (const t of f.runnable) f.backtrack.add(t);
      return;
    }
    const first = runnable.find((t) => !sleep.has(t));
    if (first === undefined) {
      // Sleep-set blocked: every step from here leads somewhere already covered.
      pruned += runnable.length;
      return;
    }
    onPath.set(key, id);
    stack.push({ config, id, runnable, backtrack: new Set([first]), sleep, taken: new Set(), clocks, key });
  };

  /** The first two rules above, at the end of a schedule. */
  const leaveTerminal = (config: Config) => {
    const last = stack[stack.length - 1];
    if (!last) return;
    // After a failure nothing can move: the threads that were waiting are those of the configuration before it.
    const from = config.failure ? last.config : config;
    const couldMove = config.failure ? last.runnable : [];
    for (const t of couldMove) last.backtrack.add(t);
    const stuck = from.threads.filter((t) => t.mode === Mode.Poised && !couldMove.includes(t.id)).map((t) => t.id);
    for (const t of stuck) for (const f of stack) if (f.runnable.includes(t)) f.backtrack.add(t);
  };

  /** Takes `thread`'s step from the top frame: its races add to earlier backtrack sets. */
  const take = (f: Frame, thread: string) => {
    ctx.tick();
    transitions++;
    f.taken.add(thread);
    const child = world.step(f.config, thread);
    const threadClock = f.clocks.get(thread) ?? new Map<string, number>();
    const e: Event = { thread, local: (threadClock.get(thread) ?? 0) + 1, clock: threadClock, footprint: stepFootprint(f.config, child, thread), before: f.config };
    for (const j of racesOf(world, events, e, threadClock)) reverse(j, e);
    const clocks = new Map(f.clocks).set(thread, e.clock);
    // Threads this step created (forks, handler invocations) start after it.
    const existed = new Set(f.config.threads.map((t) => t.id));
    for (const t of child.threads) if (!existed.has(t.id)) clocks.set(t.id, e.clock);
    const here = footprint(f.config, thread);
    const sleep = new Set([...f.sleep].filter((u) => independent(footprint(f.config, u), here)));
    events.push(e);
    path.push(thread);
    enter(child, clocks, sleep, thread);
  };

  /** A race between events[j] and `e`: the configuration before events[j] must also start the reversed order. */
  const reverse = (j: number, e: Event) => {
    const f = stack[j]!;
    const starts = initials(events, j, e).filter((t) => f.runnable.includes(t));
    if (starts.length === 0 || starts.some((t) => f.backtrack.has(t))) return;
    f.backtrack.add(starts.find((t) => !f.sleep.has(t)) ?? starts[0]!);
  };

  const pop = () => {
    const f = stack.pop()!;
    pruned += f.runnable.filter((t) => !f.taken.has(t)).length;
    onPath.delete(f.key);
  };

  try {
    enter(world.initial(), new Map(), new Set(), undefined);
    const yielder = new Yielder(ctx);
    while (stack.length > 0) {
      await yielder.maybe();
      const f = stack[stack.length - 1]!;
      // The depth of the frame is its index: events[i] is the step taken from stack[i].
      events.length = stack.length - 1;
      path.length = stack.length - 1;
      const next = [...f.backtrack].find((t) => !f.taken.has(t) && !f.sleep.has(t));
      if (next === undefined) {
        pop();
        continue;
      }
      take(f, next);
      f.sleep.add(next);
      if (states >= options.maxStates) {
        stoppedBy = 'states';
        break;
      }
      if ((transitions & 255) === 0) ctx.progress({ done: states, total: options.maxStates, label: 'configurations', best: `${outcomes.list.length} outcome${outcomes.list.length === 1 ? '' : 's'}` });
    }
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    stoppedBy = e.budget === 'steps' ? 'steps' : 'time';
  }
  return exhaustiveResult(outcomes, counts, { states, transitions, pruned }, stoppedBy, keepGraph ? graph : undefined);
}

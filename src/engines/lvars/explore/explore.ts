import { BudgetExceeded, type RunContext } from '../../contract.ts';
import type { Config, World } from '../runtime/world.ts';
import { footprint, independent, type Footprint } from './independence.ts';
import { Keyer } from './keyer.ts';
import { endingOf, Outcomes, verdictOf, type Ending, type OutcomeSummary, type Verdict } from './outcome.ts';
import { Yielder } from './yielder.ts';
import { mulberry32 } from '../../random.ts';

export interface ExploreOptions {
  mode: 'exhaustive' | 'random';
  /** State caching: configurations reached by different schedules are explored once. */
  reduction: boolean;
  /**
   * Partial-order reduction with sleep sets (on top of state caching): of schedules that differ
   * only in the order of independent steps, one is explored. Every outcome is still found, but
   * the counts are of explored schedules, not of all of them.
   */
  sleepSets: boolean;
  /** Source-set DPOR (./dpor.ts): stateless, so `reduction` and `sleepSets` do not apply. */
  dpor: boolean;
  maxStates: number;
  /** Random mode: how many schedules to sample. */
  schedules: number;
  /** Longest schedule (scheduler steps) followed before it is reported as running forever. */
  maxDepth: number;
  seed: number;
  /** Keep the state graph for drawing when it has at most this many configurations. */
  graphLimit: number;
}

export interface StateGraph {
  /** Per configuration: its depth and, for a terminal one, the index of its outcome. */
  nodes: { depth: number; outcome: number | null }[];
  edges: { from: number; to: number; thread: string }[];
}

export interface Exploration {
  verdict: Verdict;
  outcomes: OutcomeSummary[];
  /** Configurations visited. */
  states: number;
  transitions: number;
  /**
   * Subtrees not explored because an equivalent one was: steps into a configuration already
   * explored (state caching), steps asleep (sleep sets), steps outside the backtrack sets (DPOR).
   */
  pruned: number;
  /** Complete schedules covered (exhaustive) or sampled (random). */
  schedules: number;
  exhaustive: boolean;
  /** Why exploration stopped early, when it did. */
  stoppedBy: 'states' | 'steps' | 'time' | undefined;
  graph: StateGraph | undefined;
  /** Random mode: how much of the schedule space the samples cover. */
  sampling?: Sampling;
}

/**
 * How much of the schedule space random sampling saw: the distinct schedules drawn, and the size of
 * the space estimated by Knuth's estimator (Knuth 1975, "Estimating the efficiency of backtrack
 * programs"): along a path drawn uniformly at each choice, the product of the numbers of choices is
 * an unbiased estimate of the number of complete schedules. Averaged over the samples, in log10.
 */
export interface Sampling {
  distinct: number;
  log10Space: number;
}

/** The mean of 10^x over the xs added, kept in log10 (the products overflow a double quickly). */
class Log10Mean {
  private top = -Infinity;
  private scaled = 0;
  private n = 0;
  add(x: number): void {
    if (x > this.top) {
      this.scaled = this.scaled * 10 ** (this.top - x);
      this.top = x;
    }
    this.scaled += 10 ** (x - this.top);
    this.n++;
  }
  get count(): number {
    return this.n;
  }
  value(): number {
    return this.top + Math.log10(this.scaled / this.n);
  }
}

const LOG10 = Array.from({ length: 64 }, (_, n) => Math.log10(n));
/** log10 of a number of choices (a table for the common, small ones: it is taken at every step). */
const log10Of = (n: number): number => (n < LOG10.length ? LOG10[n]! : Math.log10(n));

/**
 * A 53-bit hash of a schedule (two 32-bit FNV-1a streams): distinct schedules are counted without
 * keeping them. A schedule is named by the choice it made at each point with more than one
 * runnable thread: the steps in between are forced, and the configuration, so the list of
 * choices, is a function of the choices before.
 */
class ScheduleHash {
  private a = 0x811c9dc5;
  private b = 0x01000193;
  add(choice: number): void {
    this.a = Math.imul(this.a ^ (choice + 1), 16777619);
    this.b = Math.imul(this.b ^ (choice + 1), 2246822519);
  }
  value(): number {
    return (this.a >>> 0) * 2 ** 21 + ((this.b >>> 0) & 0x1fffff);
  }
}

type Counts = Map<number, number>;
const addInto = (into: Counts, from: Counts) => from.forEach((n, o) => into.set(o, (into.get(o) ?? 0) + n));

interface Frame {
  config: Config;
  id: number;
  choices: string[];
  next: number;
  counts: Counts;
  depth: number;
  /** Sleep set: threads whose next step need not be taken here (an equivalent order was explored). */
  sleep: Set<string>;
  footprints: Map<string, Footprint>;
}


/**
 * Every schedule, depth first. With `reduction`, a configuration seen before is not explored
 * again: its outcome counts are reused (they are the number of schedules through it to each
 * outcome), and reaching a configuration that is still on the stack means a schedule that runs
 * forever. Without it, the whole tree of schedules is walked.
 */
// One function (about 125 lines): the depth-first loop with an explicit stack (schedules can be
// thousands of steps deep), where state caching, sleep sets and loop detection each change what
// the others see at every step; they are kept in one place so that their interplay is visible.
export async function exploreExhaustive(world: World, options: ExploreOptions, ctx: RunContext): Promise<Exploration> {
  const keyer = new Keyer();
  const outcomes = new Outcomes();
  const visited = new Map<string, number>();
  /** With sleep sets: the sleep set each configuration was explored with (Godefroid's caching rule). */
  const slept = new Map<number, Set<string>>();
  const finished: Counts[] = [];
  const onStack = new Set<number>();
  const graph: StateGraph | undefined = { nodes: [], edges: [] };
  let keepGraph = true;
  let states = 0;
  let transitions = 0;
  let pruned = 0;
  let stoppedBy: Exploration['stoppedBy'];
  const stack: Frame[] = [];
  const path: string[] = [];

  const visit = (config: Config, depth: number): { id: number; fresh: boolean } => {
    if (options.reduction) {
      const key = keyer.config(config);
      const seen = visited.get(key);
      if (seen !== undefined) return { id: seen, fresh: false };
      visited.set(key, states);
    }
    if (keepGraph) {
      if (states < options.graphLimit) graph.nodes.push({ depth, outcome: null });
      else keepGraph = false;
    }
    return { id: states++, fresh: true };
  };

  /** Explores a configuration reached by `path`; returns its counts if it is terminal or already done. */
  const enter = (config: Config, depth: number, parent: number | undefined, thread: string | undefined, sleep: Set<string>): Counts | undefined => {
    const { id, fresh } = visit(config, depth);
    if (parent !== undefined && keepGraph) graph.edges.push({ from: parent, to: id, thread: thread! });
    let awake: ((t: string) => boolean) | undefined;
    if (!fresh) {
      if (onStack.has(id)) {
        const o = outcomes.add({ kind: 'diverges', message: 'Runs forever: this schedule comes back to a configuration it was already in.', budget: false }, () => [...path]);
        return new Map([[o, 1]]);
      }
      const before = slept.get(id);
      if (!options.sleepSets || !before || [...before].every((t) => sleep.has(t))) {
        pruned++;
        return finished[id];
      }
      // Seen before with a larger sleep set: the steps asleep then but awake now still need taking.
      slept.set(id, new Set([...before].filter((t) => sleep.has(t))));
      awake = (t) => before.has(t) && !sleep.has(t);
    } else if (options.sleepSets) slept.set(id, new Set(sleep));
    const enabled = world.runnable(config);
    const choices = enabled.filter((t) => (awake ? awake(t) : !sleep.has(t)));
    if (enabled.length === 0 || depth >= options.maxDepth) {
      const ending: Ending =
        enabled.length === 0 ? endingOf(world, config) : { kind: 'diverges', message: `Still running after ${options.maxDepth} steps.`, budget: true };
      const o = outcomes.add(ending, () => [...path]);
      if (keepGraph && id < graph.nodes.length) graph.nodes[id]!.outcome = o;
      const counts = new Map([[o, 1]]);
      finished[id] = counts;
      return counts;
    }
    pruned += enabled.length - choices.length;
    if (choices.length === 0) return finished[id] ?? new Map();
    onStack.add(id);
    const footprints = new Map<string, Footprint>();
    if (options.sleepSets) for (const t of enabled) footprints.set(t, footprint(config, t));
    stack.push({ config, id, choices, next: 0, counts: new Map(), depth, sleep: new Set(sleep), footprints });
    return undefined;
  };

  try {
    const root = enter(world.initial(), 0, undefined, undefined, new Set());
    const rootCounts = root ?? new Map<number, number>();
    const yielder = new Yielder(ctx);
    while (stack.length > 0) {
      await yielder.maybe();
      const f = stack[stack.length - 1]!;
      if (f.next < f.choices.length) {
        const thread = f.choices[f.next++]!;
        ctx.tick();
        transitions++;
        const child = world.step(f.config, thread);
        path.push(thread);
        let childSleep = new Set<string>();
        if (options.sleepSets) {
          const mine = f.footprints.get(thread)!;
          childSleep = new Set([...f.sleep].filter((u) => u !== thread && independent(f.footprints.get(u) ?? footprint(f.config, u), mine)));
          f.sleep.add(thread);
        }
        const counts = enter(child, f.depth + 1, f.id, thread, childSleep);
        if (counts) {
          addInto(f.counts, counts);
          path.pop();
        }
        if (states >= options.maxStates) {
          stoppedBy = 'states';
          break;
        }
        if ((transitions & 255) === 0) ctx.progress({ done: states, total: options.maxStates, label: 'configurations', best: `${outcomes.list.length} outcome${outcomes.list.length === 1 ? '' : 's'}` });
        continue;
      }
      stack.pop();
      onStack.delete(f.id);
      finished[f.id] = f.counts;
      const parent = stack[stack.length - 1];
      if (parent) {
        addInto(parent.counts, f.counts);
        path.pop();
      } else addInto(rootCounts, f.counts);
    }
    finished[0] ??= rootCounts;
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    stoppedBy = e.budget === 'steps' ? 'steps' : 'time';
  }
  const total = stoppedBy ? partialCounts(stack, finished) : (finished[0] ?? new Map());
  return exhaustiveResult(outcomes, total, { states, transitions, pruned }, stoppedBy, keepGraph ? graph : undefined);
}

/** What an exhaustive search (with or without reductions) found: `total` counts the schedules per outcome. */
export function exhaustiveResult(
  outcomes: Outcomes,
  total: Counts,
  work: Pick<Exploration, 'states' | 'transitions' | 'pruned'>,
  stoppedBy: Exploration['stoppedBy'],
  graph: StateGraph | undefined,
): Exploration {
  for (const [o, n] of total) outcomes.list[o]!.count = n;
  const schedules = [...total.values()].reduce((a, b) => a + b, 0);
  return { verdict: verdictOf(outcomes.list), outcomes: outcomes.list, ...work, schedules, exhaustive: stoppedBy === undefined, stoppedBy, graph };
}

/** When stopped early: what the frames on the stack have counted so far. */
function partialCounts(stack: Frame[], finished: Counts[]): Counts {
  const total: Counts = new Map(finished[0] ?? []);
  for (const f of stack) addInto(total, f.counts);
  return total;
}

/** Schedules drawn at random from a seed: for programs too large to explore exhaustively. */
export async function exploreRandom(world: World, options: ExploreOptions, ctx: RunContext): Promise<Exploration> {
  const outcomes = new Outcomes();
  const counts: Counts = new Map();
  const random = mulberry32(options.seed);
  let states = 0;
  let sampled = 0;
  let stoppedBy: Exploration['stoppedBy'];
  const yielder = new Yielder(ctx);
  const distinct = new Set<number>();
  const space = new Log10Mean();
  try {
    // Inside the try: a program can spend the whole budget before its first scheduling point.
    const initial = world.initial();
    for (; sampled < options.schedules; sampled++) {
      await yielder.maybe();
      let config = world.own(initial);
      const path: string[] = [];
      const hash = new ScheduleHash();
      let log10Product = 0;
      let choices = world.runnable(config);
      while (choices.length > 0 && path.length < options.maxDepth) {
        const choice = Math.floor(random() * choices.length);
        const thread = choices[choice]!;
        if (choices.length > 1) {
          log10Product += log10Of(choices.length);
          hash.add(choice);
        }
        ctx.tick();
        config = world.advance(config, thread);
        path.push(thread);
        states++;
        choices = world.runnable(config);
      }
      distinct.add(hash.value());
      space.add(log10Product);
      const ending: Ending = choices.length === 0 ? endingOf(world, config) : { kind: 'diverges', message: `Still running after ${options.maxDepth} steps.`, budget: true };
      const o = outcomes.add(ending, () => path);
      counts.set(o, (counts.get(o) ?? 0) + 1);
      if ((sampled & 15) === 0) ctx.progress({ done: sampled, total: options.schedules, label: 'schedules', best: `${outcomes.list.length} outcome${outcomes.list.length === 1 ? '' : 's'}` });
      if (states >= options.maxStates) {
        stoppedBy = 'states';
        sampled++;
        break;
      }
    }
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    stoppedBy = e.budget === 'steps' ? 'steps' : 'time';
  }
  for (const [o, n] of counts) outcomes.list[o]!.count = n;
  const sampling = space.count > 0 ? { distinct: distinct.size, log10Space: space.value() } : undefined;
  return { verdict: verdictOf(outcomes.list), outcomes: outcomes.list, states, transitions: states, pruned: 0, schedules: sampled, exhaustive: false, stoppedBy, graph: undefined, ...(sampling ? { sampling } : {}) };
}

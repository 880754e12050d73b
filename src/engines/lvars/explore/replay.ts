import { BUILTINS } from '../builtins.ts';
import { hasse, type HasseDiagram } from '../lattice/hasse.ts';
import { stateKey, showState, type Lattice, type State } from '../lattice/lattice.ts';
import { Mode, type Pending } from '../runtime/machine.ts';
import { show, valueKey, type Handle } from '../runtime/values.ts';
import { thresholdsOf } from '../lattice/thresholds.ts';
import type { Config, World } from '../runtime/world.ts';
import type { Loc } from '../syntax/ast.ts';
import { describeEnding, endingOf, type OutcomeSummary } from './outcome.ts';

export interface FrameLVar {
  id: string;
  label: string;
  /** The lattice's name, or "ref" for a mutable cell (shown in the store, never in a diagram). */
  lattice: string;
  state: string;
  key: string;
  frozen: boolean;
}

export interface FrameThread {
  id: string;
  status: 'ready' | 'blocked' | 'done';
  /** Where the thread stands: the shared operation it is poised at. */
  loc: Loc | undefined;
  op: string | undefined;
}

export interface Frame {
  /** The thread that moved into this frame (null for the initial configuration). */
  thread: string | null;
  /** The reductions of this step, each with its rule, in order (at most MAX_RULES). */
  rules: { thread: string; rule: string; loc: Loc }[];
  /** Reductions of this step beyond those listed. */
  more: number;
  /** The shared operation this step performed, as text. */
  op: string | undefined;
  loc: Loc | undefined;
  lvars: FrameLVar[];
  threads: FrameThread[];
  runnable: string[];
  /** The put this step tried and the lattice rejected: the LVar and the state it would have reached. */
  rejected?: { lvar: string; key: string };
}

export interface LatticeView {
  lvar: string;
  label: string;
  lattice: string;
  /** Whole lattice (finite carrier) or only the elements this run reached. */
  whole: boolean;
  diagram: HasseDiagram;
  /** Keys of the thresholds used in gets on this LVar. */
  thresholds: string[];
}

export interface Replay {
  frames: Frame[];
  schedule: string[];
  /** How the last frame ends, when it is terminal. */
  ending: Pick<OutcomeSummary, 'kind' | 'text' | 'errorKind'> | undefined;
  /** Why the schedule could not be followed to its end, if it could not. */
  problem: string | undefined;
  lattices: LatticeView[];
}

const MAX_RULES = 400;
const MAX_DIAGRAM = 60;

/**
 * Follows one schedule and records every step for the Player. With `finish`, runs on after the
 * schedule, always choosing the first thread that can move, until the program ends.
 */
export function replay(world: World, schedule: readonly string[], finish: boolean, maxDepth: number): Replay {
  const frames: Frame[] = [];
  const seen = new Set<string>();
  const reached = new Map<string, Reached>();
  let rules: Frame['rules'] = [];
  let more = 0;
  const rec = {
    rule(thread: string, rule: string, loc: Loc) {
      if (rules.length < MAX_RULES) rules.push({ thread, rule, loc });
      else more++;
    },
  };
  const snap = (c: Config, thread: string | null, op: string | undefined, loc: Loc | undefined) => {
    const runnable = world.runnable(c);
    for (const t of c.threads) seen.add(t.id);
    for (const l of c.lvars.values()) {
      let r = reached.get(l.id);
      if (!r) reached.set(l.id, (r = { lattice: l.lattice, label: l.label, states: new Map([[stateKey(l.lattice.bottom), l.lattice.bottom]]), thresholds: new Map(), rejected: new Map() }));
      r.states.set(stateKey(l.state), l.state);
    }
    for (const t of c.threads) if (t.pending?.op === 'get/2' || t.pending?.op === 'get/3') collectThresholds(c, t.pending, reached);
    const present = new Map(c.threads.map((t) => [t.id, t]));
    frames.push({
      thread,
      rules,
      more,
      op,
      loc,
      lvars: [
        ...[...c.lvars.values()].map((l) => ({ id: l.id, label: l.label, lattice: l.lattice.name, state: showState(l.state, labels(c)), key: stateKey(l.state), frozen: l.frozen })),
        ...[...c.refs.values()].map((r) => ({ id: r.id, label: r.label, lattice: 'ref', state: show(r.value, labels(c)), key: valueKey(r.value), frozen: false })),
        ...[...c.futures].map(([id, v]) => ({ id, label: `future of ${id}`, lattice: 'future', state: v === undefined ? 'running' : show(v, labels(c)), key: v === undefined ? '?' : valueKey(v), frozen: false })),
      ],
      threads: [...seen].sort().map((id) => {
        const t = present.get(id);
        if (!t || t.mode === Mode.Done) return { id, status: 'done' as const, loc: undefined, op: undefined };
        return { id, status: runnable.includes(id) ? ('ready' as const) : ('blocked' as const), loc: t.pending?.loc, op: t.pending ? describe(c, t.pending) : undefined };
      }),
      runnable,
    });
    const attempt = c.failure?.attempt;
    if (attempt) {
      reached.get(attempt.lvar)?.rejected.set(stateKey(attempt.state), attempt.state);
      frames[frames.length - 1]!.rejected = { lvar: attempt.lvar, key: stateKey(attempt.state) };
    }
    rules = [];
    more = 0;
    return runnable;
  };

  let config = world.initial(rec);
  let runnable = snap(config, null, undefined, undefined);
  const followed: string[] = [];
  let problem: string | undefined;
  const stepTo = (thread: string) => {
    const p = config.threads.find((t) => t.id === thread)!.pending!;
    const op = describe(config, p);
    config = world.step(config, thread, rec);
    followed.push(thread);
    runnable = snap(config, thread, op, p.loc);
  };
  for (const [i, thread] of schedule.entries()) {
    if (!runnable.includes(thread)) {
      problem = runnable.length === 0 ? `The program ended before step ${i + 1} of the schedule.` : `At step ${i + 1}, thread ${thread} cannot move (ready: ${runnable.join(', ')}).`;
      break;
    }
    stepTo(thread);
  }
  if (finish && !problem) while (runnable.length > 0 && followed.length < maxDepth) stepTo(runnable[0]!);
  const ending = runnable.length === 0 ? describeEnding(endingOf(world, config)) : undefined;
  return { frames, schedule: followed, ending, problem, lattices: latticeViews(reached, config) };
}

function labels(c: Config): (id: string) => string {
  return (id) => c.lvars.get(id)?.label ?? c.pools.get(id)?.label ?? c.refs.get(id)?.label ?? id;
}

/**
 * A shared operation as text, with LVars by name: put(seen, {3}). freezeAfter and
 * withCallbacksThenFreeze in their second phase (E-Freeze-Final waits on their handlers' pool) say
 * so, and show the program's arguments only (not the action's future the first phase added).
 */
export function describe(c: Config, p: Pending): string {
  const name = p.op.replace(/\/\d$/, '');
  const phase = p.finalPool !== undefined ? ' (waiting for quiescence)' : '';
  const args = p.args.slice(0, BUILTINS.get(p.op)?.arity ?? p.args.length);
  return `${name}(${args.map((a) => (typeof a === 'object' && a.tag === 'closure' ? 'fn' : show(a, labels(c)))).join(', ')})${phase}`;
}

/** What one LVar went through in a replay: the states it was in, the thresholds read, the puts refused. */
interface Reached {
  lattice: Lattice;
  label: string;
  states: Map<string, State>;
  thresholds: Map<string, State>;
  rejected: Map<string, State>;
}

function collectThresholds(c: Config, p: Pending, reached: Map<string, Reached>): void {
  const id = (p.args[0] as Handle).id;
  const r = reached.get(id);
  if (!r) return;
  try {
    for (const set of p.args.slice(1)) for (const t of thresholdsOf(c.lvars.get(id)!.lattice, set)) r.thresholds.set(stateKey(t), t);
  } catch {
    // An ill-formed threshold is reported by the step that reaches it.
  }
}

function latticeViews(reached: Map<string, Reached>, c: Config): LatticeView[] {
  return [...reached.entries()].map(([id, r]) => {
    const whole = r.lattice.carrier !== undefined;
    let elements: State[] = whole ? [...r.lattice.carrier!] : [...r.states.values(), ...r.thresholds.values()];
    if (!whole && elements.length > MAX_DIAGRAM) elements = [r.lattice.bottom, ...elements.slice(-MAX_DIAGRAM + 1)];
    // A refused put is drawn too: top for a conflict, or where a frozen LVar would have gone.
    for (const s of r.rejected.values()) if (!elements.some((e) => stateKey(e) === stateKey(s))) elements.push(s);
    return { lvar: id, label: r.label, lattice: r.lattice.name, whole, diagram: hasse(r.lattice, elements, labels(c)), thresholds: [...r.thresholds.keys()] };
  });
}


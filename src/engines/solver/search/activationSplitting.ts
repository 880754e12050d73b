import { BackSubstitution } from '../bounds/backSubstitution.ts';
import { copyMultipliers, freshMultipliers, SplitBounder, type SplitMultipliers } from '../bounds/betaCrown.ts';
import { DeepPoly } from '../bounds/deeppoly.ts';
import { TangentOptimiser } from '../bounds/tangentOptimiser.ts';
import { boundsUnderPhases, intervalBounds, layerOffsets, type NetworkBounds, type Phases } from '../bounds/networkBounds.ts';
import type { Network } from '../model/network.ts';
import type { Case, Constraint } from '../model/problem.ts';
import { Ev } from '../trace/events.ts';
import { Fate, NodeKind } from '../trace/tree.ts';
import { chooseNeuron, type Branching } from './reluBranching.ts';
import { boundsUnderRanges, chooseRange, splitNarrowings, type Narrowing } from './rangeBranching.ts';
import { combine, combinedSlack, countUndecided } from './closing.ts';
import type { SearchEnv, SearchResult } from './env.ts';
import { AdaptiveDescent } from './adaptiveDescent.ts';
import { AttackSchedule } from './attackSchedule.ts';
import { attackAll, attackFrom, attackTargeted, Falsifier } from './falsification.ts';
import { Frontier } from './frontier.ts';
import { SplitSearch } from './splitSearch.ts';

/**
 * Branch and bound on ReLU activations (β-CROWN, Wang et al., NeurIPS 2021; in the line of BaBSR,
 * Bunel et al. JMLR 2020, and VeriNet/Venus), the procedure for inputs too many to split: the
 * input box stays whole, and a subdomain is a set of ReLU phases fixed by splits. The root's
 * pre-activation bounds come from interval bounds refined by DeepPoly's back-substitution;
 * each subdomain narrows them by its phases, then
 * bounds each constraint of the unsafe case by back-substitution with optimised slopes α and split
 * multipliers β (bounds/betaCrown.ts). A subdomain closes when some constraint fails everywhere in it;
 * otherwise the corner that minimised its bound is checked as a counterexample and an undecided ReLU
 * is split (reluBranching.ts: BaBSR's score, or FSB's trial bounds of the best few). Open subdomains
 * wait in a priority queue, the one with the lowest bound first; ties by creation order, so the
 * result and the tree are a function of (problem, options, seed) and the step budget.
 */
export interface ActivationSplitOptions {
  attack: boolean;
  restarts: number;
  branching: Branching;
}

interface Subdomain {
  phases: Phases;
  /** Per constraint of the case: the multipliers the parent ended with (a warm start), if kept. */
  multipliers: (SplitMultipliers | undefined)[];
  node: number;
  anchor: number;
  share: number;
  depth: number;
  /** Every ReLU is decided: bound once more, with many more ascent steps (LEAF_ITERATIONS). */
  exhausted?: boolean;
  /** On a sigmoid or tanh network (no phases): the neurons' ranges its splits narrowed (rangeBranching.ts). */
  narrowings?: Narrowing[];
  /** Intermediate bounds an ancestor refined under its phases (sound here: this subdomain lies inside it); else the root's. */
  bounds?: NetworkBounds;
  /** The shallowest layer split since those bounds were refined: the layers after it may narrow. */
  pending?: number;
}

/** Ascent steps at the root, and in every subdomain (warm-started from its parent's multipliers). */
const ROOT_ITERATIONS = 40;
const ITERATIONS = 12;
const LEAF_ITERATIONS = 400;

/**
 * Rounds of slope improvement (bounds/alphaCrown.ts) for each intermediate neuron's root bound: one
 * round cut the worst property bound of mnist-net_256x4 prop_1_0.03 from −67 to −21 (a second: −19.9)
 * for 4x the cost of DeepPoly's; every subdomain starts from these bounds.
 */
const ROOT_SLOPE_ROUNDS = 1;

/**
 * The same for a network of sigmoid or tanh layers, rounds of tangent-point moves (bounds/
 * tangentOptimiser.ts): one round took eran's ffnnSIGMOID__Point_6x200 idx_7167 from every case
 * open (worst property bound −136) to every case closed at the root (worst +7.6), for 2.5x the
 * CPU time of DeepPoly's bounds; three rounds gained 2% more for 2.2x more.
 */
const ROOT_TANGENT_ROUNDS = 1;

/** Tangent-point rounds of each property bound on a sigmoid or tanh network (one round gave most of it). */
const TANGENT_ROUNDS = 3;

/**
 * Every REFINE_EVERY splits down a branch, the subdomain's intermediate bounds are computed again
 * by DeepPoly under its phases, from the layer after the shallowest split since the last time, and
 * its descendants start from them. β carries the splits into the property's bound only; without
 * this, a neuron below a split keeps its root bounds and its loose relaxation at any depth.
 * mnist-net_256x2 prop_1_0.03: holds in 80 CPU-s, 12,565 subdomains, depth 34 (without: 81% closed
 * after 90 CPU-s, depth 120); refining at every split instead of every second one was slower.
 */
const REFINE_EVERY = 2;

/**
 * Subdomains bounded between rounds of the attack during the search: every 100 took about a fifth
 * of the time on mnist-net_256x4 prop_0_0.03 (857 subdomains in 15 CPU-s; 1,104 every 1000).
 */
const ATTACK_EVERY = 1000;

/** Descents of the first attack, on the margin over all cases, before any bound (a third of VNN-COMP's MNIST instances are violated). */
const FIRST_ATTACK_RESTARTS = 4;

/**
 * Auto-PGD steps from each case's root corner (the α-CROWN bound's minimiser) and of each targeted
 * restart; then SUBDOMAIN_STEPS from a subdomain's corner (its phases' minimiser) every
 * SUBDOMAIN_ATTACK_EVERY subdomains, the gap doubling up to SUBDOMAIN_ATTACK_MOST while the descents
 * do not lower the case's least violation (attackSchedule.ts). A step costs a forward and a backward
 * pass, about a thirtieth of a subdomain's bound on mnist-net_256x6; at a fixed gap of 16 the
 * subdomain attacks took 10-20% of a mnist-net_256x4 search.
 */
const CORNER_STEPS = 200;
const SUBDOMAIN_ATTACK_EVERY = 16;
const SUBDOMAIN_ATTACK_MOST = 256;
const SUBDOMAIN_STEPS = 50;

/** Targeted restarts per open case before the search (the centre, then seeded random points). */
const TARGETED_RESTARTS = 2;

/** Open subdomains that keep their multipliers for a warm start (each costs a few pages for MNIST). */
const FRONTIER_WITH_MULTIPLIERS = 4_000;

export function searchActivationSplitting(env: SearchEnv, options: ActivationSplitOptions): SearchResult {
  return new ActivationSplitting(env, options).run();
}

/** The search's state across cases. */
class ActivationSplitting extends SplitSearch {
  private readonly net: Network;
  private readonly back: BackSubstitution;
  private readonly bounder: SplitBounder;
  private readonly tangents: TangentOptimiser;
  private readonly falsifier: Falsifier;
  private readonly descent: AdaptiveDescent;
  private readonly schedule: AttackSchedule;
  private readonly deepPoly: DeepPoly;
  private readonly offsets: number[];
  /** The global index of neuron j of layer k among the network's nonlinear neurons (the tree's variable). */
  private readonly nonlinearOffsets: number[];
  /** The root bounds of the last box bounded (cases of a robustness property share their box). */
  private rootCache: { lo: Float64Array; hi: Float64Array; bounds: NetworkBounds } | undefined;
  private readonly corner: Float64Array;
  /** Asks the budget, remembering the answer (the bounds computed so far stay sound). */
  private readonly halt = () => (this.stopped ??= this.env.stop()) !== undefined;
  /** Per case and constraint: the input coefficients of the linear function its bound minimised. */
  private readonly coeffs: Float64Array[][];
  private readonly lambda: Float64Array;
  /** Whether the network has ReLUs (α and β, the split multipliers, exist only for them). */
  private readonly splittable: boolean;

  constructor(
    env: SearchEnv,
    private readonly options: ActivationSplitOptions,
  ) {
    super(env);
    const { problem } = env;
    const net = (this.net = problem.network);
    this.back = new BackSubstitution(net);
    this.bounder = new SplitBounder(net, this.back);
    this.tangents = new TangentOptimiser(net, this.back);
    this.falsifier = new Falsifier(net);
    this.descent = new AdaptiveDescent(this.falsifier, net.inputSize);
    this.schedule = new AttackSchedule(problem.cases.length, SUBDOMAIN_ATTACK_EVERY, SUBDOMAIN_ATTACK_MOST);
    this.offsets = layerOffsets(net);
    this.deepPoly = new DeepPoly(net, this.back);
    let at = 0;
    this.nonlinearOffsets = net.layers.map((l) => {
      const o = at;
      if (l.activation !== 'identity') at += l.outSize;
      return o;
    });
    this.corner = new Float64Array(net.inputSize);
    this.coeffs = problem.cases.map((c) => c.constraints.map(() => new Float64Array(net.inputSize)));
    this.splittable = net.layers.some((l) => l.activation === 'relu');
    this.lambda = new Float64Array(Math.max(1, ...problem.cases.map((c) => c.constraints.length)));
  }

  /**
   * An attack on all cases at once first (when they share a box), then every case's root (on a
   * robustness property most close there), then the attack on each case still open, then branch
   * and bound on each of them in turn.
   */
  run(): SearchResult {
    const { env, options, caseNodes } = this;
    const cases = env.problem.cases;
    if (options.attack && cases.length > 0 && cases.every((c) => sameBox(cases[0]!, c))) {
      const found = attackAll(env, this.falsifier, cases, this.top, FIRST_ATTACK_RESTARTS);
      if (found) return this.violated(caseNodes[found.caseIndex]!, caseNodes[found.caseIndex]!, found);
    }
    const frontiers: (Frontier<Subdomain> | undefined)[] = [];
    for (let ci = 0; ci < cases.length; ci++) {
      const start = this.startCase(ci);
      if (start instanceof Frontier || start === undefined) frontiers.push(start);
      else return start;
    }
    if (options.attack) {
      for (let ci = 0; ci < cases.length && !this.stopped; ci++) {
        if (!frontiers[ci]) continue;
        const found = attackTargeted(env, this.descent, cases[ci]!, ci, caseNodes[ci]!, TARGETED_RESTARTS * options.restarts, CORNER_STEPS, true, this.reached(ci, false));
        if (found) return this.violated(caseNodes[ci]!, caseNodes[ci]!, found);
        this.stopped ??= env.stop();
      }
    }
    for (let ci = 0; ci < cases.length; ci++) {
      const frontier = frontiers[ci];
      if (!frontier) continue;
      const found = this.searchCase(ci, frontier);
      if (found) return found;
    }
    // No split is left (a sigmoid or tanh network has none) yet some case is open: only a
    // counterexample can still decide, so the rest of the budget goes to the attack.
    if (options.attack && this.floorReached && cases.length > 0 && cases.every((c) => sameBox(cases[0]!, c))) {
      while (!(this.stopped ??= env.stop())) {
        const found = attackAll(env, this.falsifier, cases, this.top, 1, false);
        if (found) return this.violated(caseNodes[found.caseIndex]!, caseNodes[found.caseIndex]!, found);
      }
    }
    return this.settle();
  }

  /**
   * Bounds over the case's box with no phase fixed: DeepPoly, every undecided neuron back-substituted
   * layer by layer from interval bounds (with hundreds of inputs this is cheaper than the forward
   * symbolic pass, whose functions carry a coefficient per input, and tighter).
   */
  private rootBounds(c: Case): NetworkBounds {
    const cached = this.rootCache;
    if (cached && sameBox(cached, c)) return cached.bounds;
    const bounds = intervalBounds(this.net, c.lo, c.hi);
    const { stats } = this;
    stats.boundComputations += new DeepPoly(this.net, this.back).refine(bounds, c.lo, c.hi, this.halt, this.splittable ? ROOT_SLOPE_ROUNDS : ROOT_TANGENT_ROUNDS);
    // Intervals propagated once more through the refined bounds, intersected with them: on a deep
    // network some neurons' are tighter (every subdomain then starts from these).
    const tightened = intervalBounds(this.net, c.lo, c.hi, bounds);
    this.rootCache = { lo: c.lo, hi: c.hi, bounds: tightened };
    return tightened;
  }

  /** The case's root subdomain bounded: a counterexample, the frontier left open, or undefined when it closed. */
  private startCase(ci: number): SearchResult | Frontier<Subdomain> | undefined {
    const { env, caseNodes, net } = this;
    const c = env.problem.cases[ci]!;
    const frontier = new Frontier<Subdomain>();
    const root = { phases: new Int8Array(this.offsets[net.layers.length]!), multipliers: c.constraints.map(() => undefined), node: caseNodes[ci]!, anchor: caseNodes[ci]!, share: 1 / env.problem.cases.length, depth: 0 };
    this.stopped ??= env.stop();
    if (this.stopped) {
      frontier.push(root, 0);
      return frontier;
    }
    const found = this.visit(root, c, ci, this.rootBounds(c), frontier);
    return found ?? (frontier.size > 0 ? frontier : undefined);
  }

  /** Lowest bound first over one case's subdomains; a result only if a counterexample was found. */
  private searchCase(ci: number, frontier: Frontier<Subdomain>): SearchResult | undefined {
    const { env } = this;
    const { tree, events } = env;
    const c = env.problem.cases[ci]!;
    const root = this.rootBounds(c);
    this.schedule.startCase(this.stats.nodes);
    while (frontier.size > 0) {
      this.stopped ??= env.stop();
      if (this.stopped) {
        for (const d of frontier) {
          tree.decide(d.node, d.anchor, Fate.stopped, events.next, d.share);
          this.openLeaves++;
        }
        return undefined;
      }
      // More falsification now and then, from new random starts: a third of these benchmarks are violated.
      if (this.options.attack && this.stats.nodes > 0 && this.stats.nodes % ATTACK_EVERY === 0) {
        const found = attackTargeted(env, this.descent, c, ci, this.caseNodes[ci]!, 1, CORNER_STEPS, false, this.reached(ci, false));
        if (found) return this.violated(this.caseNodes[ci]!, this.caseNodes[ci]!, found);
      }
      const found = this.visit(frontier.pop()!, c, ci, root, frontier);
      if (found) return found;
    }
    return undefined;
  }

  /** Bounds one subdomain and closes, falsifies or splits it. */
  private visit(d: Subdomain, c: Case, ci: number, root: NetworkBounds, frontier: Frontier<Subdomain>): SearchResult | undefined {
    const { env, stats, net, bounder } = this;
    const { tree, events } = env;
    env.spend(1);
    stats.nodes++;
    stats.boundComputations++;
    if (d.depth > stats.maxDepth) stats.maxDepth = d.depth;
    events.push(Ev.open, d.node, d.depth);
    // The root's bounds (or those an ancestor refined) hold on the subdomain, and the phases narrow
    // them; the split constraints reach the other layers through the multipliers β of the bound.
    const bounds = d.narrowings ? boundsUnderRanges(net, root, d.narrowings, c.lo, c.hi) : boundsUnderPhases(net, d.bounds ?? root, d.phases);
    // A leaf whose ReLUs are all decided: DeepPoly over the fixed phases is exact layer by layer.
    if (d.exhausted) stats.boundComputations += this.deepPoly.refine(bounds, c.lo, c.hi) > 0 ? 1 : 0;
    else if (d.pending !== undefined && d.depth % REFINE_EVERY === 0) {
      stats.boundComputations += this.deepPoly.refine(bounds, c.lo, c.hi, this.halt, 0, d.pending + 1) > 0 ? 1 : 0;
      d = { ...d, bounds, pending: undefined };
    }
    env.details.fromBounds(d.node, net, bounds, d.phases);
    // The box is the case's in every subdomain (only phases split): recorded for the node's details.
    env.details.box(d.node, c.lo, c.hi);
    // Some split neuron's phase contradicts its sound bounds: no input of the box is in this subdomain.
    if (empty(bounds)) return this.close(d, net, bounds, Infinity);
    let best = -Infinity;
    let bestK = 0;
    const multipliers = d.multipliers.map((m) => m ?? freshMultipliers(net, bounds));
    const values: number[] = [];
    const coeffs = this.coeffs[ci]!;
    const steps = !this.options.attack ? 0 : d.depth === 0 ? CORNER_STEPS : this.schedule.due(stats.nodes) ? SUBDOMAIN_STEPS : 0;
    for (let k = 0; k < c.constraints.length; k++) {
      const con = c.constraints[k]!;
      const slack = this.constraintBound(d, bounds, c, con, multipliers[k]!, coeffs[k]!) - con.rhsHi;
      values.push(slack);
      if (slack > best) {
        best = slack;
        bestK = k;
      }
      if (slack > 0 || (con.strict && slack >= 0)) return this.close(d, net, bounds, slack);
      // The corner that minimised this constraint's bound: a real point of the box, worth checking.
      const x = this.splittable ? bounder.corner(c.lo, c.hi, this.corner) : corner(coeffs[k]!, c, this.corner);
      const v = this.falsifier.violation(x, c);
      if (v <= 0) {
        const found = env.check(ci, x);
        events.push(Ev.candidate, d.node, found ? 1 : 0, 0, v);
        if (found) return this.violated(d.node, d.anchor, found);
      }
      // The corner is the relaxation's guess at the worst input: descend from it (the root's, then now and then a subdomain's).
      if (steps > 0) {
        const found = attackFrom(env, this.descent, c, ci, d.node, x, steps, this.reached(ci, d.depth > 0));
        if (found) return this.violated(d.node, d.anchor, found);
      }
      // At the root, also from DeepPoly's corner (the slopes before α was optimised): a different
      // guess, and the only start from which mnist-net_256x6 prop_3_0.05 was found.
      if (steps > 0 && d.depth === 0 && this.splittable) {
        this.back.lowerBound(bounds, c.lo, c.hi, con.coeffs, this.corner);
        const found = attackFrom(env, this.descent, c, ci, d.node, corner(this.corner, c, this.corner), steps, this.reached(ci, false));
        if (found) return this.violated(d.node, d.anchor, found);
      }
    }
    if (c.constraints.length > 1) {
      // No constraint fails everywhere alone; a nonnegative combination of them may (closing.ts).
      const lambda = combine(c, coeffs, values, c.lo, c.hi, this.lambda);
      if (lambda) {
        const slack = combinedSlack((k) => bounder.lowerBound(bounds, c.lo, c.hi, d.phases, k, freshMultipliers(net, bounds), ITERATIONS, Infinity), bounds, net, c, lambda);
        if (slack > 0) return this.close(d, net, bounds, slack);
      }
    }
    if (c.constraints.length === 0) best = -Infinity;
    tree.setBound(d.node, best);
    events.push(Ev.bounds, d.node, countUndecided(net, bounds), 0, best);
    const con = c.constraints[bestK];
    if (!this.splittable && con) return this.splitRange(d, bounds, c, con, best, c.constraints.length > 1, frontier);
    const pick = con ? chooseNeuron(this.options.branching, net, this.back, bounds, c.lo, c.hi, d.phases, con.coeffs, multipliers[bestK]!) : undefined;
    if (!pick) {
      // Every ReLU is decided: the subdomain is linear, and with the best multipliers β the bound is
      // the exact minimum (LP duality). Ascend longer once; if it still does not close, no split is left.
      if (!d.exhausted && con && this.splittable) {
        frontier.push({ ...d, multipliers, exhausted: true }, best);
        return undefined;
      }
      this.openLeaves++;
      this.floorReached = true;
      tree.decide(d.node, d.anchor, Fate.stopped, events.next, d.share);
      events.push(Ev.close, d.node, Fate.stopped);
      return undefined;
    }
    this.split(d, pick, multipliers, best, frontier);
    env.report(stats.nodes, 'subdomains', `${(100 * tree.coveredOf(this.top)).toFixed(1)}% closed`);
    return undefined;
  }

  /** Tells the attack schedule what a descent on case `ci` reached (`inSearch`: from a subdomain below the root). */
  private reached(ci: number, inSearch: boolean): (best: number) => void {
    return (best) => this.schedule.observe(ci, best, this.stats.nodes, inSearch);
  }

  /**
   * A sound lower bound of the constraint's left side over the subdomain: α and β optimised with the
   * split history (ReLU networks), or the tangent points optimised (sigmoid and tanh networks, which
   * have no phases to split). `coeffs` receives the input function behind it.
   */
  private constraintBound(d: Subdomain, bounds: NetworkBounds, c: Case, con: Constraint, multipliers: SplitMultipliers, coeffs: Float64Array): number {
    if (!this.splittable) return this.tangents.lowerBound(bounds, c.lo, c.hi, con.coeffs, TANGENT_ROUNDS, coeffs, con.rhsHi);
    return this.bounder.lowerBound(bounds, c.lo, c.hi, d.phases, con.coeffs, multipliers, d.exhausted ? LEAF_ITERATIONS : d.depth === 0 ? ROOT_ITERATIONS : ITERATIONS, con.rhsHi, coeffs, this.halt);
  }

  /**
   * Splits the range of the sigmoid or tanh neuron that costs the constraint's bound most; with
   * `rebound`, the constraint is bounded again first so the coefficients are its own (the pass is
   * deterministic: the same bound). With nothing left to split, the subdomain stays open.
   */
  private splitRange(d: Subdomain, bounds: NetworkBounds, c: Case, con: Constraint, bound: number, rebound: boolean, frontier: Frontier<Subdomain>): undefined {
    const { tree, events } = this.env;
    const { tangents, net } = this;
    if (rebound) tangents.lowerBound(bounds, c.lo, c.hi, con.coeffs, TANGENT_ROUNDS);
    const pick = chooseRange(net, bounds, tangents.weights, tangents.points);
    if (!pick) {
      this.openLeaves++;
      this.floorReached = true;
      tree.decide(d.node, d.anchor, Fate.stopped, events.next, d.share);
      events.push(Ev.close, d.node, Fate.stopped);
      return undefined;
    }
    const variable = this.nonlinearOffsets[pick.layer]! + pick.neuron;
    this.stats.splits++;
    tree.decide(d.node, d.anchor, Fate.split, events.next, 0);
    events.push(Ev.split, d.node, variable, NodeKind.range, pick.at);
    splitNarrowings(d.narrowings ?? [], bounds, pick).forEach((narrowings, side) => {
      const share = d.share / 2;
      const node = tree.add(d.node, NodeKind.range, variable, side, pick.at, share, events.next);
      frontier.push({ ...d, narrowings, node, anchor: node >= 0 ? node : d.anchor, share, depth: d.depth + 1 }, bound);
    });
    this.env.report(this.stats.nodes, 'subdomains', `${(100 * tree.coveredOf(this.top)).toFixed(1)}% closed`);
    return undefined;
  }

  /** Closes a subdomain whose bound (slack) shows the unsafe region empty in it. */
  private close(d: Subdomain, net: Network, bounds: NetworkBounds, slack: number): undefined {
    const { tree, events } = this.env;
    tree.setBound(d.node, slack);
    events.push(Ev.bounds, d.node, countUndecided(net, bounds), 0, slack);
    this.stats.verifiedLeaves++;
    tree.decide(d.node, d.anchor, Fate.verified, events.next, d.share);
    events.push(Ev.close, d.node, Fate.verified);
    return undefined;
  }

  /** Two children, one per phase of the chosen ReLU, waiting in the frontier with the parent's bound as priority. */
  private split(d: Subdomain, pick: { layer: number; neuron: number }, multipliers: SplitMultipliers[], bound: number, frontier: Frontier<Subdomain>): void {
    const { tree, events } = this.env;
    const global = this.offsets[pick.layer]! + pick.neuron;
    const variable = this.nonlinearOffsets[pick.layer]! + pick.neuron;
    this.stats.splits++;
    tree.decide(d.node, d.anchor, Fate.split, events.next, 0);
    events.push(Ev.split, d.node, variable, NodeKind.relu, 0);
    const keep = frontier.size < FRONTIER_WITH_MULTIPLIERS;
    // Without its ancestor's refined bounds a child starts from the root's, where every layer may narrow.
    const bounds = keep ? d.bounds : undefined;
    const pending = !keep && d.bounds ? 0 : Math.min(d.pending ?? Infinity, pick.layer);
    for (const side of [0, 1]) {
      const phases = d.phases.slice();
      phases[global] = side === 1 ? 1 : -1;
      const share = d.share / 2;
      const node = tree.add(d.node, NodeKind.relu, variable, side, 0, share, events.next);
      const warm = !keep ? multipliers.map(() => undefined) : side === 1 ? multipliers : multipliers.map(copyMultipliers);
      frontier.push({ phases, multipliers: warm, node, anchor: node >= 0 ? node : d.anchor, share, depth: d.depth + 1, bounds, pending }, bound);
    }
  }
}

/** Whether some neuron's bounds cross (lower above upper): the subdomain has no point. */
function empty(bounds: NetworkBounds): boolean {
  return bounds.lo.some((lo, k) => lo.some((l, i) => l > bounds.hi[k]![i]!));
}

/** The box's corner that minimises the linear function of the inputs with these coefficients. */
function corner(coeffs: Float64Array, box: Case, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = coeffs[i]! >= 0 ? box.lo[i]! : box.hi[i]!;
  return out;
}

function sameBox(a: { lo: Float64Array; hi: Float64Array }, c: Case): boolean {
  if (a.lo.length !== c.lo.length) return false;
  for (let i = 0; i < a.lo.length; i++) if (a.lo[i] !== c.lo[i] || a.hi[i] !== c.hi[i]) return false;
  return true;
}

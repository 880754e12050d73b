import { SlopeOptimiser } from '../bounds/alphaCrown.ts';
import { BackSubstitution, type PassTrace } from '../bounds/backSubstitution.ts';
import { DeepPoly } from '../bounds/deeppoly.ts';
import { intervalBounds, type NetworkBounds } from '../bounds/networkBounds.ts';
import { SymbolicPropagator } from '../bounds/symbolic.ts';
import type { Network } from '../model/network.ts';
import type { Case, Constraint } from '../model/problem.ts';
import { Ev } from '../trace/events.ts';
import { Fate, NodeKind } from '../trace/tree.ts';
import { addNormalised, relaxationScores } from './branching.ts';
import { closes, closesFromParent, combine, combinedSlack, countUndecided, outputLowerBound, type Judgement } from './closing.ts';
import type { SearchEnv, SearchResult } from './env.ts';
import { attack, Falsifier } from './falsification.ts';
import { Frontier } from './frontier.ts';
import { SplitSearch } from './splitSearch.ts';
import { IntervalGradient } from './gradient.ts';
import { SearchReleased, type Leaf, type WorkSharing } from './parallel/leaf.ts';

/**
 * Branch and bound over the input domain (the "modern" strategy: ReluVal/Neurify-style input
 * splitting with DeepPoly/CROWN bounds and α-CROWN's optimised slopes, as α,β-CROWN does for ACAS
 * Xu). A box is closed when a sound lower bound shows some constraint of the unsafe region failing
 * everywhere in it; otherwise concrete points are tried (and a short descent inside the box) and
 * the box is bisected along the input that most affects the bound (interval-gradient "smear" and
 * relaxation error, branching.ts). Open boxes wait in a priority queue, the one
 * whose sample came nearest to a counterexample first, ties broken by creation order: the result and
 * the tree are a function of (problem, options, seed) and the step budget.
 */
export interface InputSplitOptions {
  bounds: 'symbolic' | 'interval';
  /** Run projected gradient descent for a counterexample before splitting. */
  attack: boolean;
  /** Random starting points for the attack. */
  restarts: number;
  maxDepth: number;
}

interface Domain {
  /** The case of the unsafe region the box belongs to. */
  ci: number;
  lo: Float64Array;
  hi: Float64Array;
  parent: NetworkBounds | undefined;
  node: number;
  anchor: number;
  share: number;
  depth: number;
  /** The parent needed DeepPoly refinement to be judged. */
  refine: boolean;
  /** The violation at the box's centre, computed when the box was made (its priority). */
  centreViolation: number;
  /** The constraint bounded first: the one that came nearest to closing the parent. */
  first: number;
}

/**
 * Boxes bounded before the first round of the attack during the search; each later round waits
 * twice as long (on a long search that holds, rounds every 1,000 boxes took 6% of the time).
 */
const FIRST_ATTACK = 1000;

/** Descent steps tried inside every box that is not closed. */
const LOCAL_STEPS = 4;

/** Rounds of slope optimisation (α-CROWN) for a box the fixed slopes leave open. */
const SLOPE_ROUNDS = 2;

/** Open boxes that keep their parent's bounds (each costs a few kilobytes for ACAS Xu). */
const FRONTIER_WITH_BOUNDS = 20_000;

/** The smallest width worth splitting, relative to the case's width in that dimension. */
const MIN_RELATIVE_WIDTH = 2 ** -40;

/** The options the engine runs input splitting with (the bounds are the strategy's). */
export const inputSplitOptions = (bounds: InputSplitOptions['bounds'], attack: boolean): InputSplitOptions => ({ bounds, attack, restarts: 32, maxDepth: 400 });

export function searchInputSplitting(env: SearchEnv, options: InputSplitOptions): SearchResult {
  return new InputSplitting(env, options).run();
}

/** A box's bounds and what they showed. */
interface Bounded {
  bounds: NetworkBounds;
  verdict: Judgement;
  /** DeepPoly refined the bounds (the children then refine straight away). */
  refined: boolean;
}

/** The search's state across cases: the bound propagators, the falsifier, the tree's bookkeeping. */
export class InputSplitting extends SplitSearch {
  private readonly net: Network;
  private readonly symbolic: SymbolicPropagator;
  private readonly back: BackSubstitution;
  private readonly slopes: SlopeOptimiser;
  private readonly falsifier: Falsifier;
  private readonly gradient: IntervalGradient;
  private readonly smear: Float64Array;
  private readonly relaxationError: Float64Array;
  private readonly trace: PassTrace;
  private readonly deepPoly: DeepPoly;
  private readonly lambda: Float64Array;
  /** Per case and constraint: the input coefficients of the linear function its bound minimised. */
  private readonly coeffs: Float64Array[][];
  /** Per case: the width of its box in each input (the floor of splitting is relative to it). */
  private readonly rootWidths: Float64Array[];
  /** The node count at which the attack runs again. */
  private nextAttack = FIRST_ATTACK;

  constructor(
    env: SearchEnv,
    private readonly options: InputSplitOptions,
  ) {
    super(env);
    const { problem } = env;
    const net = (this.net = problem.network);
    this.symbolic = new SymbolicPropagator(net);
    this.back = new BackSubstitution(net);
    this.slopes = new SlopeOptimiser(net, this.back);
    this.falsifier = new Falsifier(net);
    this.gradient = new IntervalGradient(net);
    this.smear = new Float64Array(net.inputSize);
    this.relaxationError = new Float64Array(net.inputSize);
    this.trace = { weight: net.layers.map((l) => new Float64Array(l.outSize)) };
    this.deepPoly = new DeepPoly(net, this.back);
    this.lambda = new Float64Array(Math.max(1, ...problem.cases.map((c) => c.constraints.length)));
    this.coeffs = problem.cases.map((c) => c.constraints.map(() => new Float64Array(net.inputSize)));
    this.rootWidths = problem.cases.map((c) => Float64Array.from(c.hi, (h, i) => h - c.lo[i]!));
  }

  run(): SearchResult {
    const { options, env } = this;
    if (options.attack) {
      const found = this.falsifyAll(options.restarts, true);
      if (found) return found;
    }
    for (let ci = 0; ci < env.problem.cases.length && !this.stopped; ci++) {
      const found = this.searchCase(ci);
      if (found) return found;
    }
    return this.settle();
  }

  /** The attack on every case in turn. */
  private falsifyAll(restarts: number, fromCentre: boolean): SearchResult | undefined {
    const { env, caseNodes } = this;
    for (let ci = 0; ci < env.problem.cases.length; ci++) {
      const found = attack(env, this.falsifier, env.problem.cases[ci]!, ci, caseNodes[ci]!, restarts, fromCentre);
      if (found) return this.violated(caseNodes[ci]!, caseNodes[ci]!, found);
    }
    return undefined;
  }

  /**
   * A worker's part of a parallel search (parallel/pool.ts): the open boxes it was given, best
   * first, handing half of its open boxes to the pool whenever an idle worker wants work. The
   * result is this worker's so far: `holds` means every box it was given closed.
   */
  searchLeaves(leaves: Leaf[], sharing: WorkSharing, attackFirst: boolean): SearchResult {
    const { env, options, caseNodes, falsifier } = this;
    if (sharing.released()) throw new SearchReleased();
    if (attackFirst && options.attack) {
      const found = this.falsifyAll(options.restarts, true);
      if (found) return found;
    }
    const frontier = new Frontier<Domain>();
    for (const l of leaves) {
      const c = env.problem.cases[l.caseIndex]!;
      const node = env.tree.add(caseNodes[l.caseIndex]!, NodeKind.input, -1, 0, 0, l.share, env.events.next);
      const centreViolation = Number.isNaN(l.centreViolation) ? falsifier.violation(Float64Array.from(l.lo, (x, i) => x + (l.hi[i]! - x) / 2), c) : l.centreViolation;
      const { caseIndex: ci, lo, hi, depth, share, refine, parent, first } = l;
      frontier.push({ ci, lo, hi, parent, node, anchor: node >= 0 ? node : caseNodes[ci]!, share, depth, refine, centreViolation, first }, centreViolation);
    }
    return this.searchFrontier(frontier, sharing) ?? this.settle();
  }

  /** Best first over one case's boxes; a result only if a counterexample was found. */
  private searchCase(ci: number): SearchResult | undefined {
    const { env, falsifier, caseNodes } = this;
    const cases = env.problem.cases.length;
    const c = env.problem.cases[ci]!;
    const caseNode = caseNodes[ci]!;
    // Best first: the open box whose sample points came nearest to a counterexample is bounded next.
    const frontier = new Frontier<Domain>();
    const caseCentre = Float64Array.from(c.lo, (l, i) => l + (c.hi[i]! - l) / 2);
    frontier.push({ ci, lo: c.lo.slice(), hi: c.hi.slice(), parent: undefined, node: caseNode, anchor: caseNode, share: 1 / cases, depth: 0, refine: false, centreViolation: falsifier.violation(caseCentre, c), first: 0 }, 0);
    const found = this.searchFrontier(frontier);
    if (this.stopped) {
      for (let rest = ci + 1; rest < cases; rest++) {
        env.tree.decide(caseNodes[rest]!, caseNodes[rest]!, Fate.stopped, env.events.next, 1 / cases);
        this.openLeaves++;
      }
    }
    return found;
  }

  /**
   * Best first over open boxes until none is left, the budget ends or a counterexample is found
   * (the only result). With `sharing`, an idle worker of a pool takes every second open box.
   */
  private searchFrontier(frontier: Frontier<Domain>, sharing?: WorkSharing): SearchResult | undefined {
    const { env, options, stats } = this;
    const { tree, events } = env;
    const cases = env.problem.cases.length;
    while (frontier.size > 0) {
      if (sharing?.released()) throw new SearchReleased();
      this.stopped = env.stop();
      if (this.stopped) {
        for (const d of frontier) {
          tree.decide(d.node, d.anchor, Fate.stopped, events.next, d.share);
          this.openLeaves++;
        }
        return undefined;
      }
      // More falsification now and then: cheap next to bounding, and it is what finds small unsafe regions.
      if (options.attack && stats.nodes >= this.nextAttack) {
        this.nextAttack *= 2;
        const found = this.falsifyAll(Math.max(8, Math.ceil(options.restarts / cases)), false);
        if (found) return found;
      }
      // A request waits (its flag stays raised) until there are two open boxes to share: answering
      // it with none made the coordinator raise it again at once, a message per box.
      if (frontier.size >= 2 && sharing?.wanted()) sharing.give(frontier.takeHalf().map((d) => this.toLeaf(d)));
      const d = frontier.pop()!;
      const found = this.visit(d, env.problem.cases[d.ci]!, d.ci, this.rootWidths[d.ci]!, frontier);
      if (found) return found;
    }
    return undefined;
  }

  /** An open box handed to another worker, with its parent's bounds: its node here stays open (the thief's tree carries on). */
  private toLeaf(d: Domain): Leaf {
    return { caseIndex: d.ci, lo: d.lo, hi: d.hi, depth: d.depth, share: d.share, refine: d.refine, centreViolation: d.centreViolation, parent: d.parent, first: d.first };
  }

  /** Bounds one box and closes, falsifies or bisects it. */
  private visit(d: Domain, c: Case, ci: number, rootWidth: Float64Array, frontier: Frontier<Domain>): SearchResult | undefined {
    const { env, stats } = this;
    const { tree, events } = env;
    env.spend(1);
    stats.nodes++;
    stats.boundComputations++;
    if (d.depth > stats.maxDepth) stats.maxDepth = d.depth;
    events.push(Ev.open, d.node, d.depth);
    const { bounds, verdict, refined } = this.bound(d, c, ci);
    let best = verdict.best;
    if (c.constraints.length === 0) best = -Infinity;
    tree.setBound(d.node, best);
    events.push(Ev.bounds, d.node, countUndecided(this.net, bounds), 0, best);
    if (verdict.closed) {
      stats.verifiedLeaves++;
      tree.decide(d.node, d.anchor, Fate.verified, events.next, d.share);
      events.push(Ev.close, d.node, Fate.verified);
      return undefined;
    }
    const found = this.tryPoints(d, c, ci, verdict.bestK);
    if (found) return found;
    const dim = this.chooseDimension(d, c, bounds, verdict.bestK, rootWidth);
    if (dim < 0 || d.depth >= this.options.maxDepth) {
      this.openLeaves++;
      this.floorReached = true;
      tree.decide(d.node, d.anchor, Fate.stopped, events.next, d.share);
      events.push(Ev.close, d.node, Fate.stopped);
      return undefined;
    }
    this.bisect(d, c, dim, bounds, refined, verdict, frontier);
    env.report(stats.nodes, 'boxes', `${(100 * tree.coveredOf(this.top)).toFixed(1)}% covered`);
    return undefined;
  }

  /**
   * The box's bounds, and whether some constraint of the unsafe region fails everywhere in it:
   * first with the cheap bounds, then with DeepPoly-refined ones and ReLU slopes chosen per
   * constraint (α-CROWN, which starts from the fixed slopes), then with a Lagrangian combination of
   * them. (When the parent needed refining, the child almost always does: refine straight away.)
   */
  private bound(d: Domain, c: Case, ci: number): Bounded {
    const { options, net, slopes, stats, env } = this;
    const symbolicBounds = options.bounds === 'symbolic';
    const bounds = symbolicBounds ? this.symbolic.run(d.lo, d.hi, d.parent) : intervalBounds(net, d.lo, d.hi, d.parent);
    env.details.fromBounds(d.node, net, bounds);
    env.details.box(d.node, d.lo, d.hi);
    const coeffs = this.coeffs[ci]!;
    const lower = (k: Constraint, out: Float64Array, rounds: number) =>
      !symbolicBounds ? outputLowerBound(net, bounds, k) : slopes.lowerBound(bounds, d.lo, d.hi, k.coeffs, rounds, out, k.rhsHi);
    const judge = (rounds: number) => closes(c, (k, out) => lower(k, out, rounds), coeffs, d.first);
    let refined = false;
    const refine = () => {
      refined = true;
      stats.boundComputations += this.deepPoly.refine(bounds, d.lo, d.hi) > 0 ? 1 : 0;
    };
    if (d.refine && symbolicBounds) refine();
    let verdict = judge(refined ? SLOPE_ROUNDS : 0);
    if (!verdict.closed && symbolicBounds) {
      if (!refined) {
        refine();
        verdict = judge(SLOPE_ROUNDS);
      }
      if (!verdict.closed && c.constraints.length > 1) {
        const combined = combine(c, coeffs, verdict.values, d.lo, d.hi, this.lambda);
        if (combined) {
          const slack = combinedSlack((k) => slopes.lowerBound(bounds, d.lo, d.hi, k, SLOPE_ROUNDS), bounds, net, c, combined);
          if (slack > verdict.best) verdict.best = slack;
          if (slack > 0) verdict.closed = true;
        }
      }
    }
    return { bounds, verdict, refined };
  }

  /** Concrete points: the centre, then descent from the box vertex that minimises the bound's linear function. */
  private tryPoints(d: Domain, c: Case, ci: number, bestK: number): SearchResult | undefined {
    const { env, options } = this;
    const n0 = this.net.inputSize;
    const vertex = new Float64Array(n0);
    const centre = new Float64Array(n0);
    const a = options.bounds === 'symbolic' && c.constraints.length > 0 ? this.coeffs[ci]![bestK]! : undefined;
    for (let i = 0; i < n0; i++) {
      centre[i] = d.lo[i]! + (d.hi[i]! - d.lo[i]!) / 2;
      vertex[i] = a ? (a[i]! > 0 ? d.lo[i]! : a[i]! < 0 ? d.hi[i]! : centre[i]!) : centre[i]!;
    }
    let violation = Infinity;
    let found: ReturnType<SearchEnv['check']>;
    if (a) {
      const v = d.centreViolation;
      if (v < violation) violation = v;
      if (v <= 0) {
        found = env.check(ci, centre);
        if (found) {
          env.events.push(Ev.candidate, d.node, 1, 0, v);
          return this.violated(d.node, d.anchor, found);
        }
      }
    }
    // A few descent steps inside the box from the better point: as boxes shrink around a small
    // unsafe region, this is what lands in it.
    const local = this.falsifier.descend({ lo: d.lo, hi: d.hi, constraints: c.constraints }, vertex, LOCAL_STEPS, (x) => {
      found = env.check(ci, x);
      return found !== undefined;
    });
    violation = Math.min(violation, local.best);
    env.events.push(Ev.candidate, d.node, found ? 1 : 0, 0, violation);
    return found ? this.violated(d.node, d.anchor, found) : undefined;
  }

  /**
   * The input to bisect, for the nearest-to-closed constraint: the one that can move it most
   * (ReluVal's smear), and with symbolic bounds also the one accounting for most of its relaxation
   * error (branching.ts); each estimate is normalised to sum 1 and the two are added. −1 when every
   * input is too narrow to split.
   */
  private chooseDimension(d: Domain, c: Case, bounds: NetworkBounds, bestK: number, rootWidth: Float64Array): number {
    const { smear, net } = this;
    const n0 = net.inputSize;
    if (c.constraints.length > 0) this.gradient.magnitude(bounds, c.constraints[bestK]!.coeffs, smear);
    else smear.fill(1);
    for (let i = 0; i < n0; i++) smear[i] = smear[i]! * (d.hi[i]! - d.lo[i]!);
    if (this.options.bounds === 'symbolic' && c.constraints.length > 0) {
      this.back.lowerBound(bounds, d.lo, d.hi, c.constraints[bestK]!.coeffs, undefined, this.trace);
      if (relaxationScores(net, bounds, this.trace.weight, this.symbolic.sensitivity, d.lo, d.hi, this.relaxationError)) addNormalised(smear, this.relaxationError);
    }
    let dim = -1;
    let score = -1;
    for (let i = 0; i < n0; i++) {
      const width = d.hi[i]! - d.lo[i]!;
      if (!(width > rootWidth[i]! * MIN_RELATIVE_WIDTH)) continue;
      const s = smear[i]!;
      if (s > score) {
        score = s;
        dim = i;
      }
    }
    return dim;
  }

  /**
   * Splits the box in two along `dim`; a half that its parent's bounds already close (closing.ts)
   * is closed at once, the others wait in the frontier.
   */
  private bisect(d: Domain, c: Case, dim: number, bounds: NetworkBounds, refined: boolean, verdict: Judgement, frontier: Frontier<Domain>): void {
    const { tree, events } = this.env;
    const n0 = this.net.inputSize;
    const centre = new Float64Array(n0);
    const mid = d.lo[dim]! + (d.hi[dim]! - d.lo[dim]!) / 2;
    this.stats.splits++;
    // The constraints' input coefficients are the back-substituted bounds' (interval bounds have none).
    const inherits = this.options.bounds === 'symbolic';
    tree.decide(d.node, d.anchor, Fate.split, events.next, 0);
    events.push(Ev.split, d.node, dim, NodeKind.input, mid);
    for (const side of [0, 1]) {
      const lo = d.lo.slice();
      const hi = d.hi.slice();
      if (side === 0) hi[dim] = mid;
      else lo[dim] = mid;
      const share = d.share / 2;
      const node = tree.add(d.node, NodeKind.input, dim, side, mid, share, events.next);
      const inherited = inherits ? closesFromParent(c, verdict, this.coeffs[d.ci]!, dim, d.lo[dim]!, mid, d.hi[dim]!, side === 1) : undefined;
      if (inherited !== undefined) {
        this.closeFromParent({ ci: d.ci, lo, hi, parent: bounds, node, anchor: node >= 0 ? node : d.anchor, share, depth: d.depth + 1, refine: refined, centreViolation: NaN, first: verdict.bestK }, inherited);
        continue;
      }
      // Priority: how close the half's centre comes to a counterexample.
      for (let i = 0; i < n0; i++) centre[i] = lo[i]! + (hi[i]! - lo[i]!) / 2;
      const priority = this.falsifier.violation(centre, c);
      // Keeping each open box's parent bounds tightens its children; past a limit, memory wins.
      const parent = frontier.size < FRONTIER_WITH_BOUNDS ? bounds : undefined;
      frontier.push({ ci: d.ci, lo, hi, parent, node, anchor: node >= 0 ? node : d.anchor, share, depth: d.depth + 1, refine: refined, centreViolation: priority, first: verdict.bestK }, priority);
    }
  }

  /**
   * A half closed on its parent's bounds (`slack`: the closing constraint's inherited margin): a
   * verified leaf that no bound was computed for. Its details are its box and its parent's phases.
   */
  private closeFromParent(d: Domain, slack: number): void {
    const { tree, events, details } = this.env;
    const { node, depth, parent } = d;
    this.stats.verifiedLeaves++;
    if (depth > this.stats.maxDepth) this.stats.maxDepth = depth;
    events.push(Ev.open, node, depth);
    if (parent) {
      details.fromBounds(node, this.net, parent);
      events.push(Ev.bounds, node, countUndecided(this.net, parent), 0, slack);
    }
    details.box(node, d.lo, d.hi);
    tree.setBound(node, slack);
    tree.decide(node, d.anchor, Fate.verified, events.next, d.share);
    events.push(Ev.close, node, Fate.verified);
  }
}

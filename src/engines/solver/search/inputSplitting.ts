import { SlopeOptimiser } from '../bounds/alphaCrown.ts';
import { BackSubstitution, type PassTrace } from '../bounds/backSubstitution.ts';
import { intervalBounds, type NetworkBounds } from '../bounds/networkBounds.ts';
import { addNormalised, relaxationScores } from './branching.ts';
import { DeepPoly } from '../bounds/deeppoly.ts';
import { Ev } from '../trace/events.ts';
import { Falsifier } from './falsification.ts';
import { Frontier } from './frontier.ts';
import { IntervalGradient } from './gradient.ts';
import type { Network } from '../model/network.ts';
import type { Case, Constraint } from '../model/problem.ts';
import { activationRange } from '../bounds/relaxation.ts';
import { dotError } from '../bounds/rounding.ts';
import { emptyStats, type SearchEnv, type SearchResult } from './env.ts';
import { SymbolicPropagator } from '../bounds/symbolic.ts';
import { Fate, NodeKind } from '../trace/tree.ts';

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
}

/** Descent steps per starting point of the attack, and boxes between rounds of it. */
const ATTACK_STEPS = 100;
const ATTACK_SAMPLES = 32;
const ATTACK_EVERY = 1000;

/** Descent steps tried inside every box that is not closed. */
const LOCAL_STEPS = 4;

/** Rounds of slope optimisation (α-CROWN) for a box the fixed slopes leave open. */
const SLOPE_ROUNDS = 2;

/** Open boxes that keep their parent's bounds (each costs a few kilobytes for ACAS Xu). */
const FRONTIER_WITH_BOUNDS = 20_000;

/** The smallest width worth splitting, relative to the case's width in that dimension. */
const MIN_RELATIVE_WIDTH = 2 ** -40;

export function searchInputSplitting(env: SearchEnv, options: InputSplitOptions): SearchResult {
  const { problem, tree, events, details } = env;
  const net = problem.network;
  const stats = emptyStats();
  const symbolic = new SymbolicPropagator(net);
  const back = new BackSubstitution(net);
  const slopes = new SlopeOptimiser(net, back);
  const falsifier = new Falsifier(net);
  const gradient = new IntervalGradient(net);
  const smear = new Float64Array(net.inputSize);
  const relaxationError = new Float64Array(net.inputSize);
  const trace: PassTrace = { weight: net.layers.map((l) => new Float64Array(l.outSize)) };
  const deepPoly = new DeepPoly(net, back);
  const lambda = new Float64Array(Math.max(1, ...problem.cases.map((c) => c.constraints.length)));
  const n0 = net.inputSize;
  const coeffs = problem.cases.map((c) => c.constraints.map(() => new Float64Array(n0)));
  const cases = problem.cases.length;
  const root = cases > 1 ? tree.add(-1, NodeKind.root, -1, 0, 0, 1, events.next) : -1;
  if (root >= 0) tree.decide(root, root, Fate.split, events.next, 0);
  let openLeaves = 0;
  let stopped: SearchResult['stopped'];
  /** Set when some box could not be split further (too small, or too deep). */
  let floorReached = false;

  // Every case gets its node first (so the tree lists them in order), and falsification looks at
  // all of them before the search settles into the first: a counterexample may be in any case.
  const caseNodes = problem.cases.map((_, ci) => tree.add(root, NodeKind.case, ci, 0, 0, 1 / cases, events.next));
  /** The node whose coverage is the whole search's: the root, or the only case. */
  const top = root >= 0 ? root : caseNodes[0]!;
  const falsifyAll = (restarts: number, fromCentre: boolean): SearchResult | undefined => {
    for (let ci = 0; ci < cases; ci++) {
      const found = attack(env, falsifier, problem.cases[ci]!, ci, caseNodes[ci]!, restarts, fromCentre);
      if (found) {
        tree.decide(caseNodes[ci]!, caseNodes[ci]!, Fate.counterexample, events.next, 0);
        events.push(Ev.close, caseNodes[ci]!, Fate.counterexample);
        return { verdict: 'violated', counterexample: found, stats: finishStats(stats, tree, top, openLeaves) };
      }
    }
    return undefined;
  };
  if (options.attack) {
    const found = falsifyAll(options.restarts, true);
    if (found) return found;
  }

  for (let ci = 0; ci < cases && !stopped; ci++) {
    const c = problem.cases[ci]!;
    const caseShare = 1 / cases;
    const caseNode = caseNodes[ci]!;
    const rootWidth = Float64Array.from(c.hi, (h, i) => h - c.lo[i]!);
    // Best first: the open box whose sample points came nearest to a counterexample is bounded next.
    const frontier = new Frontier<Domain>();
    const caseCentre = Float64Array.from(c.lo, (l, i) => l + (c.hi[i]! - l) / 2);
    frontier.push({ lo: c.lo.slice(), hi: c.hi.slice(), parent: undefined, node: caseNode, anchor: caseNode, share: caseShare, depth: 0, refine: false, centreViolation: falsifier.violation(caseCentre, c) }, 0);
    while (frontier.size > 0) {
      stopped = env.stop();
      if (stopped) {
        for (const d of frontier) {
          tree.decide(d.node, d.anchor, Fate.stopped, events.next, d.share);
          openLeaves++;
        }
        for (let rest = ci + 1; rest < cases; rest++) {
          tree.decide(caseNodes[rest]!, caseNodes[rest]!, Fate.stopped, events.next, 1 / cases);
          openLeaves++;
        }
        break;
      }
      // More falsification now and then: cheap next to bounding, and it is what finds small unsafe regions.
      if (options.attack && stats.nodes > 0 && stats.nodes % ATTACK_EVERY === 0) {
        const found = falsifyAll(Math.max(8, Math.ceil(options.restarts / cases)), false);
        if (found) return found;
      }
      const d = frontier.pop()!;
      env.spend(1);
      stats.nodes++;
      stats.boundComputations++;
      if (d.depth > stats.maxDepth) stats.maxDepth = d.depth;
      events.push(Ev.open, d.node, d.depth);
      const bounds = options.bounds === 'symbolic' ? symbolic.run(d.lo, d.hi, d.parent) : intervalBounds(net, d.lo, d.hi, d.parent);
      details.fromBounds(d.node, net, bounds);
      details.box(d.node, d.lo, d.hi);

      // Close the box if some constraint of the unsafe region fails everywhere in it: first with the
      // cheap bounds, then with DeepPoly-refined ones and ReLU slopes chosen per constraint (α-CROWN,
      // which starts from the fixed slopes), then with a Lagrangian combination of them.
      // (When the parent needed refining, the child almost always does: refine straight away.)
      const lower = (k: Constraint, out: Float64Array, rounds: number) =>
        options.bounds !== 'symbolic' ? outputLowerBound(net, bounds, k) : slopes.lowerBound(bounds, d.lo, d.hi, k.coeffs, rounds, out, k.rhsHi);
      const judge = (rounds: number) => closes(c, (k, out) => lower(k, out, rounds), coeffs[ci]!);
      let refined = false;
      const refine = () => {
        refined = true;
        stats.boundComputations += deepPoly.refine(bounds, d.lo, d.hi) > 0 ? 1 : 0;
      };
      if (d.refine && options.bounds === 'symbolic') refine();
      let verdict = judge(refined ? SLOPE_ROUNDS : 0);
      if (!verdict.closed && options.bounds === 'symbolic') {
        if (!refined) {
          refine();
          verdict = judge(SLOPE_ROUNDS);
        }
        if (!verdict.closed && c.constraints.length > 1) {
          const combined = combine(c, coeffs[ci]!, verdict.values, d.lo, d.hi, lambda);
          if (combined) {
            const slack = combinedSlack((k) => slopes.lowerBound(bounds, d.lo, d.hi, k, SLOPE_ROUNDS), bounds, net, c, combined);
            if (slack > verdict.best) verdict.best = slack;
            if (slack > 0) verdict.closed = true;
          }
        }
      }
      let best = verdict.best;
      const bestK = verdict.bestK;
      const closed = verdict.closed;
      if (c.constraints.length === 0) best = -Infinity;
      tree.setBound(d.node, best);
      events.push(Ev.bounds, d.node, countUndecided(net, bounds), 0, best);
      if (closed) {
        stats.verifiedLeaves++;
        tree.decide(d.node, d.anchor, Fate.verified, events.next, d.share);
        events.push(Ev.close, d.node, Fate.verified);
        continue;
      }

      // Try concrete points: the centre, then descent from the box vertex that minimises the bound's linear function.
      const vertex = new Float64Array(n0);
      const centre = new Float64Array(n0);
      const a = options.bounds === 'symbolic' && c.constraints.length > 0 ? coeffs[ci]![bestK]! : undefined;
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
            events.push(Ev.candidate, d.node, 1, 0, v);
            tree.decide(d.node, d.anchor, Fate.counterexample, events.next, 0);
            events.push(Ev.close, d.node, Fate.counterexample);
            return { verdict: 'violated', counterexample: found, stats: finishStats(stats, tree, top, openLeaves) };
          }
        }
      }
      // A few descent steps inside the box from the better point: as boxes shrink around a small
      // unsafe region, this is what lands in it.
      const local = falsifier.descend({ lo: d.lo, hi: d.hi, constraints: c.constraints }, vertex, LOCAL_STEPS, (x) => {
        found = env.check(ci, x);
        return found !== undefined;
      });
      violation = Math.min(violation, local.best);
      events.push(Ev.candidate, d.node, found ? 1 : 0, 0, violation);
      if (found) {
        tree.decide(d.node, d.anchor, Fate.counterexample, events.next, 0);
        events.push(Ev.close, d.node, Fate.counterexample);
        return { verdict: 'violated', counterexample: found, stats: finishStats(stats, tree, top, openLeaves) };
      }

      // Bisect the input that matters most to the nearest-to-closed constraint: the one that can move
      // it most (ReluVal's smear), and with symbolic bounds also the one accounting for most of its
      // relaxation error (branching.ts); each estimate is normalised to sum 1 and the two are added.
      if (c.constraints.length > 0) gradient.magnitude(bounds, c.constraints[bestK]!.coeffs, smear);
      else smear.fill(1);
      for (let i = 0; i < n0; i++) smear[i] = smear[i]! * (d.hi[i]! - d.lo[i]!);
      if (options.bounds === 'symbolic' && c.constraints.length > 0) {
        back.lowerBound(bounds, d.lo, d.hi, c.constraints[bestK]!.coeffs, undefined, trace);
        if (relaxationScores(net, bounds, trace.weight, symbolic.sensitivity, d.lo, d.hi, relaxationError)) addNormalised(smear, relaxationError);
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
      if (dim < 0 || d.depth >= options.maxDepth) {
        openLeaves++;
        floorReached = true;
        tree.decide(d.node, d.anchor, Fate.stopped, events.next, d.share);
        events.push(Ev.close, d.node, Fate.stopped);
        continue;
      }
      const mid = d.lo[dim]! + (d.hi[dim]! - d.lo[dim]!) / 2;
      stats.splits++;
      tree.decide(d.node, d.anchor, Fate.split, events.next, 0);
      events.push(Ev.split, d.node, dim, NodeKind.input, mid);
      const halves = [0, 1];
      for (const side of halves) {
        const lo = d.lo.slice();
        const hi = d.hi.slice();
        if (side === 0) hi[dim] = mid;
        else lo[dim] = mid;
        // Priority: how close the half's centre comes to a counterexample.
        for (let i = 0; i < n0; i++) centre[i] = lo[i]! + (hi[i]! - lo[i]!) / 2;
        const priority = falsifier.violation(centre, c);
        const share = d.share / 2;
        const node = tree.add(d.node, NodeKind.input, dim, side, mid, share, events.next);
        // Keeping each open box's parent bounds tightens its children; past a limit, memory wins.
        const parent = frontier.size < FRONTIER_WITH_BOUNDS ? bounds : undefined;
        frontier.push({ lo, hi, parent, node, anchor: node >= 0 ? node : d.anchor, share, depth: d.depth + 1, refine: refined, centreViolation: priority }, priority);
      }
      env.report(stats.nodes, 'boxes', `${(100 * tree.coveredOf(top)).toFixed(1)}% covered`);
    }
  }
  const result: SearchResult = { verdict: openLeaves === 0 && !stopped ? 'holds' : 'unknown', stats: finishStats(stats, tree, top, openLeaves) };
  if (stopped ?? floorReached) result.stopped = stopped ?? 'precision';
  return result;
}

function attack(env: SearchEnv, falsifier: Falsifier, c: Case, ci: number, node: number, restarts: number, fromCentre = true) {
  const n = c.lo.length;
  let best = Infinity;
  let accepted: ReturnType<SearchEnv['check']>;
  const start = new Float64Array(n);
  const sample = new Float64Array(n);
  for (let r = 0; r < restarts && !accepted; r++) {
    // Start from the best of a few random points: unsafe regions can be scattered pockets that
    // sampling hits more often than descent from one point reaches.
    let startValue = Infinity;
    for (let s = 0; s < ATTACK_SAMPLES && !accepted; s++) {
      for (let i = 0; i < n; i++) sample[i] = r === 0 && s === 0 && fromCentre ? c.lo[i]! + (c.hi[i]! - c.lo[i]!) / 2 : c.lo[i]! + env.random() * (c.hi[i]! - c.lo[i]!);
      const v = falsifier.violation(sample, c);
      if (v <= 0) accepted = env.check(ci, sample);
      if (v < startValue) {
        startValue = v;
        start.set(sample);
      }
    }
    if (accepted) break;
    const out = falsifier.descend(c, start, ATTACK_STEPS, (x) => {
      accepted = env.check(ci, x);
      return accepted !== undefined;
    });
    best = Math.min(best, out.best);
    env.spend(1);
  }
  env.events.push(Ev.attack, node, restarts, accepted ? 1 : 0, best);
  return accepted;
}

/** Lower bound of coeffs·y from the output intervals alone (interval strategy). */
function outputLowerBound(net: SearchEnv['problem']['network'], bounds: NetworkBounds, k: Constraint): number {
  const last = net.layers.length - 1;
  const activation = net.layers[last]!.activation;
  let v = 0;
  let abs = 0;
  for (let j = 0; j < net.outputSize; j++) {
    const a = k.coeffs[j]!;
    if (a === 0) continue;
    const [lo, hi] = activationRange(activation, bounds.lo[last]![j]!, bounds.hi[last]![j]!);
    const t = a > 0 ? a * lo : a * hi;
    v += t;
    abs += Math.abs(t);
  }
  return v - dotError(net.outputSize, abs);
}

function countUndecided(net: SearchEnv['problem']['network'], bounds: NetworkBounds): number {
  let n = 0;
  net.layers.forEach((layer, k) => {
    if (layer.activation !== 'relu') return;
    for (let i = 0; i < layer.outSize; i++) if (bounds.lo[k]![i]! < 0 && bounds.hi[k]![i]! > 0) n++;
  });
  return n;
}

function finishStats(stats: SearchResult['stats'], tree: SearchEnv['tree'], top: number, openLeaves: number): SearchResult['stats'] {
  stats.openLeaves = openLeaves;
  stats.covered = top >= 0 ? tree.coveredOf(top) : 0;
  return stats;
}

interface Judgement {
  closed: boolean;
  best: number;
  bestK: number;
  /** Each constraint's lower bound of coeffs·y − rhsHi. */
  values: number[];
}

/** Bounds every constraint; the box closes when one of them is shown to fail everywhere. */
function closes(c: Case, lower: (k: Constraint, coeffsOut: Float64Array) => number, coeffs: Float64Array[]): Judgement {
  const j: Judgement = { closed: false, best: -Infinity, bestK: 0, values: [] };
  c.constraints.forEach((k, index) => {
    if (j.closed) return;
    const slack = lower(k, coeffs[index]!) - k.rhsHi;
    j.values.push(slack);
    if (slack > j.best) {
      j.best = slack;
      j.bestK = index;
    }
    if (slack > 0 || (k.strict && slack >= 0)) j.closed = true;
  });
  return j;
}

/**
 * A nonnegative combination λ of the constraints whose sum fails everywhere proves the conjunction
 * empty even when no single constraint does (the Lagrangian dual of "all constraints hold").
 * λ is found by projected supergradient ascent on the linear bounds already computed; it is only a
 * guess, which combinedSlack then checks soundly.
 */
function combine(c: Case, coeffs: Float64Array[], values: number[], lo: Float64Array, hi: Float64Array, lambda: Float64Array): Float64Array | undefined {
  const m = c.constraints.length;
  if (values.length < m) return undefined;
  const n = lo.length;
  // ℓ_k(x) = a_k·x + b_k − rhs_k, with b_k recovered from the minimum the bound reported.
  const offsets = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let min = 0;
    for (let i = 0; i < n; i++) min += coeffs[k]![i]! >= 0 ? coeffs[k]![i]! * lo[i]! : coeffs[k]![i]! * hi[i]!;
    offsets[k] = values[k]! - min;
  }
  lambda.fill(1 / m, 0, m);
  const a = new Float64Array(n);
  const x = new Float64Array(n);
  let bestValue = -Infinity;
  const best = new Float64Array(m);
  for (let t = 0; t < 60; t++) {
    a.fill(0);
    let b = 0;
    for (let k = 0; k < m; k++) {
      b += lambda[k]! * offsets[k]!;
      for (let i = 0; i < n; i++) a[i] = a[i]! + lambda[k]! * coeffs[k]![i]!;
    }
    let value = b;
    for (let i = 0; i < n; i++) {
      x[i] = a[i]! >= 0 ? lo[i]! : hi[i]!;
      value += a[i]! * x[i]!;
    }
    if (value > bestValue) {
      bestValue = value;
      best.set(lambda.subarray(0, m));
    }
    // Supergradient: each constraint's bound at the minimiser; step, then project onto the simplex.
    const step = 0.5 / (1 + t);
    let sum = 0;
    for (let k = 0; k < m; k++) {
      let g = offsets[k]!;
      for (let i = 0; i < n; i++) g += coeffs[k]![i]! * x[i]!;
      lambda[k] = Math.max(0, lambda[k]! + step * g / (1 + Math.abs(g)));
      sum += lambda[k]!;
    }
    if (sum === 0) lambda.fill(1 / m, 0, m);
    else for (let k = 0; k < m; k++) lambda[k] = lambda[k]! / sum;
  }
  return bestValue > 0 ? best : undefined;
}

/**
 * A sound lower bound of Σ λ_k (coeffs_k·y − rhs_k). The combined coefficients are computed in
 * floating point; their rounding error times the largest |y_j| is subtracted, as is the rounding
 * of Σ λ_k rhs_k, so a positive result proves some constraint fails everywhere in the box.
 * `lower` gives a sound lower bound of a linear function of the outputs over the box.
 */
function combinedSlack(lower: (coeffs: Float64Array) => number, bounds: NetworkBounds, net: Network, c: Case, lambda: Float64Array): number {
  const outputs = net.outputSize;
  const coeffs = new Float64Array(outputs);
  const last = net.layers.length - 1;
  let coefficientError = 0;
  for (let j = 0; j < outputs; j++) {
    let v = 0;
    let abs = 0;
    c.constraints.forEach((k, index) => {
      v += lambda[index]! * k.coeffs[j]!;
      abs += Math.abs(lambda[index]! * k.coeffs[j]!);
    });
    coeffs[j] = v;
    const [yLo, yHi] = activationRange(net.layers[last]!.activation, bounds.lo[last]![j]!, bounds.hi[last]![j]!);
    coefficientError += dotError(c.constraints.length, abs) * Math.max(Math.abs(yLo), Math.abs(yHi));
  }
  let rhs = 0;
  let rhsAbs = 0;
  c.constraints.forEach((k, index) => {
    rhs += lambda[index]! * k.rhsHi;
    rhsAbs += Math.abs(lambda[index]! * k.rhsHi);
  });
  const rhsUp = rhs + dotError(c.constraints.length, rhsAbs);
  return lower(coeffs) - coefficientError - rhsUp - dotError(3, coefficientError + Math.abs(rhsUp));
}

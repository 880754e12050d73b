import { DeepPoly } from '../bounds/deeppoly.ts';
import { layerOffsets } from '../bounds/networkBounds.ts';
import { SymbolicPropagator } from '../bounds/symbolic.ts';
import type { VariableTable } from '../result.ts';
import { emptyStats, type SearchEnv, type SearchResult, type StopReason } from '../search/env.ts';
import { attack, Falsifier } from '../search/falsification.ts';
import { Ev } from '../trace/events.ts';
import { Fate, NodeKind } from '../trace/tree.ts';
import { Reluplex, type ReluplexShared } from './reluplex.ts';
import { reluSplit, widestUnfixed, type Frame } from './split.ts';

/**
 * Reluplex (Katz, Barrett, Dill, Julian, Kochenderfer, CAV 2017): the simplex method over the
 * network's linear equations, extended with ReLU pairs that it treats lazily. The simplex keeps
 * every basic variable within its bounds by pivoting (rules Pivot₁, Pivot₂, Update); a ReLU pair
 * (b, f) whose assignment breaks f = max(0, b) is repaired by updating b or f, pivoting one of them
 * out of the basis first if needed (Update_b, Update_f, PivotForRelu); a pair repaired more than
 * `splitThreshold` times triggers a split (ReluSplit) of the most balanced undecided ReLU of the
 * earliest layer (Marabou's polarity rule; the paper split the broken pair itself): one branch
 * fixes it active (b ≥ 0, f = b), the other inactive (b ≤ 0, f = 0). Bound tightening runs at every node. A node is closed when its
 * bounds cross, or when the simplex is stuck (Failure) and the Farkas certificate of the rows that
 * show it checks out; an assignment that satisfies everything (ReluSuccess) is re-evaluated on the
 * network. Pivots are chosen as a phase-1 simplex does (the largest reduction of the total bound
 * violation, with a long-step ratio test; Bland's rule while degenerate), which is one way to apply
 * the paper's Pivot rules, on a revised simplex (revised.ts).
 *
 * Sigmoid and tanh pairs are handled by the same loop with a piecewise-linear over-approximation:
 * f lies in [φ(lo_b), φ(hi_b)] and in a band between two parallel lines (encoding.ts), and a pair
 * that keeps breaking is split on its range (b ≤ m, b ≥ m), which narrows both. An assignment of the
 * approximation that is no counterexample of the real network is counted as spurious, and refined.
 */
export interface ReluplexOptions {
  splitThreshold: number;
  tightening: 'interval' | 'symbolic';
  /**
   * Falsification first (falsification.ts), on each case before its simplex: a counterexample it
   * finds is certified like one of the calculus. Marabou runs a local search for one (SoI) for the
   * same reason: the calculus alone finds a violation only by reaching its leaf.
   */
  attack: boolean;
}

/** Starting points of the attack on each case (each the best of a few random samples, then descended). */
const ATTACK_RESTARTS = 8;

/** What the search has found so far, across the cases. */
interface Progress {
  openLeaves: number;
  stopped: StopReason | undefined;
  /** Why a leaf was left open although the budget was not spent (spurious, precision). */
  floor: StopReason | undefined;
  variables: VariableTable | undefined;
}

/** The search over all cases of the property: one Reluplex configuration per case, split depth-first. */
export function searchReluplex(env: SearchEnv, options: ReluplexOptions): SearchResult {
  const { problem, tree, events } = env;
  const net = problem.network;
  const stats = emptyStats();
  const cases = problem.cases.length;
  const root = cases > 1 ? tree.add(-1, NodeKind.root, -1, 0, 0, 1, events.next) : -1;
  if (root >= 0) tree.decide(root, root, Fate.split, events.next, 0);
  let top = root;
  const symbolic = options.tightening === 'symbolic' ? new SymbolicPropagator(net) : undefined;
  const rootBounds = symbolic ?? new SymbolicPropagator(net);
  const shared: ReluplexShared = { env, splitThreshold: options.splitThreshold, stats, symbolic, deepPoly: new DeepPoly(net), falsifier: new Falsifier(net), offsets: layerOffsets(net) };
  const found: Progress = { openLeaves: 0, stopped: undefined, floor: undefined, variables: undefined };

  for (let ci = 0; ci < cases && !found.stopped; ci++) {
    const caseNode = tree.add(root, NodeKind.case, ci, 0, 0, 1 / cases, events.next);
    if (top < 0) top = caseNode;
    // Sound bounds for the whole case start every variable's range, and pick the sigmoid/tanh
    // bands' slopes: every node's range of b then lies inside the one the slope was chosen for.
    const c = problem.cases[ci]!;
    const attacked = options.attack ? attack(env, shared.falsifier, c, ci, caseNode, ATTACK_RESTARTS) : undefined;
    if (attacked) {
      tree.decide(caseNode, caseNode, Fate.counterexample, events.next, 0);
      events.push(Ev.close, caseNode, Fate.counterexample);
      return finish({ verdict: 'violated', counterexample: attacked, stats }, tree, top, found);
    }
    const reluplex = new Reluplex(shared, c, rootBounds.run(c.lo, c.hi));
    if (!found.variables || reluplex.enc.count > found.variables.role.length) found.variables = reluplex.enc.table;
    const counterexample = searchCase(shared, reluplex, ci, caseNode, 1 / cases, found);
    if (counterexample) return finish({ verdict: 'violated', counterexample, stats }, tree, top, found);
  }
  const verdict = found.openLeaves === 0 && !found.stopped ? 'holds' : 'unknown';
  const result: SearchResult = { verdict, stats };
  if (found.stopped ?? found.floor) result.stopped = found.stopped ?? found.floor;
  return finish(result, tree, top, found);
}

/** Depth-first over one case's split frames; returns a checked counterexample if one is found. */
function searchCase(shared: ReluplexShared, reluplex: Reluplex, ci: number, caseNode: number, caseShare: number, found: Progress): SearchResult['counterexample'] {
  const { env, stats } = shared;
  const { tree, events } = env;
  const { lo, hi, fixed, enc } = reluplex;
  const stack: Frame[] = [{ lo: lo.slice(), hi: hi.slice(), fixed: fixed.slice(), node: caseNode, anchor: caseNode, share: caseShare, depth: 0 }];
  while (stack.length > 0) {
    found.stopped = env.stop();
    if (found.stopped) {
      for (const f of stack) {
        tree.decide(f.node, f.anchor, Fate.stopped, events.next, f.share);
        found.openLeaves++;
      }
      break;
    }
    const frame = stack.pop()!;
    lo.set(frame.lo);
    hi.set(frame.hi);
    fixed.set(frame.fixed);
    stats.nodes++;
    if (frame.depth > stats.maxDepth) stats.maxDepth = frame.depth;
    events.push(Ev.open, frame.node, frame.depth);
    const close = (fate: (typeof Fate)[keyof typeof Fate], share: number) => {
      tree.decide(frame.node, frame.anchor, fate, events.next, share);
      events.push(Ev.close, frame.node, fate);
    };
    const feasible = reluplex.tighten(frame.node);
    stats.boundComputations++;
    reluplex.recordDetails(frame.node);
    if (!feasible) {
      stats.verifiedLeaves++;
      close(Fate.verified, frame.share);
      continue;
    }
    const outcome = reluplex.solve(frame.node);
    let splitOn = -1;
    switch (outcome.kind) {
      case 'infeasible':
        stats.infeasibleLeaves++;
        tree.setBound(frame.node, outcome.margin);
        close(Fate.infeasible, frame.share);
        continue;
      case 'stopped':
        stack.push(frame);
        continue;
      case 'uncertain':
        stats.rejectedCertificates++;
        splitOn = widestUnfixed(enc, lo, hi, fixed);
        break;
      case 'split':
        splitOn = outcome.pair;
        break;
      case 'sat': {
        const checked = reluplex.success(frame.node, ci);
        if (checked) {
          close(Fate.counterexample, 0);
          return checked;
        }
        stats.spurious++;
        splitOn = widestUnfixed(enc, lo, hi, fixed);
        if (splitOn < 0) {
          found.openLeaves++;
          found.floor = 'spurious';
          close(Fate.spurious, 0);
          continue;
        }
        break;
      }
    }
    if (splitOn < 0 || !reluSplit(env, enc, frame, splitOn, lo, hi, reluplex.tableau.value, stack, stats)) {
      found.openLeaves++;
      found.floor ??= 'precision';
      close(Fate.stopped, 0);
    } else {
      close(Fate.split, 0);
    }
    env.report(stats.nodes, 'nodes', `depth ${stats.maxDepth}, ${stats.pivots.toLocaleString('en-US')} pivots`);
  }
  return undefined;
}

function finish(result: SearchResult, tree: SearchEnv['tree'], top: number, found: Progress): SearchResult {
  result.stats.openLeaves = found.openLeaves;
  result.stats.covered = tree.coveredOf(top);
  if (found.variables) result.variables = found.variables;
  return result;
}

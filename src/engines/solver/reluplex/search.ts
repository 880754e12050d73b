import { BackSubstitution } from '../bounds/backSubstitution.ts';
import { layerOffsets, type NetworkBounds, type Phases } from '../bounds/networkBounds.ts';
import { refineUndecided } from '../bounds/deeppoly.ts';
import { encode, Role, type Encoding } from './encoding.ts';
import { Ev } from '../trace/events.ts';
import { Falsifier } from '../search/falsification.ts';
import { FarkasChecker } from './farkas.ts';
import { activate } from '../model/network.ts';
import type { VariableTable } from '../result.ts';
import { emptyStats, type SearchEnv, type SearchResult, type StopReason } from '../search/env.ts';
import { SymbolicPropagator } from '../bounds/symbolic.ts';
import { Tableau } from './tableau.ts';
import { tighten } from './tightening.ts';
import { Fate, NodeKind } from '../trace/tree.ts';

/**
 * Reluplex (Katz, Barrett, Dill, Julian, Kochenderfer, CAV 2017): the simplex method over the
 * network's linear equations, extended with ReLU pairs that it treats lazily. The simplex keeps
 * every basic variable within its bounds by pivoting (rules Pivot₁, Pivot₂, Update); a ReLU pair
 * (b, f) whose assignment breaks f = max(0, b) is repaired by updating b or f, pivoting one of them
 * out of the basis first if needed (Update_b, Update_f, PivotForRelu); a pair repaired more than
 * `splitThreshold` times is split on (ReluSplit): one branch fixes it active (b ≥ 0, f = b), the
 * other inactive (b ≤ 0, f = 0). Bound tightening runs at every node. A node is closed when its
 * bounds cross, or when the simplex is stuck (Failure) and the Farkas certificate of the rows that
 * show it checks out; an assignment that satisfies everything (ReluSuccess) is re-evaluated on the
 * network. Pivots are chosen as a phase-1 simplex does (the largest reduction of the total bound
 * violation; Bland's rule while degenerate), which is one way to apply the paper's Pivot rules.
 *
 * Sigmoid and tanh pairs are handled by the same loop with a piecewise-linear over-approximation:
 * f lies in [φ(lo_b), φ(hi_b)] and in a band between two parallel lines (encoding.ts), and a pair
 * that keeps breaking is split on its range (b ≤ m, b ≥ m), which narrows both. An assignment of the
 * approximation that is no counterexample of the real network is counted as spurious, and refined.
 */
export interface ReluplexOptions {
  splitThreshold: number;
  tightening: 'interval' | 'symbolic';
}

/** Simplex tolerance: soundness never depends on it (certificates and re-evaluation do). */
const TOL = 1e-7;
/** How near f must be to φ(b) for a sigmoid/tanh pair to count as satisfied (then re-evaluated). */
const SIGMOID_TOL = 1e-3;
const REFACTOR_EVERY = 2000;
/** Pivot elements smaller than this, relative to their row's largest coefficient, are not used. */
const PIVOT_TOL = 1e-9;
/** Reduced costs below this are taken as zero. */
const REDUCED_TOL = 1e-9;

interface Frame {
  lo: Float64Array;
  hi: Float64Array;
  fixed: Int8Array;
  node: number;
  anchor: number;
  share: number;
  depth: number;
}

type Outcome =
  | { kind: 'infeasible'; margin: number }
  | { kind: 'uncertain'; margin: number }
  | { kind: 'split'; pair: number }
  | { kind: 'sat' }
  | { kind: 'stopped' };

const tol = (x: number) => TOL * (1 + Math.abs(x));

export function searchReluplex(env: SearchEnv, options: ReluplexOptions): SearchResult {
  const { problem, tree, events } = env;
  const net = problem.network;
  const stats = emptyStats();
  const cases = problem.cases.length;
  const root = cases > 1 ? tree.add(-1, NodeKind.root, -1, 0, 0, 1, events.next) : -1;
  if (root >= 0) tree.decide(root, root, Fate.split, events.next, 0);
  let top = root;
  let openLeaves = 0;
  let stopped: StopReason | undefined;
  let floor: StopReason | undefined;
  let variables: VariableTable | undefined;
  const symbolic = options.tightening === 'symbolic' ? new SymbolicPropagator(net) : undefined;
  const rootBounds = symbolic ?? new SymbolicPropagator(net);
  const back = new BackSubstitution(net);
  const scratch = new Float64Array(Math.max(...net.layers.map((l) => l.outSize)));
  const falsifier = new Falsifier(net);
  const offsets = layerOffsets(net);

  for (let ci = 0; ci < cases && !stopped; ci++) {
    const c = problem.cases[ci]!;
    const caseNode = tree.add(root, NodeKind.case, ci, 0, 0, 1 / cases, events.next);
    if (top < 0) top = caseNode;
    // Sound bounds for the whole case start every variable's range, and pick the sigmoid/tanh
    // bands' slopes: every node's range of b then lies inside the one the slope was chosen for.
    const caseBounds = rootBounds.run(c.lo, c.hi);
    const enc = encode(net, c, caseBounds);
    if (!variables || enc.count > variables.role.length) variables = enc.table;
    const tableau = new Tableau(enc);
    const farkas = new FarkasChecker(enc);
    const n = enc.count;
    const lo = new Float64Array(n).fill(-Infinity);
    const hi = new Float64Array(n).fill(Infinity);
    enc.inputs.forEach((v, i) => {
      lo[v] = c.lo[i]!;
      hi[v] = c.hi[i]!;
    });
    for (const p of enc.pairs) {
      if (p.kind === 'relu') {
        lo[p.f] = 0;
        lo[p.aux] = 0;
      }
    }
    enc.specs.forEach((s, k) => (hi[s] = c.constraints[k]!.rhsHi));
    for (let v = 0; v < n; v++) {
      if (enc.table.role[v] !== Role.b) continue;
      lo[v] = caseBounds.lo[enc.table.layer[v]!]![enc.table.index[v]!]!;
      hi[v] = caseBounds.hi[enc.table.layer[v]!]![enc.table.index[v]!]!;
    }
    const fixed = new Int8Array(enc.pairs.length);
    const repairs = new Int32Array(enc.pairs.length);
    const phases: Phases = new Int8Array(offsets[offsets.length - 1]!);
    let pivotsSinceRefactor = 0;

    const solver = {
      /** Moves every non-basic variable inside its bounds. */
      clamp() {
        for (let v = 0; v < n; v++) {
          if (tableau.isBasic(v)) continue;
          const x = tableau.value[v]!;
          const y = Math.min(hi[v]!, Math.max(lo[v]!, Number.isFinite(x) ? x : 0));
          if (y !== x) tableau.update(v, Number.isFinite(y) ? y : 0);
        }
      },
      pivotAndUpdate(node: number, r: number, entering: number, target: number, reason: number) {
        const leaving = tableau.basicOf[r]!;
        const a = tableau.t[r * n + entering]!;
        const theta = (target - tableau.value[leaving]!) / a;
        tableau.update(entering, tableau.value[entering]! + theta);
        tableau.pivot(r, entering);
        tableau.value[leaving] = target;
        stats.pivots++;
        env.spend(1);
        events.push(reason, node, leaving, entering, a);
        if (++pivotsSinceRefactor >= REFACTOR_EVERY) {
          pivotsSinceRefactor = 0;
          if (tableau.refactor()) events.push(Ev.refactor, node, tableau.m);
        }
      },
      update(node: number, v: number, x: number) {
        tableau.update(v, x);
        stats.updates++;
        env.spend(1);
        events.push(Ev.update, node, v, 0, x);
      },
    };

    /** The Reluplex loop at one node: simplex steps and lazy pair repairs until an outcome. */
    const solve = (node: number): Outcome => {
      repairs.fill(0);
      tableau.recompute();
      solver.clamp();
      for (;;) {
        if (env.stop()) return { kind: 'stopped' };
        const simplex = fixBounds(node);
        if (simplex) return simplex;
        // A broken pair (the smallest index): repair it, or split once it keeps breaking.
        const { value } = tableau;
        let broken = -1;
        for (let p = 0; p < enc.pairs.length; p++) {
          if (fixed[p] !== 0) continue;
          const pair = enc.pairs[p]!;
          const want = activate(pair.kind, value[pair.b]!);
          if (Math.abs(value[pair.f]! - want) > (pair.kind === 'relu' ? tol(want) : SIGMOID_TOL)) {
            broken = p;
            break;
          }
        }
        if (broken < 0) return { kind: 'sat' };
        const count = repairs[broken]! + 1;
        repairs[broken] = count;
        events.push(Ev.repair, node, enc.pairs[broken]!.neuron, count);
        if (count > options.splitThreshold) return { kind: 'split', pair: broken };
        if (!repair(node, broken)) return { kind: 'split', pair: broken };
      }
    };

    /**
     * Pivot₁/Pivot₂/Update until every basic variable is within its bounds: a phase-1 simplex that
     * minimises the total bound violation (Dantzig's rule, Bland's rule while degenerate). Returns
     * an outcome when it cannot: Failure (checked by its Farkas certificate) or a stop.
     */
    const sign = new Float64Array(tableau.m);
    const reduced = new Float64Array(n);
    const fixBounds = (node: number): Outcome | undefined => {
      const { value, basicOf, t, m } = tableau;
      let lastInfeasibility = Infinity;
      let stalled = 0;
      for (;;) {
        if (env.stop()) return { kind: 'stopped' };
        let infeasibility = 0;
        for (let r = 0; r < m; r++) {
          const x = basicOf[r]!;
          const below = lo[x]! - value[x]!;
          const above = value[x]! - hi[x]!;
          sign[r] = below > tol(lo[x]!) ? -1 : above > tol(hi[x]!) ? 1 : 0;
          if (sign[r] !== 0) infeasibility += sign[r]! < 0 ? below : above;
        }
        if (infeasibility === 0) return undefined;
        if (infeasibility < lastInfeasibility * (1 - 1e-12)) {
          lastInfeasibility = infeasibility;
          stalled = 0;
        } else stalled++;
        const bland = stalled > 20;
        // d_v = ∂(Σ sign·x_B)/∂x_v: the violation falls when v moves against d_v.
        reduced.fill(0);
        for (let r = 0; r < m; r++) {
          const w = sign[r]!;
          if (w === 0) continue;
          const base = r * n;
          for (let v = 0; v < n; v++) {
            const a = t[base + v]!;
            if (a !== 0) reduced[v] = reduced[v]! + w * a;
          }
        }
        let entering = -1;
        let best = 0;
        for (let v = 0; v < n; v++) {
          if (tableau.isBasic(v)) continue;
          const d = reduced[v]!;
          if (!((d < -REDUCED_TOL && value[v]! < hi[v]!) || (d > REDUCED_TOL && value[v]! > lo[v]!))) continue;
          if (bland) {
            entering = v;
            break;
          }
          if (Math.abs(d) > best) {
            best = Math.abs(d);
            entering = v;
          }
        }
        if (entering < 0) {
          // Failure: the violation cannot fall. The weighted rows are the certificate.
          const cert = farkas.check(tableau, sign, lo, hi);
          let worst = 0;
          for (let r = 1; r < m; r++) if (sign[r] !== 0 && (sign[worst] === 0 || basicOf[r]! < basicOf[worst]!)) worst = r;
          events.push(Ev.failure, node, basicOf[worst]!, cert.valid ? 1 : 0, cert.margin);
          return cert.valid ? { kind: 'infeasible', margin: cert.margin } : { kind: 'uncertain', margin: cert.margin };
        }
        // Ratio test: how far can the entering variable move before a basic one meets a bound?
        const dir = reduced[entering]! < 0 ? 1 : -1;
        let theta = dir > 0 ? hi[entering]! - value[entering]! : value[entering]! - lo[entering]!;
        let leaving = -1;
        let target = 0;
        let colMax = 0;
        for (let r = 0; r < m; r++) colMax = Math.max(colMax, Math.abs(t[r * n + entering]!));
        for (let r = 0; r < m; r++) {
          const a = t[r * n + entering]! * dir;
          if (Math.abs(a) <= PIVOT_TOL * colMax) continue;
          const x = basicOf[r]!;
          let limit = Infinity;
          let bound = 0;
          if (a > 0 && sign[r]! <= 0) {
            bound = sign[r]! < 0 ? lo[x]! : hi[x]!;
            limit = (bound - value[x]!) / a;
          } else if (a < 0 && sign[r]! >= 0) {
            bound = sign[r]! > 0 ? hi[x]! : lo[x]!;
            limit = (bound - value[x]!) / a;
          }
          if (limit < 0) limit = 0;
          if (limit < theta || (bland && limit === theta && leaving >= 0 && x < basicOf[leaving]!)) {
            theta = limit;
            leaving = r;
            target = bound;
          }
        }
        if (!Number.isFinite(theta)) return { kind: 'uncertain', margin: -Infinity };
        if (leaving < 0) solver.update(node, entering, value[entering]! + dir * theta);
        else solver.pivotAndUpdate(node, leaving, entering, target, Ev.pivot);
      }
    };

    /** Update_f, Update_b, or PivotForRelu followed by an update. False when none applies. */
    const repair = (node: number, p: number): boolean => {
      const pair = enc.pairs[p]!;
      const { value } = tableau;
      const fits = (v: number, x: number) => x >= lo[v]! - tol(lo[v]!) && x <= hi[v]! + tol(hi[v]!);
      const fTarget = activate(pair.kind, value[pair.b]!);
      const bTarget = pair.kind === 'relu' ? (value[pair.f]! > 0 ? value[pair.f]! : Math.min(value[pair.b]!, 0)) : undefined;
      for (let attempt = 0; attempt < 2; attempt++) {
        if (!tableau.isBasic(pair.f) && fits(pair.f, fTarget)) {
          solver.update(node, pair.f, fTarget);
          return true;
        }
        if (bTarget !== undefined && !tableau.isBasic(pair.b) && fits(pair.b, bTarget)) {
          solver.update(node, pair.b, bTarget);
          return true;
        }
        if (attempt === 1) return false;
        // PivotForRelu: bring f (or else b) out of the basis, then update it.
        const target = tableau.isBasic(pair.f) ? pair.f : pair.b;
        const r = tableau.rowOf[target]!;
        if (r < 0) return false;
        let entering = -1;
        for (let v = 0; v < n; v++) {
          const a = tableau.t[r * n + v]!;
          if (Math.abs(a) > 1e-6 && !tableau.isBasic(v) && v !== pair.b && v !== pair.f && lo[v]! < hi[v]!) {
            entering = v;
            break;
          }
        }
        if (entering < 0) return false;
        solver.pivotAndUpdate(node, r, entering, value[target]!, Ev.pivotRelu);
      }
      return false;
    };

    /** Tightens the node's bounds; returns false if they cross. Counts phases fixed by bounds. */
    const tightenNode = (node: number): boolean => {
      let result = tighten(enc, lo, hi);
      if (result.empty < 0 && symbolic) {
        const bounds = networkBounds(enc, lo, hi, net.layers.length);
        phases.fill(0);
        enc.pairs.forEach((p, i) => (phases[offsets[enc.table.layer[p.b]!]! + enc.table.index[p.b]!] = fixed[i]!));
        const boxLo = Float64Array.from(enc.inputs, (v) => lo[v]!);
        const boxHi = Float64Array.from(enc.inputs, (v) => hi[v]!);
        const sym = symbolic.run(boxLo, boxHi, bounds, phases);
        refineUndecided(net, back, sym, boxLo, boxHi, scratch);
        let moved = 0;
        for (let v = 0; v < n; v++) {
          if (enc.table.role[v] !== Role.b) continue;
          const k = enc.table.layer[v]!;
          const i = enc.table.index[v]!;
          if (sym.lo[k]![i]! > lo[v]!) {
            lo[v] = sym.lo[k]![i]!;
            moved++;
          }
          if (sym.hi[k]![i]! < hi[v]!) {
            hi[v] = sym.hi[k]![i]!;
            moved++;
          }
        }
        const again = tighten(enc, lo, hi);
        result = { changed: result.changed + moved + again.changed, empty: again.empty };
        for (let v = 0; v < n && result.empty < 0; v++) if (lo[v]! > hi[v]!) result.empty = v;
      }
      let byBounds = 0;
      enc.pairs.forEach((p, i) => {
        if (fixed[i] === 0 && p.kind === 'relu' && (lo[p.b]! >= 0 || hi[p.b]! <= 0)) byBounds++;
      });
      events.push(Ev.tighten, node, result.changed, byBounds);
      return result.empty < 0;
    };

    const stack: Frame[] = [{ lo: lo.slice(), hi: hi.slice(), fixed: fixed.slice(), node: caseNode, anchor: caseNode, share: 1 / cases, depth: 0 }];
    while (stack.length > 0) {
      stopped = env.stop();
      if (stopped) {
        for (const f of stack) {
          tree.decide(f.node, f.anchor, Fate.stopped, events.next, f.share);
          openLeaves++;
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
      const feasible = tightenNode(frame.node);
      stats.boundComputations++;
      recordDetails(env, enc, frame.node, lo, hi, fixed, offsets);
      if (!feasible) {
        stats.verifiedLeaves++;
        close(Fate.verified, frame.share);
        continue;
      }
      const outcome = solve(frame.node);
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
          const x = Float64Array.from(enc.inputs, (v, i) => Math.min(c.hi[i]!, Math.max(c.lo[i]!, tableau.value[v]!)));
          let checked = env.check(ci, x);
          // A vertex of the relaxation often sits on the unsafe region's boundary: nudge it inside.
          if (!checked)
            falsifier.descend(c, x, 30, (y) => {
              checked = env.check(ci, y);
              return checked !== undefined;
            });
          events.push(Ev.satisfied, frame.node, checked ? 1 : 0, 0, falsifier.violation(x, c));
          if (checked) {
            close(Fate.counterexample, 0);
            return finish({ verdict: 'violated', counterexample: checked, stats }, tree, top, openLeaves, variables);
          }
          stats.spurious++;
          splitOn = widestUnfixed(enc, lo, hi, fixed);
          if (splitOn < 0) {
            openLeaves++;
            floor = 'spurious';
            close(Fate.spurious, 0);
            continue;
          }
          break;
        }
      }
      if (splitOn < 0 || !split(env, enc, frame, splitOn, lo, hi, tableau.value, stack, stats)) {
        openLeaves++;
        floor ??= 'precision';
        close(Fate.stopped, 0);
      } else {
        close(Fate.split, 0);
      }
      env.report(stats.nodes, 'nodes', `depth ${stats.maxDepth}, ${stats.pivots.toLocaleString('en-US')} pivots`);
    }
  }
  const verdict = openLeaves === 0 && !stopped ? 'holds' : 'unknown';
  const result: SearchResult = { verdict, stats };
  if (stopped ?? floor) result.stopped = stopped ?? floor;
  return finish(result, tree, top, openLeaves, variables);
}

function finish(result: SearchResult, tree: SearchEnv['tree'], top: number, openLeaves: number, variables: VariableTable | undefined): SearchResult {
  result.stats.openLeaves = openLeaves;
  result.stats.covered = tree.coveredOf(top);
  if (variables) result.variables = variables;
  return result;
}

/** ReluSplit (or a range split for sigmoid/tanh): two child frames; false if the pair cannot be split. */
function split(env: SearchEnv, enc: Encoding, frame: Frame, p: number, lo: Float64Array, hi: Float64Array, value: Float64Array, stack: Frame[], stats: SearchResult['stats']): boolean {
  const { tree, events } = env;
  const pair = enc.pairs[p]!;
  const share = frame.share / 2;
  const children: { lo: Float64Array; hi: Float64Array; fixed: Int8Array; side: number; value: number }[] = [];
  if (pair.kind === 'relu') {
    if (frame.fixed[p] !== 0 || lo[pair.b]! >= 0 || hi[pair.b]! <= 0) return false;
    const active = { lo: lo.slice(), hi: hi.slice(), fixed: frame.fixed.slice(), side: 1, value: 0 };
    active.lo[pair.b] = 0;
    active.hi[pair.aux] = 0;
    active.fixed[p] = 1;
    const inactive = { lo: lo.slice(), hi: hi.slice(), fixed: frame.fixed.slice(), side: 0, value: 0 };
    inactive.hi[pair.b] = 0;
    inactive.hi[pair.f] = 0;
    inactive.fixed[p] = -1;
    // The phase the current assignment leans to is explored first (pushed last).
    if (value[pair.b]! >= 0) children.push(inactive, active);
    else children.push(active, inactive);
  } else {
    const l = lo[pair.b]!;
    const u = hi[pair.b]!;
    if (!(u - l > 1e-9 * (1 + Math.abs(l) + Math.abs(u)))) return false;
    const mid = l + (u - l) / 2;
    const below = { lo: lo.slice(), hi: hi.slice(), fixed: frame.fixed.slice(), side: 0, value: mid };
    below.hi[pair.b] = mid;
    const above = { lo: lo.slice(), hi: hi.slice(), fixed: frame.fixed.slice(), side: 1, value: mid };
    above.lo[pair.b] = mid;
    children.push(above, below);
  }
  stats.splits++;
  events.push(Ev.split, frame.node, pair.neuron, pair.kind === 'relu' ? NodeKind.relu : NodeKind.range, children[0]!.value);
  for (const child of children) {
    const node = tree.add(frame.node, pair.kind === 'relu' ? NodeKind.relu : NodeKind.range, pair.neuron, child.side, child.value, share, events.next);
    stack.push({ lo: child.lo, hi: child.hi, fixed: child.fixed, node, anchor: node >= 0 ? node : frame.anchor, share, depth: frame.depth + 1 });
  }
  return true;
}

/** The undecided pair with the widest pre-activation range (for sigmoid/tanh: the widest output gap). */
function widestUnfixed(enc: Encoding, lo: Float64Array, hi: Float64Array, fixed: Int8Array): number {
  let best = -1;
  let width = 0;
  enc.pairs.forEach((p, i) => {
    if (fixed[i] !== 0) return;
    if (p.kind === 'relu' && (lo[p.b]! >= 0 || hi[p.b]! <= 0)) return;
    const w = p.kind === 'relu' ? hi[p.b]! - lo[p.b]! : hi[p.f]! - lo[p.f]!;
    if (w > width) {
      width = w;
      best = i;
    }
  });
  return best;
}

/** The b variables' bounds as per-layer arrays (what the bound propagators read and narrow). */
function networkBounds(enc: Encoding, lo: Float64Array, hi: Float64Array, layers: number): NetworkBounds {
  const sizes = new Array<number>(layers).fill(0);
  for (let v = 0; v < enc.count; v++) if (enc.table.role[v] === Role.b) sizes[enc.table.layer[v]!] = Math.max(sizes[enc.table.layer[v]!]!, enc.table.index[v]! + 1);
  const out: NetworkBounds = { lo: sizes.map((s) => new Float64Array(s).fill(-Infinity)), hi: sizes.map((s) => new Float64Array(s).fill(Infinity)) };
  for (let v = 0; v < enc.count; v++) {
    if (enc.table.role[v] !== Role.b) continue;
    out.lo[enc.table.layer[v]!]![enc.table.index[v]!] = lo[v]!;
    out.hi[enc.table.layer[v]!]![enc.table.index[v]!] = hi[v]!;
  }
  return out;
}

function recordDetails(env: SearchEnv, enc: Encoding, node: number, lo: Float64Array, hi: Float64Array, fixed: Int8Array, offsets: number[]): void {
  if (node < 0 || node >= env.details.cap) return;
  const layers = offsets.length - 1;
  const bounds = networkBounds(enc, lo, hi, layers);
  const phases = new Int8Array(offsets[layers]!);
  enc.pairs.forEach((p, i) => (phases[offsets[enc.table.layer[p.b]!]! + enc.table.index[p.b]!] = fixed[i]!));
  env.details.fromBounds(node, env.problem.network, bounds, phases);
  env.details.box(node, Float64Array.from(enc.inputs, (v) => lo[v]!), Float64Array.from(enc.inputs, (v) => hi[v]!));
}

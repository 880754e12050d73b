import type { GraphNode, UipCut } from '../api.ts';
import { toDimacs } from './recorder.ts';
import type { Solver } from './solver.ts';

/**
 * The result of one conflict analysis and the scratch space it is built in, allocated once per
 * solver (every bound is the number of variables: a clause, the variables to unmark and the
 * minimisation's stack each hold a variable at most once), so learning allocates nothing.
 */
export class Learnt {
  /** The learnt clause is lits[0..size): lits[0] is the negated UIP, lits[1] a literal of the backjump level. */
  readonly lits: Int32Array;
  size = 0;
  lbd = 0;
  backjump = 0;
  /** Variables whose `seen` mark the analysis set and must clear. */
  readonly toClear: Int32Array;
  clearSize = 0;
  /** The depth-first stack of the redundancy test. */
  readonly stack: Int32Array;

  constructor(nVars: number) {
    this.lits = new Int32Array(nVars + 1);
    this.toClear = new Int32Array(nVars + 1);
    this.stack = new Int32Array(nVars + 1);
  }

  /** The clause as a plain array (for the trace and for tests). */
  clause(): number[] {
    return Array.from(this.lits.subarray(0, this.size));
  }
}

/**
 * Conflict analysis by resolution back along the trail up to the first unique implication point
 * (Marques-Silva & Sakallah, GRASP, 1996; Zhang et al., ICCAD'01): the clause learnt is the
 * cut of the implication graph just after the first UIP. Then MiniSat's recursive minimisation
 * (Sörensson & Biere, SAT'09) drops literals implied by the others. Fills and returns `s.learnt`.
 */
export function analyze(s: Solver, conflict: number): Learnt {
  const out = s.learnt;
  const resolved: number[] | null = s.rec.on ? [] : null;
  const uip = resolveToFirstUip(s, conflict, out, resolved);
  const beforeMinimise = s.rec.on ? out.clause() : null;
  out.clearSize = 0;
  for (let i = 1; i < out.size; i++) out.toClear[out.clearSize++] = out.lits[i]! >> 1;
  const before = out.size;
  if (s.options.minimise) minimise(s, out);
  for (let i = 0; i < out.clearSize; i++) s.seen[out.toClear[i]!] = 0;
  s.stats.minimisedLiterals += before - out.size;
  out.backjump = placeBackjumpLiteral(s, out);
  out.lbd = countLevels(s, out);
  if (beforeMinimise && resolved) {
    const lits = out.clause();
    const gone = new Set(lits);
    s.rec.push({
      kind: 'learn',
      clause: s.nextId,
      lits: lits.map(toDimacs),
      lbd: out.lbd,
      minimisedAway: beforeMinimise.filter((l) => !gone.has(l)).map(toDimacs),
      cut: describeCut(s, conflict, uip, resolved, beforeMinimise),
      backjumpTo: out.backjump,
    });
  }
  return out;
}

/**
 * Resolves the conflict clause with the reasons of the current level's literals, latest first,
 * until one literal of that level is left (the first UIP); bumps every variable met (EVSIDS).
 * Leaves the clause in `out` and the variables of its lower-level literals marked `seen`.
 * Returns the UIP; `resolved` (when recording) receives the literals resolved away.
 */
function resolveToFirstUip(s: Solver, conflict: number, out: Learnt, resolved: number[] | null): number {
  const { arena, seen, level, reason, trail, order } = s;
  const lits = out.lits;
  const dl = s.decisionLevel();
  let size = 1;
  let pathC = 0;
  let p = -1;
  let idx = s.trailSize - 1;
  let c = conflict;
  do {
    const n = arena.size(c);
    for (let j = p < 0 ? 0 : 1; j < n; j++) {
      const q = arena.lit(c, j);
      const v = q >> 1;
      if (seen[v] || level[v] === 0) continue;
      order.bump(v);
      seen[v] = 1;
      if (level[v]! >= dl) pathC++;
      else lits[size++] = q;
    }
    while (!seen[trail[idx--]! >> 1]);
    p = trail[idx + 1]!;
    c = reason[p >> 1]!;
    seen[p >> 1] = 0;
    pathC--;
    if (resolved && pathC > 0) resolved.push(p);
  } while (pathC > 0);
  lits[0] = p ^ 1;
  out.size = size;
  return p;
}

/** Moves a literal of the highest level below the conflict's to lits[1] (it is watched); returns that level. */
function placeBackjumpLiteral(s: Solver, out: Learnt): number {
  const { lits, size } = out;
  if (size < 2) return 0;
  let best = 1;
  for (let i = 2; i < size; i++) if (s.level[lits[i]! >> 1]! > s.level[lits[best]! >> 1]!) best = i;
  const l = lits[best]!;
  lits[best] = lits[1]!;
  lits[1] = l;
  return s.level[l >> 1]!;
}

/** Literal block distance (Glucose): the number of distinct decision levels in the clause. */
function countLevels(s: Solver, out: Learnt): number {
  const stamp = ++s.levelStamp;
  let n = 0;
  for (let i = 0; i < out.size; i++) {
    const d = s.level[out.lits[i]! >> 1]!;
    if (s.levelSeen[d] !== stamp) {
      s.levelSeen[d] = stamp;
      n++;
    }
  }
  return n;
}

/**
 * Drops each literal whose reason's literals are all (recursively) in the clause or at level 0.
 * `abstract` is a 32-bit signature of the clause's levels that prunes the search quickly.
 */
function minimise(s: Solver, out: Learnt): void {
  const { lits } = out;
  let abstract = 0;
  for (let i = 1; i < out.size; i++) abstract |= 1 << (s.level[lits[i]! >> 1]! & 31);
  let kept = 1;
  for (let i = 1; i < out.size; i++) {
    const l = lits[i]!;
    if (s.reason[l >> 1]! < 0 || !redundant(s, out, l, abstract)) lits[kept++] = l;
  }
  out.size = kept;
}

/** Whether `start` follows from the clause's other literals; marks what it proves on the way (undone on failure). */
function redundant(s: Solver, out: Learnt, start: number, abstract: number): boolean {
  const { arena, seen, level, reason } = s;
  const { stack, toClear } = out;
  let top = 0;
  stack[top++] = start;
  const mark = out.clearSize;
  while (top > 0) {
    const c = reason[stack[--top]! >> 1]!;
    const n = arena.size(c);
    for (let j = 1; j < n; j++) {
      const q = arena.lit(c, j);
      const v = q >> 1;
      if (seen[v] || level[v] === 0) continue;
      if (reason[v]! >= 0 && (abstract & (1 << (level[v]! & 31))) !== 0) {
        seen[v] = 1;
        stack[top++] = q;
        toClear[out.clearSize++] = v;
      } else {
        for (let k = mark; k < out.clearSize; k++) seen[toClear[k]!] = 0;
        out.clearSize = mark;
        return false;
      }
    }
  }
  return true;
}

/** The implication graph around the conflict, for the views: built only when recording. */
function describeCut(s: Solver, conflict: number, uip: number, resolved: number[], learnt: number[]): UipCut {
  const node = (trueLit: number): GraphNode => {
    const v = trueLit >> 1;
    const c = s.reason[v]!;
    const antecedents: number[] = [];
    if (c >= 0) for (let j = 1; j < s.arena.size(c); j++) antecedents.push(toDimacs(s.arena.lit(c, j) ^ 1));
    return { lit: toDimacs(trueLit), level: s.level[v]!, reason: c >= 0 ? s.arena.id(c) : null, antecedents };
  };
  const reasonSide = learnt.map((l) => l ^ 1);
  const graph = [...resolved, ...reasonSide].map(node);
  const conflictLits: number[] = [];
  for (let j = 0; j < s.arena.size(conflict); j++) conflictLits.push(toDimacs(s.arena.lit(conflict, j) ^ 1));
  return {
    uip: toDimacs(uip),
    conflictSide: resolved.map(toDimacs),
    reasonSide: reasonSide.map(toDimacs),
    graph,
    conflict: conflictLits,
  };
}

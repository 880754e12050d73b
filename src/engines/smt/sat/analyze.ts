import type { GraphNode, UipCut } from '../api.ts';
import { HEADER } from './arena.ts';
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
  /** The variables met while resolving, in the order they are bumped. */
  readonly bumped: Int32Array;
  /** What the loops below leave: the clause's size, the unmark list's size, the bumped count. */
  readonly counts = new Int32Array(3);

  constructor(nVars: number) {
    this.lits = new Int32Array(nVars + 1);
    this.toClear = new Int32Array(nVars + 1);
    this.stack = new Int32Array(nVars + 1);
    this.bumped = new Int32Array(nVars + 1);
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
  const { counts } = out;
  const resolved: number[] | null = s.rec.on ? [] : null;
  const data = s.arena.data;
  resolveToFirstUip(data, s.seen, s.level, s.reason, s.trail, s.trailSize, s.decisionLevel(), conflict, out.lits, out.bumped, counts, resolved);
  for (let i = 0; i < counts[BUMPED]!; i++) s.order.bump(out.bumped[i]!);
  const uip = out.lits[0]! ^ 1;
  out.size = counts[SIZE]!;
  const beforeMinimise = s.rec.on ? out.clause() : null;
  let clearSize = 0;
  for (let i = 1; i < out.size; i++) out.toClear[clearSize++] = out.lits[i]! >> 1;
  counts[CLEAR] = clearSize;
  const before = out.size;
  if (s.options.minimise) minimise(data, s.seen, s.level, s.reason, out.lits, out.stack, out.toClear, counts);
  out.size = counts[SIZE]!;
  out.clearSize = counts[CLEAR]!;
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

/** Indices into Learnt.counts. */
const SIZE = 0;
const CLEAR = 1;
const BUMPED = 2;

/*
 * The loops of resolution and minimisation are module functions over the solver's typed arrays
 * (the clause arena's words included: a clause c has size data[c] and literal j at
 * data[c + HEADER + j]), so their optimised code reads no object whose map could die between
 * solvers (see propagate.ts).
 */

/**
 * Resolves the conflict clause with the reasons of the current level's literals, latest first,
 * until one literal of that level is left (the first UIP). Leaves the clause in `lits` (lits[0]
 * the negated UIP, its size in counts[SIZE]), every variable met in `bumped` (EVSIDS bumps them,
 * counts[BUMPED] of them) and the variables of the lower-level literals marked `seen`.
 * `resolved` (when recording) receives the literals resolved away.
 */
function resolveToFirstUip(data: Int32Array, seen: Uint8Array, level: Int32Array, reason: Int32Array, trail: Int32Array, trailSize: number, dl: number, conflict: number, lits: Int32Array, bumped: Int32Array, counts: Int32Array, resolved: number[] | null): void {
  const header = HEADER; // read once: see propagate.ts
  let size = 1;
  let nBumped = 0;
  let pathC = 0;
  let p = -1;
  let idx = trailSize - 1;
  let c = conflict;
  do {
    const n = data[c]!;
    for (let j = p < 0 ? 0 : 1; j < n; j++) {
      const q = data[c + header + j]!;
      const v = q >> 1;
      if (seen[v] || level[v] === 0) continue;
      bumped[nBumped++] = v;
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
  counts[SIZE] = size;
  counts[BUMPED] = nBumped;
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
function minimise(data: Int32Array, seen: Uint8Array, level: Int32Array, reason: Int32Array, lits: Int32Array, stack: Int32Array, toClear: Int32Array, counts: Int32Array): void {
  const size = counts[SIZE]!;
  let abstract = 0;
  for (let i = 1; i < size; i++) abstract |= 1 << (level[lits[i]! >> 1]! & 31);
  let kept = 1;
  for (let i = 1; i < size; i++) {
    const l = lits[i]!;
    if (reason[l >> 1]! < 0 || !redundant(data, seen, level, reason, stack, toClear, counts, l, abstract)) lits[kept++] = l;
  }
  counts[SIZE] = kept;
}

/** Whether `start` follows from the clause's other literals; marks what it proves on the way (undone on failure). */
function redundant(data: Int32Array, seen: Uint8Array, level: Int32Array, reason: Int32Array, stack: Int32Array, toClear: Int32Array, counts: Int32Array, start: number, abstract: number): boolean {
  const header = HEADER; // read once: see propagate.ts
  let top = 0;
  stack[top++] = start;
  const mark = counts[CLEAR]!;
  let clearSize = mark;
  while (top > 0) {
    const c = reason[stack[--top]! >> 1]!;
    const n = data[c]!;
    for (let j = 1; j < n; j++) {
      const q = data[c + header + j]!;
      const v = q >> 1;
      if (seen[v] || level[v] === 0) continue;
      if (reason[v]! >= 0 && (abstract & (1 << (level[v]! & 31))) !== 0) {
        seen[v] = 1;
        stack[top++] = q;
        toClear[clearSize++] = v;
      } else {
        for (let k = mark; k < clearSize; k++) seen[toClear[k]!] = 0;
        return false;
      }
    }
  }
  counts[CLEAR] = clearSize;
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

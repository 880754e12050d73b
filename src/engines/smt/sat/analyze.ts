import type { GraphNode, UipCut } from '../api.ts';
import { toDimacs } from './recorder.ts';
import type { Solver } from './solver.ts';

export interface Learnt {
  /** The learnt clause; lits[0] is the negated UIP, lits[1] a literal of the backjump level. */
  lits: number[];
  lbd: number;
  backjump: number;
}

/**
 * Conflict analysis by resolution back along the trail up to the first unique implication point
 * (Marques-Silva & Sakallah, GRASP, 1996; Zhang et al., ICCAD'01): the clause learnt is the
 * cut of the implication graph just after the first UIP. Then MiniSat's recursive minimisation
 * (Sörensson & Biere, SAT'09) drops literals implied by the others.
 */
export function analyze(s: Solver, conflict: number): Learnt {
  const { arena, seen, level, reason, trail } = s;
  const dl = s.decisionLevel();
  const out: number[] = [-1];
  const resolved: number[] = [];
  let pathC = 0;
  let p = -1;
  let idx = s.trailSize - 1;
  let c = conflict;
  do {
    const size = arena.size(c);
    for (let j = p < 0 ? 0 : 1; j < size; j++) {
      const q = arena.lit(c, j);
      const v = q >> 1;
      if (seen[v] || level[v] === 0) continue;
      s.order.bump(v);
      seen[v] = 1;
      if (level[v]! >= dl) pathC++;
      else out.push(q);
    }
    while (!seen[trail[idx--]! >> 1]);
    p = trail[idx + 1]!;
    c = reason[p >> 1]!;
    seen[p >> 1] = 0;
    pathC--;
    if (pathC > 0) resolved.push(p);
  } while (pathC > 0);
  out[0] = p ^ 1;

  const beforeMinimise = out.slice();
  const lits = s.options.minimise ? minimise(s, out) : out;
  for (const l of beforeMinimise) seen[l >> 1] = 0;
  s.stats.minimisedLiterals += beforeMinimise.length - lits.length;

  let backjump = 0;
  if (lits.length > 1) {
    let best = 1;
    for (let i = 2; i < lits.length; i++) if (level[lits[i]! >> 1]! > level[lits[best]! >> 1]!) best = i;
    [lits[1], lits[best]] = [lits[best]!, lits[1]!];
    backjump = level[lits[1]! >> 1]!;
  }
  const lbd = countLevels(s, lits);
  if (s.rec.on) {
    const gone = new Set(lits);
    s.rec.push({
      kind: 'learn',
      clause: s.nextId,
      lits: lits.map(toDimacs),
      lbd,
      minimisedAway: beforeMinimise.filter((l) => !gone.has(l)).map(toDimacs),
      cut: describeCut(s, conflict, p, resolved, beforeMinimise),
      backjumpTo: backjump,
    });
  }
  return { lits, lbd, backjump };
}

/** Literal block distance (Glucose): the number of distinct decision levels in the clause. */
function countLevels(s: Solver, lits: readonly number[]): number {
  const stamp = ++s.levelStamp;
  let n = 0;
  for (const l of lits) {
    const d = s.level[l >> 1]!;
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
function minimise(s: Solver, out: number[]): number[] {
  let abstract = 0;
  for (let i = 1; i < out.length; i++) abstract |= 1 << (s.level[out[i]! >> 1]! & 31);
  const cleared: number[] = [];
  const kept = [out[0]!];
  for (let i = 1; i < out.length; i++) {
    const l = out[i]!;
    if (s.reason[l >> 1]! < 0 || !redundant(s, l, abstract, cleared)) kept.push(l);
  }
  for (const v of cleared) s.seen[v] = 0;
  return kept;
}

function redundant(s: Solver, start: number, abstract: number, cleared: number[]): boolean {
  const { arena, seen, level, reason } = s;
  const stack = [start];
  const mark = cleared.length;
  while (stack.length > 0) {
    const c = reason[stack.pop()! >> 1]!;
    for (let j = 1; j < arena.size(c); j++) {
      const q = arena.lit(c, j);
      const v = q >> 1;
      if (seen[v] || level[v] === 0) continue;
      if (reason[v]! >= 0 && (abstract & (1 << (level[v]! & 31))) !== 0) {
        seen[v] = 1;
        stack.push(q);
        cleared.push(v);
      } else {
        for (let k = mark; k < cleared.length; k++) seen[cleared[k]!] = 0;
        cleared.length = mark;
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

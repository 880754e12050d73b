import { HEADER, SEARCH_FROM } from './arena.ts';

const TRUE = 1;
const FALSE = -1;

/** Where `propagate` leaves the trail's head and size (the solver copies them back). */
export const QHEAD = 0;
export const TRAIL_SIZE = 1;

/*
 * Propagation is a module function over the solver's typed arrays (and one array of typed
 * arrays), passed in, never read through a solver object: V8's optimised code holds the maps of
 * the objects it reads weakly, so once every solver of a run has died a major GC frees those
 * maps and discards the code that read them ("weak objects" under --trace-deopt); the next
 * solver would run in the interpreter until it is compiled again. Typed-array maps live as long
 * as the page, so this code survives from one solver to the next.
 */

/** Appends the pair (cref, blocker) to literal l's watch list, growing it when full. */
export function pushWatch(watches: Int32Array[], wsize: Int32Array, l: number, c: number, blocker: number): void {
  let ws = watches[l]!;
  const n = wsize[l]!;
  if (n + 2 > ws.length) {
    const grown = new Int32Array(ws.length * 2);
    grown.set(ws);
    watches[l] = ws = grown;
  }
  ws[n] = c;
  ws[n + 1] = blocker;
  wsize[l] = n + 2;
}

/**
 * Boolean constraint propagation over two watched literals (MiniSat's propagate, with its
 * blocker literals) at decision level `dl`; returns a conflicting cref or -1. Implied literals
 * are assigned inline (the trace, when on, reads them off the trail afterwards). A binary clause
 * is watched as ~cref with the other literal as blocker, so it is decided from the watch list.
 * One function of about 100 lines on purpose: split into calls, the binary and the long-clause
 * cases would lose the trail's head and size kept in locals.
 */
export function propagate(data: Int32Array, vals: Int8Array, trail: Int32Array, watches: Int32Array[], wsize: Int32Array, level: Int32Array, reason: Int32Array, regs: Int32Array, dl: number): number {
  // The arena's layout, read once: where modules are bundled for Node (tsx, the bench and the CLI), an
  // imported constant is a getter call at every use (measured: 28% of a uf200 run's time).
  const header = HEADER;
  const searchFrom = SEARCH_FROM;
  let conflict = -1;
  let qhead = regs[QHEAD]!;
  let trailSize = regs[TRAIL_SIZE]!;
  while (qhead < trailSize) {
    const falseLit = trail[qhead++]! ^ 1;
    const ws = watches[falseLit]!;
    const n = wsize[falseLit]!;
    let i = 0;
    let j = 0;
    while (i < n) {
      const c = ws[i]!;
      const blocker = ws[i + 1]!;
      i += 2;
      if (vals[blocker] === TRUE) {
        ws[j++] = c;
        ws[j++] = blocker;
        continue;
      }
      if (c < 0) {
        // A binary clause: the blocker is its other literal, so the clause itself is read only to
        // put the implied literal first (as conflict analysis expects of a reason).
        ws[j++] = c;
        ws[j++] = blocker;
        if (vals[blocker] === FALSE) {
          conflict = ~c;
          while (i < n) ws[j++] = ws[i++]!;
          qhead = trailSize;
          break;
        }
        const b = ~c + header;
        data[b] = blocker;
        data[b + 1] = falseLit;
        vals[blocker] = TRUE;
        vals[blocker ^ 1] = FALSE;
        level[blocker >> 1] = dl;
        reason[blocker >> 1] = ~c;
        trail[trailSize++] = blocker;
        continue;
      }
      const base = c + header;
      let first = data[base]!;
      if (first === falseLit) {
        first = data[base + 1]!;
        data[base] = first;
        data[base + 1] = falseLit;
      }
      if (first !== blocker && vals[first] === TRUE) {
        ws[j++] = c;
        ws[j++] = first;
        continue;
      }
      const end = base + data[c]!;
      const from = base + data[c + searchFrom]!;
      let k = from;
      while (k < end && vals[data[k]!] === FALSE) k++;
      if (k === end) {
        k = base + 2;
        while (k < from && vals[data[k]!] === FALSE) k++;
        if (k === from) k = end;
      }
      if (k < end) {
        const q = data[k]!;
        data[base + 1] = q;
        data[k] = falseLit;
        data[c + searchFrom] = k - base;
        const m = wsize[q]!;
        const wq = watches[q]!;
        if (m + 2 <= wq.length) {
          wq[m] = c;
          wq[m + 1] = first;
          wsize[q] = m + 2;
        } else pushWatch(watches, wsize, q, c, first);
        continue;
      }
      ws[j++] = c;
      ws[j++] = first;
      if (vals[first] === FALSE) {
        conflict = c;
        while (i < n) ws[j++] = ws[i++]!;
        qhead = trailSize;
      } else {
        vals[first] = TRUE;
        vals[first ^ 1] = FALSE;
        level[first >> 1] = dl;
        reason[first >> 1] = c;
        trail[trailSize++] = first;
      }
    }
    wsize[falseLit] = j;
    if (conflict >= 0) break;
  }
  regs[QHEAD] = qhead;
  regs[TRAIL_SIZE] = trailSize;
  return conflict;
}

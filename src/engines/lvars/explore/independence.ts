import type { Builtin, Handle } from '../runtime/values.ts';
import { arrayCell, arrayThresholdMet, type Config, type LVarCell } from '../runtime/world.ts';

/**
 * Which shared locations a thread's next step touches, and how: the basis of the independence
 * relation for partial-order reduction. Two steps are independent when, from any configuration
 * where both are enabled, taking them in either order gives the same configuration and neither
 * disables the other. For LVars that holds more often than for memory: two puts to the same
 * (lawful, unfrozen) LVar commute, because join is commutative and associative, and a threshold
 * read whose threshold is met commutes with them, because a met threshold stays met (POPL'14,
 * section 3: the answer of a threshold read is the same whatever is put later).
 */
type Mode = 'read' | 'observe' | 'update' | 'freeze' | 'write';

export interface Access {
  loc: string;
  /**
   * read: the answer may change with the LVar's state; observe: a threshold read whose threshold
   * is met, so that no update changes its answer; update: an inflationary change (put, bump);
   * freeze; write: anything else on the location (a ref, a frozen or lawless LVar).
   */
  mode: Mode;
  /**
   * For an update, which family it is of: updates commute only within one (a put and a bump
   * never meet on one LVar, the types see to it; modify's create-on-demand commutes only with
   * modify, and only with the same constructor).
   */
  kind?: string;
}

export interface Footprint {
  /** Touches pools or handler quiescence: treated as dependent on everything. */
  global: boolean;
  accesses: Access[];
}

const GLOBAL: Footprint = { global: true, accesses: [] };

/** An access to an LVar: an update that could change a frozen LVar, or a join not known to commute, conflicts with everything on it. */
function onLVar(cell: LVarCell | undefined, mode: Mode, kind = 'join'): Access | undefined {
  if (!cell) return undefined;
  const safe = !cell.frozen && cell.lattice.lawful;
  if (mode === 'update') return safe ? { loc: cell.id, mode, kind } : { loc: cell.id, mode: 'write' };
  return { loc: cell.id, mode };
}

const of = (...accesses: (Access | undefined)[]): Footprint =>
  accesses.every((a) => a !== undefined) ? { global: false, accesses: accesses as Access[] } : GLOBAL;

// One function (about 50 lines): one case per shared operation, the independence table read side by side.
export function footprint(c: Config, thread: string): Footprint {
  const t = c.threads.find((x) => x.id === thread);
  const p = t?.pending;
  if (!p) return GLOBAL;
  const lvar = (i: number) => c.lvars.get((p.args[i] as Handle).id);
  switch (p.op) {
    case 'put':
    case 'putKey':
    case 'putFst':
    case 'putSnd':
    case 'bump':
      return of(onLVar(lvar(0), 'update'));
    case 'insert':
      return of(onLVar(lvar(1), 'update'));
    case 'putAt':
    case 'bumpAt':
      // An index outside the array fails the step: dependent on everything.
      return of(onLVar(arrayCell(c.lvars, p), 'update'));
    case 'getAt':
    case 'waitAt': {
      const cell = arrayCell(c.lvars, p);
      // getAt's answer is an IVar's value, waitAt's is unit: once the threshold is met, no put changes them.
      const stable = cell !== undefined && cell.lattice.lawful && (p.op === 'waitAt' || cell.lattice.spec.kind === 'ivar') && arrayThresholdMet(cell, p);
      return of(onLVar(cell, stable ? 'observe' : 'read'));
    }
    case 'pairLeft':
    case 'pairRight':
      // cartesianProd's callback: puts into the product what the other set holds now.
      return of(onLVar(lvar(0), 'update'), onLVar(lvar(1), 'read'));
    case 'modify':
      return of(onLVar(lvar(0), 'update', `modify:${(p.args[2] as Builtin).name}`));
    // get/3's answer carries a frozen bit, yet a freeze cannot change it: once a threshold of T is
    // met, no element of F can be frozen (T and F are checked pairwise incompatible, POPL'14 §4).
    case 'get/1':
    case 'get/2':
    case 'get/3':
    case 'waitSize':
    case 'getFst':
    case 'getSnd':
    case 'getKey':
    case 'waitKey':
      return of(onLVar(lvar(0), 'read'));
    case 'waitElem':
      return of(onLVar(lvar(1), 'read'));
    case 'freeze':
      return of(onLVar(lvar(0), 'freeze'));
    case 'read':
      return of({ loc: (p.args[0] as Handle).id, mode: 'read' });
    case 'write':
      return of({ loc: (p.args[0] as Handle).id, mode: 'write' });
    case 'await':
      // A future is written once, by the step that ends its thread, before any await can take place.
      return of();
    default:
      // addHandler, newHandler, quiesce, freezeAfter, getMemo, cancel: they depend on which threads are running.
      return GLOBAL;
  }
}

/** A read of either kind: it changes nothing. */
export const reads = (a: Access): boolean => a.mode === 'read' || a.mode === 'observe';

/** Two accesses to one location that commute, neither a read: updates of one family, or two freezes. */
export const sameChange = (a: Access, b: Access): boolean => (a.mode === 'update' && b.mode === 'update' ? a.kind === b.kind : a.mode === 'freeze' && b.mode === 'freeze');

/** Accesses to one location that commute wherever both are enabled. */
function commute(a: Access, b: Access): boolean {
  if (a.mode === 'write' || b.mode === 'write') return false;
  if (reads(a) && reads(b)) return true;
  if (a.mode === 'observe' || b.mode === 'observe') return true;
  // A read that may change with the state commutes with a freeze only.
  if (reads(a) || reads(b)) return a.mode === 'freeze' || b.mode === 'freeze';
  return sameChange(a, b);
}

export function independent(a: Footprint, b: Footprint): boolean {
  if (a.global || b.global) return false;
  for (const x of a.accesses) for (const y of b.accesses) if (x.loc === y.loc && !commute(x, y)) return false;
  return true;
}

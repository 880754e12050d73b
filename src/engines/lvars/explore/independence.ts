import type { Handle } from '../runtime/values.ts';
import type { Config } from '../runtime/world.ts';

/**
 * Which shared locations a thread's next step touches, and how: the basis of the independence
 * relation for partial-order reduction. Two steps are independent when, from any configuration
 * where both are enabled, taking them in either order gives the same configuration and neither
 * disables the other. For LVars that holds more often than for memory: two puts to the same
 * (lawful, unfrozen) LVar commute, because join is commutative and associative.
 */
type Mode = 'read' | 'update' | 'freeze' | 'write';

export interface Footprint {
  /** Touches pools or handler quiescence: treated as dependent on everything. */
  global: boolean;
  accesses: { loc: string; mode: Mode }[];
}

const GLOBAL: Footprint = { global: true, accesses: [] };

export function footprint(c: Config, thread: string): Footprint {
  const t = c.threads.find((x) => x.id === thread);
  const p = t?.pending;
  if (!p) return GLOBAL;
  const id = (i: number) => (p.args[i] as Handle).id;
  const lvar = (i: number, mode: Mode): Footprint => {
    const cell = c.lvars.get(id(i));
    // A put that could change a frozen LVar, or a join not known to commute, conflicts with everything on the LVar.
    const safe = cell !== undefined && !cell.frozen && cell.lattice.lawful;
    return { global: false, accesses: [{ loc: id(i), mode: mode === 'update' && !safe ? 'write' : mode }] };
  };
  switch (p.op) {
    case 'put':
    case 'putKey':
    case 'putFst':
    case 'putSnd':
    case 'bump':
      return lvar(0, 'update');
    case 'insert':
      return lvar(1, 'update');
    case 'get/1':
    case 'get/2':
    case 'get/3':
    case 'waitSize':
    case 'getFst':
    case 'getSnd':
    case 'getKey':
    case 'waitKey':
      return lvar(0, 'read');
    case 'waitElem':
      return lvar(1, 'read');
    case 'freeze':
      return lvar(0, 'freeze');
    case 'read':
      return { global: false, accesses: [{ loc: id(0), mode: 'read' }] };
    case 'write':
      return { global: false, accesses: [{ loc: id(0), mode: 'write' }] };
    case 'await':
      // A future is written once, by the step that ends its thread, before any await can take place.
      return { global: false, accesses: [] };
    default:
      // addHandler, newHandler, quiesce, freezeAfter: they depend on which handler threads are running.
      return GLOBAL;
  }
}

const COMMUTE: Record<Mode, readonly Mode[]> = {
  read: ['read', 'freeze'],
  freeze: ['read', 'freeze'],
  update: ['update'],
  write: [],
};

export function independent(a: Footprint, b: Footprint): boolean {
  if (a.global || b.global) return false;
  for (const x of a.accesses) for (const y of b.accesses) if (x.loc === y.loc && !COMMUTE[x.mode].includes(y.mode)) return false;
  return true;
}
